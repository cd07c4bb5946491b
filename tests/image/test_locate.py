"""Span -> box location: partial words, wrapped entities, padding, content independence."""

from __future__ import annotations

from redact.image._locate import Locator, build_page_text
from redact.image._model import Box, OcrLine, OcrPage, OcrWord
from redact.text._model import TextFinding

PITCH = 8  # a monospace font 8 px per character, 16 px line height


def _word(text: str, x: int, y: int, *, h: int = 16) -> OcrWord:
    return OcrWord(text, Box(x, y, x + PITCH * len(text), y + h), 95.0)


def _line(*words: OcrWord) -> OcrLine:
    box = words[0].box
    for w in words[1:]:
        box = box.union(w.box)
    return OcrLine(tuple(words), box)


def _page(lines: list[list[str]], *, x0: int = 10, y0: int = 10, width: int = 800, height: int = 200) -> OcrPage:
    out = []
    for li, texts in enumerate(lines):
        x = x0
        words = []
        for t in texts:
            words.append(_word(t, x, y0 + li * 24))
            x += PITCH * (len(t) + 1)
        out.append(_line(*words))
    return OcrPage(width, height, tuple(out), "fake")


def _finding(text: str, needle: str, entity: str = "AWS_ACCESS_KEY") -> TextFinding:
    start = text.index(needle)
    return TextFinding(entity, start, start + len(needle), 0.99, "test")


def test_page_text_keeps_lines_and_words() -> None:
    pt = build_page_text(_page([["export", "KEY=AKIA"], ["next", "line"]]))
    assert pt.text == "export KEY=AKIA\nnext line"
    assert pt.char_word[pt.text.index("\n")] == -1


def test_partial_word_is_boxed_over_its_characters_only() -> None:
    page = _page([["export", "KEY=AKIAIOSFODNN7EXAMPLE", "#note"]])
    pt = build_page_text(page)
    f = _finding(pt.text, "AKIAIOSFODNN7EXAMPLE")
    (box,) = Locator(page, pt, [f], padding=0.2).boxes(0)
    word = page.lines[0].words[1].box
    secret_x0 = word.x0 + 4 * PITCH
    assert box.x0 <= secret_x0 - 2 and box.x0 > word.x0 + 2 * PITCH  # "KEY" stays readable
    assert box.x1 >= word.x1 + 2
    assert box.x1 <= word.x1 + 16 + 2 * 4  # at most one width bucket (a line height) plus padding
    pad = max(2, round(0.15 * 16))
    assert box.y0 <= word.y0 - pad and box.y1 >= word.y1 + pad


def test_wrapped_entity_gets_one_box_per_line() -> None:
    page = _page([["token:", "ghp_abcdefghij"], ["klmnopqrstuvwxyz0123456789", "ok"]])
    pt = build_page_text(page)
    start = pt.text.index("ghp_")
    end = pt.text.index("89") + 2
    f = TextFinding("GITHUB_TOKEN", start, end, 0.99, "test")
    boxes = Locator(page, pt, [f], padding=0.2).boxes(0)
    assert len(boxes) == 2
    w1, w2 = page.lines[0].words[1].box, page.lines[1].words[0].box
    assert boxes[0].x0 <= w1.x0 and boxes[0].x1 >= w1.x1
    assert boxes[1].x0 <= w2.x0 and boxes[1].x1 >= w2.x1
    assert boxes[1].x1 < page.lines[1].words[1].box.x1  # "ok" after it is not swallowed whole


def test_boxes_are_clipped_to_the_image() -> None:
    page = _page([["SECRETVALUE1234567890"]], x0=0, y0=0, width=120, height=20)
    pt = build_page_text(page)
    (box,) = Locator(page, pt, [TextFinding("SECRET", 0, 21, 0.9, "t")], padding=0.2).boxes(0)
    assert box.x0 == 0 and box.y0 == 0 and box.x1 <= 120 and box.y1 <= 20


def test_box_does_not_depend_on_secret_ink() -> None:
    """Two secrets of the same length whose OCR boxes differ by a pixel or two get the same box."""
    def located(ink_shift: int, descender: int) -> Box:
        base = _page([["$", "export", "TOKEN=abcdefghijklmnopqrstuvwx"]])
        words = list(base.lines[0].words)
        w = words[2].box
        words[2] = OcrWord("TOKEN=XyZ0123456789abcdefghij", Box(w.x0, w.y0, w.x1 + ink_shift, w.y1 + descender), 90)
        page = OcrPage(base.width, base.height, (_line(*words),), "fake")
        pt = build_page_text(page)
        start = pt.text.index("=") + 1
        f = TextFinding("SECRET", start, start + 23, 0.9, "t")
        (box,) = Locator(page, pt, [f], padding=0.2).boxes(0)
        return box

    ref = located(0, 0)
    for shift in (-2, -1, 1, 2):
        for desc in (0, 3):
            assert located(shift, desc) == ref


def test_width_is_bucketed_not_exact() -> None:
    page = _page([["pw:", "abcdefghijklmnop", "end"]])
    pt = build_page_text(page)
    boxes = []
    for n in (13, 14, 15):
        start = pt.text.index("abc")
        boxes.append(Locator(page, pt, [TextFinding("PASSWORD", start, start + n, 0.9, "t")], padding=0.2).boxes(0)[0])
    widths = {b.width for b in boxes}
    assert len(widths) < 3  # neighbouring lengths share a bucket
    assert all(b.width % 16 == 0 for b in boxes)


def test_gutter_before_the_line_does_not_inflate_the_pitch() -> None:
    """An IDE line number far left of the code must not be read as one character plus a space."""
    gutter = _word("5", 10, 10)
    code = _word("GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789", 200, 10)
    page = OcrPage(900, 60, (_line(gutter, code),), "fake")
    pt = build_page_text(page)
    f = _finding(pt.text, "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GITHUB_TOKEN")
    (box,) = Locator(page, pt, [f], padding=0.2).boxes(0)
    secret_x0 = code.box.x0 + len("GITHUB_TOKEN=") * PITCH
    assert secret_x0 - 8 <= box.x0 <= secret_x0
    assert code.box.x1 <= box.x1 <= code.box.x1 + 16 + 8
