"""The image stages in order: OCR -> page text -> findings -> boxes -> paint.

Each stage takes the previous stage's typed output; nothing here reads files or knows the caller's
image type (that is :mod:`redact.image._io`). Failures of OCR or detection are reported to the
caller, which applies the policy's fail mode.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from redact._errors import EngineError
from redact._memory import SecretMemory
from redact._policy import Policy
from redact.image._columns import column_names
from redact.image._locate import Locator, PageText, build_page_text, cell_order, column_order, continuations
from redact.image._model import Box, OcrPage
from redact.image._ocr import OcrEngine
from redact.image._paint import paint
from redact.text._model import TextFinding

if TYPE_CHECKING:
    from redact.image._regions import OcrCache



@dataclass(frozen=True, slots=True)
class Located:
    """One finding with its boxes on the page."""

    finding: TextFinding
    boxes: tuple[Box, ...]


@dataclass(frozen=True, slots=True)
class PixelsOut:
    rgb: np.ndarray
    alpha: np.ndarray | None
    located: tuple[Located, ...]
    stage_seconds: dict[str, float]
    engine: str


def redact_pixels(
    rgb: np.ndarray,
    alpha: np.ndarray | None,
    *,
    ocr: OcrEngine,
    analyze: Callable[[str], Sequence[TextFinding]],
    policy: Policy,
    deadline: float,
    memory: SecretMemory | None = None,
    forced: Sequence[Box] = (),
    analyze_readings: Callable[[Sequence[str], Sequence[bool]], Sequence[Sequence[TextFinding]]] | None = None,
    ocr_cache: OcrCache | None = None,
) -> PixelsOut:
    """Run every stage on one RGB image; raise :class:`EngineError` when a stage fails or overruns.

    ``forced`` boxes (secure fields from the recording context) are painted whatever OCR reads
    there; a password-looking word OCR reads inside one (a "show password" toggle) is remembered.
    ``analyze_readings`` (:meth:`TextAnalyzer.analyze_readings`), when given, analyses a page's
    readings together (sharing per-line work); otherwise ``analyze`` reads each one alone.
    ``ocr_cache`` (one per recording) is passed to the OCR engine's ``read``.
    """
    secs: dict[str, float] = {}
    t = time.perf_counter()
    try:
        page: OcrPage = ocr.read(rgb) if ocr_cache is None else ocr.read(rgb, cache=ocr_cache)  # type: ignore[call-arg]
    except EngineError:
        raise
    except Exception as exc:
        raise EngineError(f"OCR engine {ocr.name!r} failed: {type(exc).__name__}", code="R311") from None
    secs["ocr"] = time.perf_counter() - t
    _check_deadline(deadline, "OCR")

    if memory is not None and forced:
        remember_inside(page, forced, memory)

    # Reading order matters to the detectors (a token wrapped onto the next line, a label above
    # its value). Rows across the whole page interleave a sidebar or a second pane with the main
    # one, so a page with several columns is analysed in column order too; and where a line wraps
    # onto the next (a narrow table cell: "+1 (453)" over "812-9973"), in rows with each wrapped
    # line right after the line it continues. The row order stays, for a label and its value.
    orders, kinds = [page], ["rows"]
    below = continuations(page)
    by_cell = cell_order(page, below)
    if by_cell is not page:
        orders.append(by_cell)
        kinds.append("cells")
    by_column = column_order(page)
    if by_column is not None:
        orders.append(by_column)
        kinds.append("columns")
    # The statistical NER model reads one order: on a page with several columns the column order,
    # since rows across the page interleave a sidebar with the main pane, which is no prose to the
    # model (on the fixtures, every name it found in row order it also found in column order, and
    # some of its row-order spans were UI words); else the rows. It is two thirds of the analysis.
    # The pattern detectors read every order.
    ner = [kind == ("columns" if "columns" in kinds else "rows") for kind in kinds]
    located: list[Located] = []
    seen: set[tuple[str, tuple[Box, ...]]] = set()
    t = time.perf_counter()
    texts = [build_page_text(ordered) for ordered in orders]
    try:
        if analyze_readings is not None:
            per_reading = [list(fs) for fs in analyze_readings([pt.text for pt in texts], ner)]
        else:
            per_reading = [list(analyze(pt.text)) for pt in texts]
    except EngineError:
        raise
    except Exception as exc:
        raise EngineError(f"text analysis failed: {type(exc).__name__}", code="R321") from None
    if memory is not None:
        per_reading = [remember_and_recall(pt.text, fs, memory) for pt, fs in zip(texts, per_reading, strict=True)]
    follows = {id(page.lines[i]): page.lines[j] for i, j in below.items()}
    per_reading = [fs + column_names(ordered, pt, fs, follows=follows, allows=policy.allows)
                   for ordered, pt, fs in zip(orders, texts, per_reading, strict=True)]
    secs["analyze"] = time.perf_counter() - t
    _check_deadline(deadline, "detection")

    t = time.perf_counter()
    for k, (ordered, pt, findings) in enumerate(zip(orders, texts, per_reading, strict=True)):
        # What another reading found is sensitive here too: the locator takes its geometry (line
        # band, pitch, the page's grid) from the words around a span, never from sensitive ones.
        others = [
            g
            for j in range(len(orders))
            if j != k
            for g in _moved(per_reading[j], texts[j], orders[j], pt, ordered)
        ]
        locator = Locator(ordered, pt, findings + others, padding=policy.padding, image=rgb)
        for i, f in enumerate(findings):
            loc = Located(f, tuple(locator.boxes(i)))
            key = (f.entity_type, loc.boxes)
            if key not in seen:
                seen.add(key)
                located.append(loc)
    secs["locate"] = time.perf_counter() - t

    t = time.perf_counter()
    boxes = [b for loc in located for b in loc.boxes] + list(forced)
    out = paint(rgb, boxes, style=policy.style, fill_color=policy.fill_color) if boxes else rgb.copy()
    out_alpha = None
    if alpha is not None:
        out_alpha = alpha.copy()
        for b in boxes:
            out_alpha[b.y0 : b.y1, b.x0 : b.x1] = 255  # the redaction is opaque whatever was there
    secs["paint"] = time.perf_counter() - t
    return PixelsOut(out, out_alpha, tuple(located), secs, getattr(page, "engine", "") or ocr.name)


def _moved(findings: Sequence[TextFinding], src: PageText, src_page: OcrPage, dst: PageText, dst_page: OcrPage) -> list[TextFinding]:
    """``findings`` of one reading of a page placed in another reading's text, one per line piece.

    Both readings hold the same line objects in different orders, each line with the same text.
    """
    where = {id(line): i for i, line in enumerate(dst_page.lines)}
    out = []
    for f in findings:
        for li in range(src.line_of(f.start), len(src.line_start)):
            ls, le = src.line_span(li)
            if ls >= f.end:
                break
            a, b = max(f.start, ls), min(f.end, le)
            di = where.get(id(src_page.lines[li]))
            if b > a and di is not None:
                off = dst.line_start[di] - ls
                out.append(TextFinding(f.entity_type, a + off, b + off, f.score, f.detector))
    return out


#: Findings worth remembering for the rest of a session: secrets and passwords, not names or e-mails
#: (those are found again by their own detectors, and remembering them would add nothing).
def _rememberable(entity_type: str) -> bool:
    from redact.text.secrets import SECRET_ENTITY_TYPES

    return entity_type in SECRET_ENTITY_TYPES


def remember_and_recall(text: str, findings: Sequence[TextFinding], memory: SecretMemory) -> list[TextFinding]:
    """Remember this page's secrets, then add every occurrence of any remembered one."""
    for f in findings:
        if _rememberable(f.entity_type):
            memory.remember(text[f.start : f.end], f.entity_type)
    out = list(findings)
    have = {(f.start, f.end) for f in findings}
    for start, end, entity in memory.find(text):
        if (start, end) not in have:
            out.append(TextFinding(entity, start, end, 1.0, "session_memory"))
    return sorted(out, key=lambda f: (f.start, f.end))


def remember_inside(page: OcrPage, boxes: Sequence[Box], memory: SecretMemory) -> None:
    """Remember as ``PASSWORD`` the password-looking words OCR read inside secure-field ``boxes``.

    Only words that look like a password are kept: a field's placeholder ("Password") or its
    bullets must not become a "secret" redacted everywhere else.
    """
    from redact.keys._password import looks_like_password

    for line in page.lines:
        for word in line.words:
            cx, cy = (word.box.x0 + word.box.x1) / 2, (word.box.y0 + word.box.y1) / 2
            if any(b.x0 <= cx < b.x1 and b.y0 <= cy < b.y1 for b in boxes) and looks_like_password(word.text):
                memory.remember(word.text, "PASSWORD")


def _check_deadline(deadline: float, stage: str) -> None:
    if time.perf_counter() > deadline:
        raise EngineError(f"{stage} overran the policy's timeout_seconds", code="R330")
