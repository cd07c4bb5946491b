"""The evaluation report: ``report.json``, ``report.md``, ``report.html`` with charts and overlays.

``report.json`` has the primary tool's headline figures at the top level (``recall``,
``over_redaction``, ``zero_leak_rate``, ``seconds_per_image``, ``per_type`` keyed by entity type)
and every tool's full breakdown under ``tools``. Overlays show each miss and each
over-redaction on the original: truth boxes in red, the pixels the tool changed shaded blue.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from redact.eval._scorer import CHANGED_DELTA, ImageScore, ItemScore, ToolScore

__all__ = ["EvalReport", "overlay", "write_overlays", "write_report"]

_MAX_OVERLAY_WIDTH = 900


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores of one tool (and optionally a second, compared side by side) on one fixture set."""

    fixtures: str
    tools: tuple[ToolScore, ...]
    out: Path | None = None
    overlays: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # tool -> image -> overlay files

    @property
    def primary(self) -> ToolScore:
        return self.tools[0]

    def to_dict(self) -> dict[str, Any]:
        main = self.primary.to_dict()
        out: dict[str, Any] = {
            "fixtures": self.fixtures,
            "tool": main["tool"],
            "recall": main["recall"],
            "over_redaction": main["over_redaction"],
            "zero_leak_rate": main["zero_leak_rate"],
            "seconds_per_image": main["seconds_per_image"],
            "negative_changed_area": main["negative_changed_area"],
            "per_type": main["per_type"],
            "keys": main["keys"],
            "tools": {t.tool: t.to_dict() for t in self.tools},
        }
        if len(self.tools) > 1:
            out["compare"] = self.tools[1].tool
        return out


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.1%}"


def _secs(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def summary_table(report: EvalReport) -> list[list[str]]:
    """Rows of the side-by-side table: one row per entity type, then the headline figures."""
    tools = report.tools
    types = sorted({k for t in tools for k in t.per_type()})
    rows = [["metric", *(t.tool for t in tools)]]
    for ty in types:
        cells = []
        for t in tools:
            r = t.per_type().get(ty)
            cells.append("n/a" if r is None else f"{_pct(r.value)} ({r.hit}/{r.total})")
        rows.append([f"recall: {ty}", *cells])
    rows.append(["**recall (all values)**", *(f"**{_pct(t.recall.value)}** ({t.recall.hit}/{t.recall.total})" for t in tools)])
    rows.append(["over-redaction (look-alikes covered)",
                 *(f"{_pct(t.over_redaction.value)} ({t.over_redaction.hit}/{t.over_redaction.total})" for t in tools)])
    rows.append(["changed area on negative pages", *(_pct(t.negative_changed_area) for t in tools)])
    rows.append(["zero-leak rate (images)", *(f"{_pct(t.zero_leak.value)} ({t.zero_leak.hit}/{t.zero_leak.total})" for t in tools)])
    rows.append(["seconds per image", *(_secs(t.seconds_per_image) for t in tools)])
    for label, attr in (("keys: key-level recall", "key_recall"), ("keys: runs fully masked", "runs_fully_masked"),
                        ("keys: false-mask rate", "false_mask_rate")):
        vals = []
        for t in tools:
            k = t.to_dict()["keys"]
            vals.append("n/a" if k is None else _pct(k[attr]))
        rows.append([label, *vals])
    return rows


def _markdown(rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out)


def _chart(report: EvalReport, path: Path, *, lookalikes: bool = False) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tools = report.tools
    per = [t.lookalike_types() if lookalikes else t.per_type() for t in tools]
    types = sorted({k for p in per for k in p})
    if not types:
        return
    fig, ax = plt.subplots(figsize=(10, max(3.0, 0.32 * len(types) + 1)))
    height = 0.8 / len(tools)
    y = np.arange(len(types))
    for n, (t, p) in enumerate(zip(tools, per, strict=True)):
        vals = [100 * (p[k].value or 0.0) if k in p else 0.0 for k in types]
        ax.barh(y + n * height, vals, height=height, label=t.tool)
    ax.set_yticks(y + height * (len(tools) - 1) / 2, types)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of look-alikes covered (lower is better)" if lookalikes else "% of values redacted")
    ax.set_title("Over-redaction per look-alike type" if lookalikes else "Recall per entity type")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def overlay(original: np.ndarray, redacted: np.ndarray, item: ItemScore, *, margin: int = 40) -> Image.Image:
    """A crop of the original around ``item``: changed pixels shaded blue, truth boxes in red."""
    changed = np.abs(original.astype(np.int16) - redacted.astype(np.int16)).max(axis=-1) > CHANGED_DELTA
    h, w = original.shape[:2]
    x0 = max(0, min(b.x0 for b in item.boxes) - margin)
    y0 = max(0, min(b.y0 for b in item.boxes) - margin)
    x1 = min(w, max(b.x1 for b in item.boxes) + margin)
    y1 = min(h, max(b.y1 for b in item.boxes) + margin)
    crop = original[y0:y1, x0:x1].astype(np.float32)
    shade = changed[y0:y1, x0:x1, None]
    crop = np.where(shade, 0.55 * crop + 0.45 * np.array([40, 110, 255], np.float32), crop).astype(np.uint8)
    img = Image.fromarray(crop)
    draw = ImageDraw.Draw(img)
    for b in item.boxes:
        draw.rectangle([b.x0 - x0 - 1, b.y0 - y0 - 1, b.x1 - x0, b.y1 - y0], outline=(230, 20, 20), width=2)
    if img.width > _MAX_OVERLAY_WIDTH:
        img = img.resize((_MAX_OVERLAY_WIDTH, max(1, img.height * _MAX_OVERLAY_WIDTH // img.width)))
    return img


def write_overlays(out: Path, tool: str, score: ImageScore, original: np.ndarray, redacted: np.ndarray) -> list[str]:
    """One overlay PNG per miss and per over-redacted look-alike; returns paths relative to ``out``."""
    written = []
    stem = score.name.replace("/", "__").removesuffix(".png")
    for n, item in enumerate(score.items):
        kind = f"miss-{item.reason}" if item.sensitive and not item.redacted else "over" if item.over_redacted else ""
        if not kind:
            continue
        rel = Path("overlays") / _safe(tool) / f"{stem}-{n:03d}-{kind}-{item.label}.png"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        overlay(original, redacted, item).save(out / rel)
        written.append(str(rel))
    return written


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[-60:]


def write_report(report: EvalReport, out: Path) -> None:
    """Write ``report.json``, ``report.md``, ``report.html`` and the charts into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    data = report.to_dict()
    (out / "report.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    rows = summary_table(report)
    _chart(report, out / "recall_per_type.png")
    _chart(report, out / "overredaction_per_type.png", lookalikes=True)
    names = " vs ".join(t.tool for t in report.tools)
    md = [f"# Redaction evaluation: {names}", "", f"Fixtures: `{report.fixtures}`", "", _markdown(rows), ""]
    md += ["## Per template", ""]
    for t in report.tools:
        md += [f"### {t.tool}", "", "| template | recall | over-redaction |", "|---|---|---|"]
        for k, g in t.by("template").items():
            md.append(f"| {k} | {_pct(g['recall'].value)} ({g['recall'].hit}/{g['recall'].total}) | "
                      f"{_pct(g['over_redaction'].value)} ({g['over_redaction'].hit}/{g['over_redaction'].total}) |")
        md.append("")
    (out / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    (out / "report.html").write_text(_html(report, rows), encoding="utf-8")


def _html(report: EvalReport, rows: list[list[str]]) -> str:
    def cell(text: str, tag: str = "td") -> str:
        bold = text.startswith("**")
        t = html.escape(text.replace("**", ""))
        return f"<{tag}>{'<b>' + t + '</b>' if bold else t}</{tag}>"

    table = "<table><tr>" + "".join(cell(c, "th") for c in rows[0]) + "</tr>" + "".join(
        "<tr>" + "".join(cell(c) for c in r) + "</tr>" for r in rows[1:]) + "</table>"
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>redact eval</title><style>"
        "body{font:14px sans-serif;margin:2em;max-width:1200px} table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left} .ov{display:inline-block;margin:.4em;"
        "vertical-align:top;font-size:12px} .ov img{display:block;max-width:560px;border:1px solid #999}"
        "</style></head><body>",
        f"<h1>Redaction evaluation: {html.escape(' vs '.join(t.tool for t in report.tools))}</h1>",
        f"<p>Fixtures: <code>{html.escape(report.fixtures)}</code>. A value is redacted when ≥90% of its glyph "
        "pixels changed on every line and OCR of the output does not give it back. Overlays: truth in red, "
        "changed pixels shaded blue.</p>",
        table,
        "<h2>Recall per entity type</h2><img src='recall_per_type.png'>",
        "<h2>Over-redaction per look-alike type</h2><img src='overredaction_per_type.png'>",
    ]
    for t in report.tools:
        ov = report.overlays.get(t.tool, {})
        misses = [(img, p) for img, ps in ov.items() for p in ps if "-miss-" in p]
        overs = [(img, p) for img, ps in ov.items() for p in ps if "-over-" in p]
        for title, group in ((f"{t.tool}: misses ({len(misses)})", misses),
                             (f"{t.tool}: over-redactions ({len(overs)})", overs)):
            parts.append(f"<h2>{html.escape(title)}</h2>")
            parts += [f"<div class='ov'><img loading='lazy' src='{html.escape(p)}'>{html.escape(img)}<br>"
                      f"{html.escape(Path(p).stem.split('-')[-1])}</div>" for img, p in group]
    parts.append("</body></html>")
    return "\n".join(parts)
