"""The image pipeline's readings of a page: which one the model reads, findings shared between them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from redact import Box, Policy
from redact.image._locate import build_page_text, column_order
from redact.image._model import OcrLine, OcrPage, OcrWord
from redact.image._ocr import FakeOcrEngine
from redact.image._pipeline import _moved, redact_pixels
from redact.text._model import TextFinding


def _word(text: str, x: int, y: int) -> OcrWord:
    return OcrWord(text, Box(x, y, x + 8 * len(text), y + 16), 95.0)


def _two_columns() -> OcrPage:
    """A sidebar (x 10..) and a main pane (x 300..), three rows each: row order interleaves them."""
    lines = []
    for i, (left, right) in enumerate([("Inbox", "hello Jane"), ("Sent", "token ghp_abc"), ("Drafts", "see you")]):
        y = 10 + 24 * i
        for x, text in ((10, left), (300, right)):
            words = []
            for t in text.split():
                words.append(_word(t, x, y))
                x += 8 * (len(t) + 1)
            box = words[0].box
            for w in words[1:]:
                box = box.union(w.box)
            lines.append(OcrLine(tuple(words), box))
    return OcrPage(800, 100, tuple(lines), "fake")


def test_findings_move_between_readings_line_by_line() -> None:
    page = _two_columns()
    cols = column_order(page)
    assert cols is not None
    rows_pt, cols_pt = build_page_text(page), build_page_text(cols)
    start = cols_pt.text.index("ghp_abc")
    moved = _moved([TextFinding("GITHUB_TOKEN", start, start + 7, 1.0, "t")], cols_pt, cols, rows_pt, page)
    assert [rows_pt.text[f.start : f.end] for f in moved] == ["ghp_abc"]
    # a span over two lines of one reading becomes one piece per line in the other
    start = cols_pt.text.index("Jane")
    end = cols_pt.text.index("ghp") + 3
    moved = _moved([TextFinding("X", start, end, 1.0, "t")], cols_pt, cols, rows_pt, page)
    assert sorted(rows_pt.text[f.start : f.end] for f in moved) == ["Jane", "token ghp"]


def test_the_model_reads_the_column_order_of_a_multi_column_page() -> None:
    page = _two_columns()
    calls: list[tuple[list[str], list[bool]]] = []

    def readings(texts: Sequence[str], ner: Sequence[bool]) -> list[list[TextFinding]]:
        calls.append((list(texts), list(ner)))
        return [[] for _ in texts]

    ocr = FakeOcrEngine([[(w.text, w.box) for w in ln.words] for ln in page.lines])
    redact_pixels(
        np.zeros((100, 800, 3), np.uint8), None, ocr=ocr, analyze=lambda t: [], policy=Policy(),
        deadline=float("inf"), analyze_readings=readings,
    )
    ((texts, ner),) = calls
    assert texts[0].startswith("Inbox\nhello Jane\nSent\n")  # rows first (panes interleaved), columns last
    assert texts[-1].startswith("Inbox\nSent\nDrafts\n")
    assert ner == [False] * (len(texts) - 1) + [True]


def test_a_wrapped_table_cell_is_read_whole(analyzer) -> None:  # type: ignore[no-untyped-def]
    """A narrow table: each row's phone and address wrap onto a second line, which row order puts
    after the rest of the row. The cell reading puts them together, and both halves are boxed."""
    rows = [("Ann Lee", "+1 (453)", "812-9973", "921 Morrison", "Forks"),
            ("Bo Chan", "(538) 817-", "3751", "477 Beth", "Valley")]
    # a title across the table makes it one column to column_order: rows are the only order
    title = "Contacts of the team this quarter".split()
    cells = [[(t, Box(10 + 80 * k, 0, 80 + 80 * k, 14)) for k, t in enumerate(title)]]
    for r, (name, p1, p2, a1, a2) in enumerate(rows):
        y = 30 + 60 * r
        cells += [[(name, Box(10, y, 66, y + 16))],
                  [(t, Box(200 + 40 * k, y, 232 + 40 * k, y + 16)) for k, t in enumerate(p1.split())],
                  [(a1.split()[0], Box(400, y, 432, y + 16)), (a1.split()[1], Box(440, y, 500, y + 16))],
                  [(p2, Box(200, y + 22, 264, y + 38))],
                  [(a2, Box(400, y + 22, 448, y + 38))]]
    out = redact_pixels(np.full((180, 800, 3), 255, np.uint8), None, ocr=FakeOcrEngine(cells),
                        analyze=analyzer.analyze, policy=Policy(), deadline=float("inf"))
    kinds = {f.finding.entity_type for f in out.located}
    assert {"PHONE_NUMBER", "STREET_ADDRESS"} <= kinds
    boxed = [b for f in out.located if f.finding.entity_type == "PHONE_NUMBER" for b in f.boxes]
    assert any(b.y0 <= 60 <= b.y1 and b.x0 <= 200 for b in boxed)  # the wrapped half "812-9973"
