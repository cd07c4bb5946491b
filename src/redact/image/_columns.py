"""Names in table columns: a cell between names the model found, shaped like a name, is one too.

spaCy's small model reads each table cell as a one-line sentence and misses a name now and then
(``Logan Mcclure`` between ``Tyler Green`` and ``Jamie Howard``): an uncommon surname, a
lower-case ``c`` where ``McClure`` has a capital. In a column where the model found names on at
least three rows, a cell of two or three capitalised words that lies between two of them, at the
same left edge, is the same kind of value; so is a one-word cell that wraps onto a second line
("William" over "Leach"). Only cells strictly between found names count, so a header ("Full
Name") above the column or a label below it is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from redact.image._locate import PageText, continuations
from redact.image._model import OcrLine, OcrPage
from redact.text._model import TextFinding

__all__ = ["column_names"]

#: A name cell: two or three capitalised words (``Mcclure``, ``O'Neil``, ``Dudley-Foster``).
_WORD = r"[A-Z][a-z]*[A-Z]?[a-z]+(?:['\-][A-Z][a-z]+)?"
_NAME = re.compile(rf"{_WORD}(?: {_WORD}){{1,2}}")
_MIN_NAMES = 3
_EDGE = 4  # px: how far a cell's left edge may be from its column's


def column_names(
    page: OcrPage,
    pt: PageText,
    findings: Sequence[TextFinding],
    *,
    follows: Mapping[int, OcrLine] | None = None,
    allows: Callable[[str], bool] = lambda value: False,
) -> list[TextFinding]:
    """PERSON findings for name-shaped cells between found names of one column (none if no such column).

    ``page`` and ``pt`` are one reading of the page and its text, ``findings`` what was found in
    it. ``follows`` maps ``id(line)`` to the line that continues it, computed once for all
    readings (default: :func:`~redact.image._locate.continuations` of ``page``); ``allows`` is
    the policy's allow list. Each new finding takes the lowest score of its column's names, which
    passed the policy's threshold.
    """
    names: list[tuple[int, float]] = []  # (line, score) of lines that are a whole PERSON finding
    for f in findings:
        if f.entity_type != "PERSON":
            continue
        li = _whole_line(pt, f.start, f.end)
        if li is not None:
            names.append((li, f.score))
    if len(names) < _MIN_NAMES:
        return []
    covered = {li for li, _ in names} | {pt.line_of(f.start) for f in findings}
    if follows is None:
        below = continuations(page)
    else:  # every reading holds the same line objects
        index = {id(line): i for i, line in enumerate(page.lines)}
        below = {index[id(a)]: index[id(b)] for a in page.lines if (b := follows.get(id(a))) is not None}
    out: list[TextFinding] = []
    for column in _columns(page, names):
        x0 = sorted(page.lines[li].box.x0 for li, _ in column)[len(column) // 2]
        top = min(page.lines[li].box.y0 for li, _ in column)
        bottom = max(page.lines[li].box.y1 for li, _ in column)
        score = min(s for _, s in column)
        for li, line in enumerate(page.lines):
            if abs(line.box.x0 - x0) > _EDGE or not (top <= line.box.y0 and line.box.y1 <= bottom):
                continue
            start, end = pt.line_span(li)
            text = pt.text[start:end]
            if li not in covered and _NAME.fullmatch(text) and not allows(text):
                out.append(TextFinding("PERSON", start, end, score, "column_names"))
            elif (nxt := below.get(li)) is not None and nxt not in covered and re.fullmatch(_WORD, text):
                # a name wrapped in a narrow cell: "William" over "Leach" (the model may have
                # found the first half alone)
                s2, e2 = pt.line_span(nxt)
                whole = f"{text} {pt.text[s2:e2]}"
                if _NAME.fullmatch(whole) and not allows(whole):
                    out += [TextFinding("PERSON", start, end, score, "column_names")] * (li not in covered)
                    out.append(TextFinding("PERSON", s2, e2, score, "column_names"))
    return out


def _columns(page: OcrPage, names: list[tuple[int, float]]) -> list[list[tuple[int, float]]]:
    """Name lines grouped by left edge; only groups of at least ``_MIN_NAMES``."""
    groups: list[list[tuple[int, float]]] = []
    for item in sorted(names, key=lambda n: page.lines[n[0]].box.x0):
        if groups and page.lines[item[0]].box.x0 - page.lines[groups[-1][0][0]].box.x0 <= _EDGE:
            groups[-1].append(item)
        else:
            groups.append([item])
    return [g for g in groups if len(g) >= _MIN_NAMES]


def _whole_line(pt: PageText, start: int, end: int) -> int | None:
    """The line that ``start:end`` covers entirely (but for edge punctuation), if any."""
    li = pt.line_of(start)
    ls, le = pt.line_span(li)
    text = pt.text[ls:le]
    lead = len(text) - len(text.lstrip(" .,;:'\"("))
    trail = len(text) - len(text.rstrip(" .,;:'\")"))
    return li if start <= ls + lead and end >= le - trail else None
