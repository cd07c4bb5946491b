"""Span -> box location: partial words, wrapped entities, padding, content independence."""

from __future__ import annotations

import pytest

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


# --- monospace line ends on rendered terminals (pixels real, OCR scripted) -------------------

_CONTEXT = ["$ git status --short", " M src/app/settings.py", "?? deploy/staging.yaml", "$ source venv/bin/activate"]
_TAIL = ["$ make deploy ENV=staging", "building wheel for app (pyproject.toml) ... done"]
_MONO_PITCH = 0.602 * 14  # DejaVu Sans Mono's advance at 14 px


def _terminal(prefix: str, secret: str):  # type: ignore[no-untyped-def]
    from redact.eval.render import Segment, render_screen

    return render_screen("terminal", [*_CONTEXT, [prefix, Segment(secret, "secret")], *_TAIL],
                         theme="dark", size=14, width=760, height=210)


def _locate_line_end(screen, rewrite=None):  # type: ignore[no-untyped-def]
    """Box the secret of a rendered terminal, OCR being the renderer's words (``rewrite`` edits them)."""
    from tests.conftest import fake_ocr_from_words

    words = list(screen.words)
    secret = screen.spans[0].text
    if rewrite is not None:
        words = rewrite(words, secret)
    page = fake_ocr_from_words(words).read(screen.image)
    pt = build_page_text(page)
    start = max(pt.text.find(secret[:4]), 0)
    end = pt.text.index("\n", start)
    locator = Locator(page, pt, [TextFinding("SECRET", start, end, 0.9, "t")], padding=0.2, image=screen.image)
    assert locator._grid is not None  # noqa: SLF001
    (box,) = locator.boxes(0)
    return box


def _covers(box: Box, truth: Box) -> bool:
    return box.x0 < truth.x0 and box.y0 < truth.y0 and box.x1 > truth.x1 and box.y1 > truth.y1


def test_misread_secret_length_does_not_move_a_line_end_box() -> None:
    """OCR reading a 40-glyph token as 39 or 41 glyphs (same ink) gives the same box, on the glyphs."""
    screen = _terminal("GITHUB_TOKEN=", "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5")

    def misread(change):  # type: ignore[no-untyped-def]
        def rewrite(words, secret):  # type: ignore[no-untyped-def]
            return [(change(t) if secret in t else t, b) for t, b in words]
        return rewrite

    read_right = _locate_line_end(screen)
    assert _covers(read_right, screen.spans[0].boxes[0])
    assert read_right.x1 >= 759  # to the row's end: the width says nothing of the length
    for change in (lambda t: t[:20] + "Il" + t[21:], lambda t: t[:20] + t[21:], lambda t: t + "1"):
        assert _locate_line_end(screen, misread(change)) == read_right


def test_token_split_by_ocr_at_its_equals_sign_is_covered_from_its_first_glyph() -> None:
    """``KEY=`` and the secret read as two words with no blank cell between: no cell of it is lost."""
    screen = _terminal("$ export STRIPE_KEY=", "sk_live_" + "Zq8Xw2Vb6Nm4Lk0Jh8Gf6Ds4")

    def split(words, secret):  # type: ignore[no-untyped-def]
        out = []
        for t, b in words:
            if secret in t:
                k = t.index(secret)
                cut = b.x0 + round(k * _MONO_PITCH)
                out += [(t[:k], Box(b.x0, b.y0, cut - 1, b.y1)), (t[k:], Box(cut + 1, b.y0, b.x1, b.y1))]
            else:
                out.append((t, b))
        return out

    whole, parts = _locate_line_end(screen), _locate_line_end(screen, split)
    assert _covers(parts, screen.spans[0].boxes[0])
    assert parts == whole


def test_tail_of_a_token_split_off_by_ocr_is_boxed_with_it() -> None:
    """OCR splits a token and the detector keeps only its head: the glued tail is covered too."""
    screen = _terminal("GITHUB_TOKEN=", "ghp_" + "Q7wE5rT3yU1iO9pA7sD5fG3hJ1kL9zX7cV5bQt")

    def split(words, secret):  # type: ignore[no-untyped-def]
        out = []
        for t, b in words:
            if secret in t:
                cut = b.x0 + round((len(t) - 2) * _MONO_PITCH)
                out += [(t[:-2], Box(b.x0, b.y0, cut - 1, b.y1)), (t[-2:], Box(cut + 1, b.y0, b.x1, b.y1))]
            else:
                out.append((t, b))
        return out

    from tests.conftest import fake_ocr_from_words

    page = fake_ocr_from_words(split(list(screen.words), screen.spans[0].text)).read(screen.image)
    pt = build_page_text(page)
    start = pt.text.index("ghp_")
    end = pt.text.index(" Qt")  # the head only
    locator = Locator(page, pt, [TextFinding("GITHUB_TOKEN", start, end, 0.9, "t")], padding=0.2, image=screen.image)
    (box,) = locator.boxes(0)
    assert _covers(box, screen.spans[0].boxes[0])


def test_a_word_after_a_space_keeps_the_general_geometry() -> None:
    """A line-final span followed by another word (one blank cell apart) is not boxed to the row's end."""
    screen = _terminal("$ export AWS_ACCESS_KEY_ID=", "AKIAQ4ZXJ5KD7WP2RTYE # prod")
    from tests.conftest import fake_ocr_from_words

    page = fake_ocr_from_words(screen.words).read(screen.image)
    pt = build_page_text(page)
    start = pt.text.index("AKIA")
    locator = Locator(page, pt, [TextFinding("AWS_ACCESS_KEY", start, start + 20, 0.9, "t")], padding=0.2,
                      image=screen.image)
    (box,) = locator.boxes(0)
    assert box.x1 < 430  # "# prod" is not swallowed with the row


def test_proportional_text_is_not_taken_for_a_grid() -> None:
    """Long lines of proportional text average to a steady pitch; their word starts are off the cells."""
    from redact.eval.render import Segment, render_screen
    from tests.conftest import fake_ocr_from_words

    lines = ["hey, can you send me the staging key?", "Reviewed the pull request and left two comments",
             "Build finished in 42.7s with 0 warnings", ["the token is ", Segment("ghp_" + "a1B2c3D4" * 4 + "xYz9", "s")],
             "Cache hit ratio 97.3% over the last 24 hours", "thanks, deploying now"]
    for layout in ("chat", "form", "settings"):
        screen = render_screen(layout, lines, size=14, width=1200, height=400)
        page = fake_ocr_from_words(screen.words).read(screen.image)
        pt = build_page_text(page)
        start = pt.text.index("ghp_")
        locator = Locator(page, pt, [TextFinding("GITHUB_TOKEN", start, start + 40, 0.9, "t")], padding=0.2,
                          image=screen.image)
        assert locator._grid is None, layout  # noqa: SLF001
    terminal = _terminal("token = ", "ghp_" + "a1B2c3D4" * 4 + "xYz9")
    page = fake_ocr_from_words(terminal.words).read(terminal.image)
    assert Locator(page, build_page_text(page), [], padding=0.2)._grid is not None  # noqa: SLF001


def test_label_read_as_a_line_of_its_own_still_places_an_aligned_value() -> None:
    """``token:     ghp_...``: OCR reads the label and the value as two lines of one row; the
    value is boxed from the label's grid, the same as when both are one line, and covered."""
    from redact.image._ocr import FakeOcrEngine
    from tests.conftest import fake_ocr_from_words

    screen = _terminal("token:     ", "ghp_" + "R4nD0mT0k3nV4lu3s" + "Xy7Wq2Lk9Pz3Mn8Bv5Ct")
    one_line = _locate_line_end(screen)
    rows = [[(w.text, w.box) for w in line.words] for line in fake_ocr_from_words(screen.words).read(screen.image).lines]
    split = []
    for row in rows:
        split += [row[:1], row[1:]] if row[0][0] == "token:" else [row]
    page = FakeOcrEngine(split).read(screen.image)
    pt = build_page_text(page)
    start = pt.text.index("ghp_")
    locator = Locator(page, pt, [TextFinding("GITHUB_TOKEN", start, start + 40, 0.9, "t")], padding=0.2,
                      image=screen.image)
    (box,) = locator.boxes(0)
    assert _covers(box, screen.spans[0].boxes[0])
    assert box == one_line


def test_closing_quote_after_a_line_end_token_keeps_the_grid_box() -> None:
    """``GH_TOKEN='ghp_...'``: two secrets of one length, one read a glyph short, get the same box."""
    from redact.eval.render import Segment, render_screen
    from tests.conftest import fake_ocr_from_words

    boxes = []
    for secret, drop in (("ghp_Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8", False),
                         ("ghp_Z9x8C7v6B5n4M3l2K1j0H9g8F7d6S5a4P3o2", True)):
        screen = render_screen("terminal", [*_CONTEXT, ["export GH_TOKEN='", Segment(secret, "secret"), "'"], *_TAIL],
                               theme="dark", size=14, width=760, height=210)
        words = [(t[:30] + t[31:] if drop and secret in t else t, b) for t, b in screen.words]
        page = fake_ocr_from_words(words).read(screen.image)
        pt = build_page_text(page)
        start = pt.text.index("ghp_")
        end = pt.text.index("'", start)
        locator = Locator(page, pt, [TextFinding("GITHUB_TOKEN", start, end, 0.9, "t")], padding=0.2,
                          image=screen.image)
        (box,) = locator.boxes(0)
        assert _covers(box, screen.spans[0].boxes[0])
        boxes.append(box)
    assert boxes[0] == boxes[1]


def test_value_after_a_space_starts_on_the_same_cell_whatever_its_first_glyph() -> None:
    """``label: .x`` and ``label: Wx``: the gap's width differs by the glyphs' side bearings (a dot
    has 0.4 of a cell on each side, a W none) but the box must not, and must cover the dot."""
    from redact.eval.render import Segment, render_screen
    from tests.conftest import fake_ocr_from_words

    for font, size in (("dejavu-sans-mono", 14), ("liberation-mono", 11)):
        for term in (":", "|", "="):
            boxes = set()
            for first in (".", "'", "i", "W", "_", "A"):
                secret = first + "Q7wE5rT3yU1iO9pA7sD5"
                screen = render_screen("terminal", [*_CONTEXT, ["  label" + term + " ", Segment(secret, "s")], *_TAIL],
                                       font=font, size=size, width=760, height=210)
                page = fake_ocr_from_words(screen.words).read(screen.image)
                pt = build_page_text(page)
                start = pt.text.index(secret)
                locator = Locator(page, pt, [TextFinding("SECRET", start, start + len(secret), 0.9, "t")],
                                  padding=0.2, image=screen.image)
                (box,) = locator.boxes(0)
                assert _covers(box, screen.spans[0].boxes[0]), (font, term, first)
                boxes.add(box)
            assert len(boxes) == 1, (font, size, term, boxes)


def test_misread_label_does_not_move_a_line_end_box() -> None:
    """OCR reads the label before a key differently next to different keys (``ACCESS_KEY`` as
    ``ACCESSKEY``, a doubled glyph, a split word): the box still starts after the ``=`` it shows."""
    screen = _terminal("$ export AWS_ACCESS_KEY_ID=", "AKIA" + "Q53QJ5NHADYJSJ4G")

    def label(change):  # type: ignore[no-untyped-def]
        def rewrite(words, secret):  # type: ignore[no-untyped-def]
            out = []
            for t, b in words:
                if secret not in t:
                    out.append((t, b))
                elif change == "split":  # ``AWS`` and ``ACCESSKEY_ID=AKIA...``, as Tesseract read it
                    cut = b.x0 + round(4 * _MONO_PITCH)
                    out += [("AWS", Box(b.x0, b.y0, cut - 9, b.y1)),
                            (t[4:].replace("S_K", "SK", 1), Box(cut, b.y0, b.x1, b.y1))]
                elif change == "boxed before":
                    # ``AWS_ACCESS`` boxed over ``_KEY_ID=`` too, and ``KEY_ID=AKIA...`` from the key's
                    # first glyph: the label's characters put the key several cells too far right
                    k = t.index(secret)
                    cut = b.x0 + round(k * _MONO_PITCH)
                    out += [("AWS_ACCESS", Box(b.x0, b.y0, cut - 2, b.y1)), (t[11:], Box(cut, b.y0, b.x1, b.y1))]
                else:
                    out.append((change(t), b))
            return out
        return rewrite

    read_right = _locate_line_end(screen)
    assert _covers(read_right, screen.spans[0].boxes[0])
    for change in ("split", "boxed before", lambda t: t.replace("S_K", "SK", 1), lambda t: t.replace("KEY", "KEYY", 1),
                   lambda t: t.replace("_ID", "ID", 1)):
        assert _locate_line_end(screen, label(change)) == read_right


def test_a_word_box_squeezed_by_ocr_keeps_the_grid_box() -> None:
    """Tesseract sometimes ends a word's box cells before its last glyph and starts the next word
    where the glyphs are: the separator seen in the pixels still places the box on the grid."""
    screen = _terminal("GITHUB_TOKEN=", "ghp_" + "tjZELxpwcjYeRFZIOQQhUOIRGPCFZ7yQUako")

    def squeeze(words, secret):  # type: ignore[no-untyped-def]
        out = []
        for t, b in words:
            if secret in t:
                cut = b.x0 + round(26 * _MONO_PITCH)
                squeezed = Box(b.x0, b.y0, b.x0 + round(17 * _MONO_PITCH), b.y1)
                out += [(t[:26], squeezed), (t[26:], Box(cut, b.y0, b.x1, b.y1))]
            else:
                out.append((t, b))
        return out

    read_right = _locate_line_end(screen)
    assert _locate_line_end(screen, squeeze) == read_right
    assert _covers(read_right, screen.spans[0].boxes[0])


def test_only_separators_are_taken_for_separators() -> None:
    """The ``=``/``:`` shape test finds every separator, also one touching a stem before it, and
    never a letter or digit (both monospaced fonts, light and dark, 11-16 px)."""
    import math
    import string

    from redact.eval.render import render_screen
    from tests.conftest import fake_ocr_from_words

    glyphs = string.ascii_letters + string.digits + "=:-_.;|"
    touching = "N=gH=xD=AM=1E=qK=7B=IR=0F=Z"
    for font, size, theme in (("dejavu-sans-mono", 14, "dark"), ("dejavu-sans-mono", 11, "light"),
                              ("liberation-mono", 12, "light"), ("liberation-mono", 16, "dark")):
        screen = render_screen("terminal", [*_CONTEXT, glyphs, touching, *_TAIL], font=font, size=size, theme=theme,
                               width=900, height=230)
        page = fake_ocr_from_words(screen.words).read(screen.image)
        locator = Locator(page, build_page_text(page), [], padding=0.2, image=screen.image)
        grid = locator._grid  # noqa: SLF001
        assert grid is not None and grid.row is not None
        for row, chars in ((glyphs, "=:"), (touching, "=")):
            (word,) = [b for t, b in screen.words if t == row]
            first = round((word.x0 - grid.origin) / grid.pitch)
            cy = grid.row_origin + round(((word.y0 + word.y1) / 2 - grid.row_origin) / grid.row) * grid.row
            band = (math.floor(cy - 0.42 * grid.row), math.ceil(cy + 0.42 * grid.row))  # as the locator's
            for char in chars:
                cells = locator._separators(grid, band, first, first + len(row), char)  # noqa: SLF001
                found = [row[c - first] for c, _ in cells]
                assert found.count(char) == row.count(char), (font, size, row, char, found)
                assert not any(c.isalnum() for c in found), (font, size, row, char, found)


def _editor(secret: str, *, font: str = "dejavu-sans-mono", size: int = 14,  # type: ignore[no-untyped-def]
            theme: str = "dark"):
    from redact.eval.render import Segment, render_screen

    lines = ["# settings for the staging stack", "DEBUG=false", "LOG_LEVEL=info",
             ["AWS_ACCESS_KEY_ID=", Segment(secret, "secret")], "REGION=eu-west-1", "WORKERS=4"]
    return render_screen("ide", lines, theme=theme, size=size, font=font, width=1100, height=300)


def _read_editor(screen):  # type: ignore[no-untyped-def]
    """The renderer's words as OCR lines the way Tesseract reports an editor: the file tree, the
    line number and the code of one row are separate lines (far apart)."""
    from tests.conftest import FakeOcrEngine, fake_ocr_from_words

    lines = []
    for line in fake_ocr_from_words(screen.words).read(screen.image).lines:
        run = [line.words[0]]
        for w in line.words[1:]:
            if w.box.x0 - run[-1].box.x1 > 2 * line.box.height:
                lines.append(run)
                run = []
            run.append(w)
        lines.append(run)
    return FakeOcrEngine([[(w.text, w.box) for w in run] for run in lines]).read(screen.image)


def test_editor_code_column_gets_its_own_grid() -> None:
    """An editor: code beside a proportional file tree, a line-number gutter. The code column's
    grid places two same-length keys' boxes identically, on the glyphs, to the row's end."""
    for font, size in (("dejavu-sans-mono", 14), ("liberation-mono", 12)):
        boxes = set()
        for secret in ("AKIAQ53QJ5NHADYJSJ4G", "AKIALS614SWU3VQ2YCJK"):
            screen = _editor(secret, font=font, size=size)
            page = _read_editor(screen)
            pt = build_page_text(page)
            start = pt.text.index(secret)
            locator = Locator(page, pt, [TextFinding("AWS_ACCESS_KEY", start, start + len(secret), 0.9, "t")],
                              padding=0.2, image=screen.image)
            (box,) = locator.boxes(0)
            assert _covers(box, screen.spans[0].boxes[0]), (font, box)
            assert box.x1 >= 1099, box  # the grid box, to the row's end
            boxes.add(box)
        assert len(boxes) == 1, (font, boxes)


def test_a_finding_that_takes_in_a_line_number_keeps_the_general_geometry() -> None:
    """OCR reads an editor's line number and code as one line, and a finding starts at the number."""
    from tests.conftest import fake_ocr_from_words

    screen = _editor("AKIAQ53QJ5NHADYJSJ4G")
    page = fake_ocr_from_words([(t, b) for t, b in screen.words if b.x0 > 250]).read(screen.image)  # no file tree
    pt = build_page_text(page)
    line = pt.text.index("AWS_ACCESS")
    start = pt.text.rindex("\n", 0, line) + 1  # the line number before it
    assert pt.text[start:line].strip().isdigit()
    locator = Locator(page, pt, [TextFinding("X", start, pt.text.index("\n", line), 0.9, "t")],
                      padding=0.2, image=screen.image)
    (box,) = locator.boxes(0)
    assert _covers(box, screen.spans[0].boxes[0])


def test_row_pitch_from_steps_of_several_rows() -> None:
    """On a log page most lines hold a finding and are left out: the clean lines left are rows
    apart, and the pitch is the step they are all multiples of, not their median."""
    from redact.image._locate import _row_pitch

    pitch = _row_pitch([57.5, 38.0, 76.0, 19.0, 95.5, 57.0], 14.0)
    assert pitch is not None and abs(pitch - 19.05) < 0.1
    assert _row_pitch([57.5, 38.0, 76.0, 95.5], 14.0) == pytest.approx(19.05, abs=0.15)  # no single step
    assert _row_pitch([], 14.0) is None
    assert _row_pitch([23.0, 31.0, 17.0, 41.0], 14.0) is None  # no common pitch: no grid


def test_cell_order_puts_a_wrapped_line_after_the_line_it_continues() -> None:
    from redact.image._locate import cell_order

    # two table rows 40 px apart; the first row's phone wraps onto a second line 20 px below
    page = _page([["Ann", "+1", "(453)", "Paid"]], y0=10)
    wrapped = OcrLine((_word("812-9973", 42, 30),), Box(42, 30, 106, 46))
    head = OcrLine(page.lines[0].words[:1], page.lines[0].words[0].box)
    phone = OcrLine(page.lines[0].words[1:3], page.lines[0].words[1].box.union(page.lines[0].words[2].box))
    paid = OcrLine(page.lines[0].words[3:], page.lines[0].words[3].box)
    nxt = OcrLine((_word("Bo", 10, 60),), Box(10, 60, 26, 76))
    rows = OcrPage(800, 200, (head, phone, paid, wrapped, nxt), "fake")
    texts = [ln.words[0].text for ln in cell_order(rows).lines]
    assert texts == ["Ann", "+1", "812-9973", "Paid", "Bo"]  # the next row is not a continuation
    single = OcrPage(800, 200, (head, nxt), "fake")
    assert cell_order(single) is single


def test_span_inside_a_proportional_word_after_narrow_glyphs_is_covered() -> None:
    """``redis://default:PASSWORD@cache...`` is one OCR word in a chat bubble; its context is
    slashes, colons and ``i``/``l``/``f``/``t``, far narrower than the average glyph, so a
    character count starts the box several glyphs late. The glyph classes put it on the value."""
    from redact.eval.render import Segment, render_screen
    from tests.conftest import fake_ocr_from_words

    for pw in ("Pxssw0rd123", "5ohl6sQXjf", "MWmwMW42xy"):
        screen = render_screen("chat", [["redis://default:", Segment(pw, "s"), "@cache.example.com:6379/0"]],
                               theme="dark", size=12, font="liberation-sans", width=1200, height=200)
        page = fake_ocr_from_words(screen.words).read(screen.image)
        pt = build_page_text(page)
        start = pt.text.index(pw)
        locator = Locator(page, pt, [TextFinding("URL_CREDENTIALS", start, start + len(pw), 0.9, "t")],
                          padding=0.2, image=screen.image)
        assert locator._grid is None  # noqa: SLF001
        (box,) = locator.boxes(0)
        assert _covers(box, screen.spans[0].boxes[0]), (pw, box, screen.spans[0].boxes[0])


def test_line_without_context_uses_the_page_grid_not_a_stretched_word_box() -> None:
    """``MAILCHIMP_API_KEY=5af0d...`` alone on its line of a terminal: Tesseract boxed the word
    a third wider than its glyphs. The span inside it starts from the page's grid (clean lines),
    not from that word's own width per character."""
    clean = [["$", "cd", "~/work/service"], ["done", "in", "1.2s"], ["$", "git", "status", "--short"]]
    base = _page(clean)
    word = "MAILCHIMP_API_KEY=5af0d9582530182ca851f"
    y = 10 + 3 * 24
    stretched = OcrWord(word, Box(10, y, 10 + int(PITCH * len(word) * 1.3), y + 16), 90.0)
    page = OcrPage(base.width, base.height, (*base.lines, _line(stretched)), "fake")
    pt = build_page_text(page)
    start = pt.text.index("5af0d")
    locator = Locator(page, pt, [TextFinding("X", start, start + 21, 0.9, "t")], padding=0.2)
    assert locator._grid is not None  # noqa: SLF001
    (box,) = locator.boxes(0)
    assert box.x0 <= 10 + 18 * PITCH  # the value's first cell, right after "KEY="


def test_cell_order_does_not_chain_line_numbers() -> None:
    """An editor's gutter: "3", "4 KEY=..." and "5" are stacked at one x, but each opens with a
    number; a token ending line 4 must not run into the next line's number."""
    from redact.image._locate import cell_order

    lines = tuple(OcrLine((_word(t, 10, 10 + 20 * k),) + rest, Box(10, 10 + 20 * k, 300, 26 + 20 * k))
                  for k, (t, rest) in enumerate([("3", ()), ("4", (_word("KEY=sk_live_x", 50, 70),)), ("5", ())]))
    page = OcrPage(800, 200, lines, "fake")
    assert cell_order(page) is page


def test_span_inside_a_word_boxed_wider_than_its_characters_reaches_its_real_end() -> None:
    """Tesseract boxed a word with its neighbour's ink: 49 characters over the width of 64. The
    span's part ends no earlier than the word's end less the rest of the word at the line's pitch."""
    head, tail = "szPFbDSdTLBMHBHull_3b7nl_pL34zs", "&libraries=places'"
    words = [_word("fetch('https://maps.", 10, 10), _word(".com/api/js?key=4GDRAZvn7", 180, 10)]
    x0 = words[-1].box.x1 + PITCH
    wide = OcrWord(head + tail, Box(x0, 10, x0 + PITCH * 64, 26), 60.0)  # glyphs in its right 49 cells
    page = OcrPage(1000, 100, (_line(*words, wide),), "fake")
    pt = build_page_text(page)
    f = _finding(pt.text, "4GDRAZvn7 " + head, "URL_CREDENTIALS")
    (box,) = Locator(page, pt, [f], padding=0.2).boxes(0)
    assert box.x1 >= wide.box.x1 - PITCH * len(tail)


def test_a_line_split_by_ocr_at_the_wrong_glyph_keeps_its_pitch() -> None:
    """``AWS_SECRET_ACCESS_KEY=Nq0y...1pHgF ty15nul...`` on a page without a grid: Tesseract
    boxed the first word ten glyphs too wide and the second one as narrow. The pitch over the rest
    of the line puts the value's start right after the ``=``, not cells later."""
    label, first, second = "AWS_SECRET_ACCESS_KEY=", "Nq0yz28C197z/yM/1pHgF", "ty15nul7EJuoFbJ6Amx"
    x0, y, n1 = 10, 10, len(label + first)
    wide = OcrWord(label + first, Box(x0, y, x0 + PITCH * (n1 + 10), y + 16), 21.0)
    narrow = OcrWord(second, Box(x0 + PITCH * (n1 + 10) + 3, y, x0 + PITCH * (n1 + len(second)), y + 16), 40.0)
    page = OcrPage(800, 200, (_line(wide, narrow),), "fake")
    pt = build_page_text(page)
    locator = Locator(page, pt, [_finding(pt.text, first + " " + second, "AWS_SECRET_KEY")], padding=0.2)
    assert locator._grid is None  # noqa: SLF001
    (box,) = locator.boxes(0)
    value_x0 = x0 + PITCH * len(label)
    assert value_x0 - 2 * PITCH <= box.x0 <= value_x0 - 1
    assert box.x1 >= x0 + PITCH * (n1 + len(second))


def test_a_label_word_boxed_from_its_middle_still_boxes_the_value_from_its_start() -> None:
    """Proportional text: Tesseract boxed ``AccountKey=RIBS...`` from the value's second glyph,
    leaving the label's place a gap after ``AccountName=...;``. The value's box starts no later
    than the label put right after that word."""
    first = OcrWord("AccountName=ulatcjsfut;", Box(10, 10, 10 + 23 * PITCH, 26), 75.0)
    label, value = "AccountKey=", "RIBSNjm6DuD8ePviCZIUARA"
    value_x0 = first.box.x1 + PITCH + len(label) * PITCH  # where the value's glyphs are
    squeezed = OcrWord(label + value, Box(value_x0 + PITCH, 10, value_x0 + len(value) * PITCH, 26), 21.0)
    page = OcrPage(800, 200, (_line(first, squeezed),), "fake")
    pt = build_page_text(page)
    locator = Locator(page, pt, [_finding(pt.text, value, "AZURE_STORAGE_KEY")], padding=0.2)
    assert locator._grid is None  # noqa: SLF001
    (box,) = locator.boxes(0)
    assert box.x0 <= value_x0 and box.x0 >= first.box.x1  # the word before stays readable
