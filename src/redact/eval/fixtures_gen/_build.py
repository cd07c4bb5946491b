"""The fixture set: which template at which theme, font size, viewport and scale; and the writer."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from redact.eval._truth import Truth, TruthItem, save_truth
from redact.eval.fixtures_gen import _apps, _forms, _negative
from redact.eval.fixtures_gen._page import MONO, SANS, page
from redact.eval.fixtures_gen._values import Values
from redact.image._model import Box

Template = Callable[[Values], tuple[str, str]]

TEMPLATES: dict[str, Template] = {
    "login": _apps.login,
    "login_revealed": _apps.login_revealed,
    "webmail": _apps.webmail,
    "chat": _apps.chat,
    "terminal": _apps.terminal,
    "ide": _apps.ide,
    "crm": _apps.crm,
    "banking": _forms.banking,
    "hr_form": _forms.hr_form,
    "medical": _forms.medical,
    "settings_keys": _forms.settings_keys,
    "code_review": _forms.code_review,
    "checkout": _forms.checkout,
    "admin_logs": _forms.admin_logs,
    "neg_releases": _negative.releases,
    "neg_inventory": _negative.inventory,
    "neg_api_docs": _negative.api_docs,
}

# (CSS width, CSS height, device scale): 1280x800 to 2560x1600 device pixels.
_VIEWPORTS = ((1920, 1080, 1), (1280, 800, 1), (1440, 900, 1), (1280, 800, 2), (1680, 1050, 1), (2560, 1440, 1))
_FONT_PX = (13, 14, 11, 15, 12, 16)


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One fixture screenshot: ``template`` rendered with ``theme`` at ``font_px`` on a viewport."""

    name: str
    template: str
    theme: str
    font_px: int
    width: int
    height: int
    scale: int
    seed: int


def _specs(seed: int = 1000) -> tuple[PageSpec, ...]:
    # Another seed also moves every page to another viewport and font size, so a set drawn with
    # it differs in layout as well as in values.
    shift = 0 if seed == 1000 else 1 + seed % 5  # never a whole turn of the six viewports and sizes
    specs = []
    for i, (tpl, theme) in enumerate((t, th) for t in TEMPLATES for th in ("light", "dark")):
        w, h, scale = _VIEWPORTS[(i * 5 + (i // 2) + shift) % len(_VIEWPORTS)]
        px = _FONT_PX[(i * 7 + i // 3 + shift) % len(_FONT_PX)]
        specs.append(PageSpec(f"{tpl}-{theme}-{px}px-{w * scale}x{h * scale}", tpl, theme, px, w, h, scale, seed + i))
    return tuple(specs)


#: Every screenshot ``generate`` writes (34: 14 templates and 3 negative pages, light and dark).
PAGES: tuple[PageSpec, ...] = _specs()


def pages_for(seed: int) -> tuple[PageSpec, ...]:
    """The same 34 pages drawn with another seed: other values, viewports and font sizes.

    The committed set is seed 1000. A set nobody looked at while tuning detectors (for example
    seed 7000) measures the same thing without that bias.
    """
    return _specs(seed)


def generate(out: Path, *, pages: tuple[PageSpec, ...] = PAGES, log: Callable[[str], None] = print) -> list[Path]:
    """Render ``pages`` into ``out`` as ``NAME.png`` + ``NAME.truth.json``; returns the PNG paths."""
    from redact.eval.fixtures_gen._browser import Browser

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with Browser() as browser:
        for spec in pages:
            values = Values(spec.seed)
            title, body = TEMPLATES[spec.template](values)
            sans, mono = SANS[spec.seed % len(SANS)], MONO[spec.seed // 2 % len(MONO)]
            html = page(body, theme=spec.theme, font_px=spec.font_px, sans=sans, mono=mono, title=title)
            shot = browser.render(html, width=spec.width, height=spec.height, scale=spec.scale)
            path = out / f"{spec.name}.png"
            shot.image.save(path, optimize=True)
            items = tuple(TruthItem(label, sens, tuple(Box(*b) for b in boxes), value)
                          for label, sens, value, boxes in shot.items)
            save_truth(Truth(shot.image.width, shot.image.height, items, spec.template), path)
            n_s = sum(it.sensitive for it in items)
            log(f"{path.name}: {n_s} sensitive, {len(items) - n_s} look-alikes")
            written.append(path)
    return written


def write_key_fixtures(out: Path, *, n: int = 40, seed: int = 5) -> list[Path]:
    """Keystroke sessions from :mod:`redact.eval.keygen` as ``NAME.jsonl`` + ``NAME.truth.json``.

    The ``.jsonl`` is the key log (one event per line, the format ``redact keys`` reads); the truth
    holds ``kind``, ``truth`` (one entity type or null per event) and ``items`` (the event indexes
    of each sensitive value).
    """
    from redact.eval.keygen import generate_sessions

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for s in generate_sessions(n, seed=seed):
        p = out / f"{s.name}.jsonl"
        p.write_text("".join(json.dumps(e, separators=(",", ":")) + "\n" for e in s.events), encoding="utf-8")
        truth = {"kind": s.kind, "truth": list(s.truth), "items": [[label, list(idx)] for label, idx in s.items]}
        (out / f"{s.name}.truth.json").write_text(json.dumps(truth, separators=(",", ":")) + "\n", encoding="utf-8")
        paths.append(p)
    return paths
