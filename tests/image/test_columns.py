"""Names in table columns: filled in between names the model found, nowhere else."""

from __future__ import annotations

from redact import Policy
from redact.image._columns import column_names
from redact.image._locate import build_page_text
from redact.image._model import Box, OcrLine, OcrPage, OcrWord
from redact.text._model import TextFinding


def _page(cells: list[tuple[str, int, int]]) -> OcrPage:
    """One OCR line per (text, x, y) cell, 8 px per character, 16 px tall."""
    lines = []
    for text, x, y in cells:
        words, cx = [], x
        for w in text.split(" "):
            words.append(OcrWord(w, Box(cx, y, cx + 8 * len(w), y + 16), 95.0))
            cx += 8 * (len(w) + 1)
        lines.append(OcrLine(tuple(words), Box(x, y, cx - 8, y + 16)))
    return OcrPage(800, 400, tuple(lines), "fake")


CELLS = [("Full Name", 20, 10), ("Company", 300, 10),
         ("Tyler Green", 20, 40), ("Parsons, Robles and Co", 300, 40),
         ("Curtis Green", 20, 70), ("Acme Ltd", 300, 70),
         ("Jamie Howard", 20, 100), ("Logan Mcclure", 22, 130), ("Dudley-Foster Smith", 20, 160),
         ("Open Tickets", 20, 190)]
FOUND = ("Tyler Green", "Jamie Howard", "Dudley-Foster Smith")


def _findings(pt, names=FOUND):  # type: ignore[no-untyped-def]
    out = []
    for n in names:
        i = pt.text.index(n)
        out.append(TextFinding("PERSON", i, i + len(n), 0.8, "SpacyRecognizer"))
    return out


def test_cells_between_found_names_of_a_column_are_names() -> None:
    page = _page(CELLS)
    pt = build_page_text(page)
    added = column_names(page, pt, _findings(pt))
    assert sorted(pt.text[f.start : f.end] for f in added) == ["Curtis Green", "Logan Mcclure"]
    assert all(f.entity_type == "PERSON" and f.score == 0.8 for f in added)


def test_header_label_and_other_columns_are_left() -> None:
    page = _page(CELLS)
    pt = build_page_text(page)
    texts = {pt.text[f.start : f.end] for f in column_names(page, pt, _findings(pt))}
    assert not texts & {"Full Name", "Open Tickets", "Acme Ltd", "Company"}


def test_fewer_than_three_names_or_an_allowed_value_add_nothing() -> None:
    page = _page(CELLS)
    pt = build_page_text(page)
    assert column_names(page, pt, _findings(pt, FOUND[:2])) == []
    added = column_names(page, pt, _findings(pt), allows=Policy(allow_list=[" Logan McClure"]).allows)
    assert [pt.text[f.start : f.end] for f in added] == ["Curtis Green"]


def test_a_name_wrapped_in_a_narrow_cell_is_named_on_both_lines() -> None:
    """"William" over "Leach" (20 px apart: one cell), between found names; and the second half
    of a wrapped name whose first half the model found alone."""
    cells = [("Name", 20, 10), ("Tyler Green", 20, 40), ("William", 20, 80), ("Leach", 20, 100),
             ("Kevin", 20, 140), ("Thompson", 20, 160), ("Jamie Howard", 20, 200), ("Dudley-Foster Smith", 20, 240)]
    page = _page(cells)
    pt = build_page_text(page)
    found = _findings(pt, ("Tyler Green", "Kevin", "Jamie Howard", "Dudley-Foster Smith"))
    added = sorted(pt.text[f.start : f.end] for f in column_names(page, pt, found))
    assert added == ["Leach", "Thompson", "William"]
