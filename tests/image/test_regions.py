"""Screenshot preprocessing: text regions, local light/dark, upscaling, and mapping back."""

from __future__ import annotations

import numpy as np
import pytest

from redact.eval.render import Segment, render_screen
from redact.image._model import Box, OcrLine, OcrWord
from redact.image._regions import (
    assemble_lines,
    find_text_regions,
    merge_split_words,
    prepare_region,
    run_strategy,
    to_gray,
)


def _inside(inner: Box, outer: Box, tol: int = 3) -> bool:
    return (inner.x0 >= outer.x0 - tol and inner.y0 >= outer.y0 - tol
            and inner.x1 <= outer.x1 + tol and inner.y1 <= outer.y1 + tol)


def _settings_screen(size: int = 13, scale: int = 1):  # type: ignore[no-untyped-def]
    lines = [["Email\t", Segment("jane@example.com", "email")], ["Phone\t", Segment("+1 555 0100", "phone")]]
    return render_screen("settings", lines, theme="light", size=size, scale=scale, width=1000, height=400)


def test_every_drawn_word_lies_in_a_region() -> None:
    screen = _settings_screen()
    regions = find_text_regions(to_gray(screen.image))
    for text, box in screen.words:
        assert any(_inside(box, r.box) for r in regions), text


def test_input_box_borders_are_not_part_of_the_text_region() -> None:
    screen = render_screen("form", [["Email\t", Segment("jane@example.com", "email")]], size=14,
                           width=1000, height=300)
    regions = find_text_regions(to_gray(screen.image))
    value = screen.spans[0].boxes[0]
    (hit,) = [r for r in regions if _inside(value, r.box)]
    assert hit.box.height <= value.height + 6  # not the 38 px tall input field around it


def test_dark_panel_regions_are_inverted_and_light_ones_are_not() -> None:
    screen = _settings_screen()
    gray = to_gray(screen.image)
    prepared = [prepare_region(gray, r) for r in find_text_regions(gray)]
    nav = [p for p in prepared if p.region.box.x1 < 230]  # the dark navigation column
    panel = [p for p in prepared if p.region.box.x0 > 262]  # the white panel
    assert nav and all(p.inverted for p in nav)
    assert panel and not any(p.inverted for p in panel)
    for p in prepared:  # always dark text on a white margin for Tesseract
        assert p.image[0].min() == 255 and p.image.min() < 80


def test_small_text_is_upscaled_and_hidpi_text_is_not() -> None:
    gray = to_gray(_settings_screen(size=11).image)
    small = [prepare_region(gray, r) for r in find_text_regions(gray)]
    assert all(p.scale >= 2.0 for p in small)
    gray = to_gray(_settings_screen(size=16, scale=2).image)
    big = [prepare_region(gray, r) for r in find_text_regions(gray)]
    assert all(p.scale <= 1.5 for p in big)


def _ink_recogniser(image: np.ndarray, psm: int) -> str:
    """A stand-in for Tesseract: reports the ink bounding box of the image as one word."""
    ys, xs = np.nonzero(image < 128)
    x0, y0, x1, y1 = xs.min(), ys.min(), xs.max() + 1, ys.max() + 1
    return f"5\t1\t1\t1\t1\t1\t{x0}\t{y0}\t{x1 - x0}\t{y1 - y0}\t99\tword\n"


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("size", "scale"), [(11, 1), (14, 1), (13, 2)])
def test_boxes_map_back_to_original_coordinates(theme: str, size: int, scale: int) -> None:
    # One token per line: each region's ink box must come back as that token's truth box.
    tokens = ["AKIAIOSFODNN7EXAMPLE", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "jane.doe@example.com"]
    screen = render_screen("terminal", tokens, theme=theme, size=size, scale=scale, width=900, height=400)
    _assert_words_found(screen, tokens, run_strategy(screen.image, _ink_recogniser))


def test_boxes_map_back_when_regions_are_narrowed() -> None:
    tokens = ["AKIAIOSFODNN7EXAMPLE", "jane.doe@example.com"]
    screen = render_screen("terminal", tokens, theme="dark", size=13, width=900, height=300)
    _assert_words_found(screen, tokens, run_strategy(screen.image, _ink_recogniser, squash=0.8))


def test_identical_regions_are_recognised_once_and_mapped_to_each_place() -> None:
    tokens = ["AKIAIOSFODNN7EXAMPLE"] * 3
    screen = render_screen("terminal", tokens, theme="light", size=14, width=700, height=300)
    calls: list[int] = []

    def counting(image: np.ndarray, psm: int) -> str:
        calls.append(psm)
        return _ink_recogniser(image, psm)

    lines = run_strategy(screen.image, counting)
    truth = [b for t, b in screen.words if t == tokens[0]]
    assert len(truth) == 3 and len(calls) < len(find_text_regions(to_gray(screen.image)))
    got = [w.box for ln in lines for w in ln.words]
    for want in truth:
        assert any(abs(b.x0 - want.x0) <= 3 and abs(b.y0 - want.y0) <= 3 for b in got), want


def _word(text: str, x0: int, x1: int, y0: int = 10, y1: int = 24) -> OcrWord:
    return OcrWord(text=text, box=Box(x0, y0, x1, y1), conf=90.0)


def test_split_token_in_monospaced_text_is_rejoined() -> None:
    # 8 px pitch: a 1 px gap is inside a token, an 8 px gap is a space.
    line = OcrLine(words=(_word("export", 0, 48), _word("ghp_8fY", 56, 112), _word("yXpGM4", 113, 161)),
                   box=Box(0, 10, 161, 24))
    assert [w.text for w in merge_split_words(line).words] == ["export", "ghp_8fYyXpGM4"]


def test_assemble_lines_joins_pieces_of_a_row_and_orders_rows() -> None:
    a = OcrLine(words=(_word("second", 0, 50, 40, 54),), box=Box(0, 40, 50, 54))
    b = OcrLine(words=(_word("first", 0, 40),), box=Box(0, 10, 40, 24))
    c = OcrLine(words=(_word("row", 52, 80),), box=Box(52, 10, 80, 24))
    d = OcrLine(words=(_word("far", 600, 640),), box=Box(600, 10, 640, 24))
    out = assemble_lines([a, d, c, b])
    assert [[w.text for w in ln.words] for ln in out] == [["first", "row"], ["far"], ["second"]]


def test_components_with_more_labels_than_16_bits_hold() -> None:
    from redact.image._regions import _components

    dots = np.zeros((600, 600), np.uint8)
    dots[::2, ::2] = 1  # 90000 isolated pixels: more than 16-bit labels can number
    n, stats = _components(dots)
    assert n == 90001 and stats.shape == (90001, 5)
    few = np.zeros((50, 50), np.uint8)
    few[10:20, 5:40] = 1
    n, stats = _components(few)
    assert n == 2 and list(stats[1][:4]) == [5, 10, 35, 10]


def test_ocr_cache_reuses_reads_of_identical_regions_only() -> None:
    from redact.image._regions import OcrCache, run_strategy

    calls: list[bytes] = []

    def recognise(gray: np.ndarray, psm: int) -> str:
        calls.append(gray.tobytes())
        return ""

    first = render_screen("chat", ["hello there", "second line", "third line"], seed=3).image
    second = render_screen("chat", ["hello there", "second line", "a new third line"], seed=3).image
    cache = OcrCache(64)
    run_strategy(first, recognise, cache=cache)
    n_first = len(calls)
    assert n_first and len(cache) == n_first and cache.misses == n_first
    run_strategy(second, recognise, cache=cache)
    assert 0 < len(calls) - n_first < n_first  # only what changed is read again
    assert cache.hits >= 1
    assert "hello" not in repr(cache)
    cache.clear()
    assert len(cache) == 0


def test_ocr_cache_is_bounded() -> None:
    from redact.image._regions import OcrCache

    cache = OcrCache(2)
    keys = [cache.key(np.full((4, 4), v, np.uint8), 7) for v in range(3)]
    for k in keys:
        cache.put(k, "tsv")
    assert len(cache) == 2 and cache.get(keys[0]) is None and cache.get(keys[2]) == "tsv"


def _assert_words_found(screen, tokens, lines) -> None:  # type: ignore[no-untyped-def]
    """Every drawn ``tokens`` word has a recognised word box within 3 px of its true box."""
    truth = [b for t, b in screen.words if t in tokens]
    got = [w.box for ln in lines for w in ln.words]
    for want in truth:
        best = min(got, key=lambda b: abs(b.x0 - want.x0) + abs(b.y0 - want.y0))
        assert max(abs(best.x0 - want.x0), abs(best.y0 - want.y0),
                   abs(best.x1 - want.x1), abs(best.y1 - want.y1)) <= 3, (best, want)
