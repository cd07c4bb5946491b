"""Painting: every style replaces the box with content that does not depend on what was there."""

from __future__ import annotations

import numpy as np
import pytest

from redact import Box, Style
from redact.image._paint import blank, paint


def _page(seed: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    img = np.full((60, 200, 3), 240, np.uint8)
    img[5:15, 5:60] = rng.integers(0, 80, size=(10, 55, 3))  # context text, identical in both
    inner = np.random.default_rng(seed).integers(0, 80, size=(14, 90, 3))
    img[25:39, 60:150] = inner  # the "secret": differs between seeds
    return img


@pytest.mark.parametrize("style", list(Style))
def test_output_does_not_depend_on_hidden_pixels(style: Style) -> None:
    box = Box(55, 20, 160, 44)
    a = paint(_page(1), [box], style=style, fill_color=(0, 0, 0))
    b = paint(_page(2), [box], style=style, fill_color=(0, 0, 0))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, _page(1))


def test_fill_uses_policy_colour_and_leaves_rest() -> None:
    img = _page(1)
    out = paint(img, [Box(55, 20, 160, 44)], style=Style.FILL, fill_color=(255, 0, 0))
    assert (out[20:44, 55:160] == (255, 0, 0)).all()
    assert np.array_equal(out[:20], img[:20])


def test_blur_looks_like_the_background_not_a_black_box() -> None:
    img = _page(1)
    out = paint(img, [Box(55, 20, 160, 44)], style=Style.BLUR, fill_color=(0, 0, 0))
    region = out[20:44, 55:160].astype(int)
    assert region.min() > 100  # light page -> light smudge
    assert region.std() > 2  # not a flat fill


def test_boxes_are_clipped_and_order_does_not_matter() -> None:
    img = _page(1)
    boxes = [Box(-5, -5, 30, 30), Box(180, 40, 260, 90), Box(20, 10, 70, 40)]
    a = paint(img, boxes, style=Style.BLUR, fill_color=(0, 0, 0))
    b = paint(img, boxes[::-1], style=Style.BLUR, fill_color=(0, 0, 0))
    assert np.array_equal(a, b) and a.shape == img.shape


def test_blank_replaces_every_pixel() -> None:
    out = blank(_page(1), fill_color=(0, 0, 0))
    assert not out.any()


def test_overlapping_boxes_paint_as_one() -> None:
    from redact.image._paint import merge_overlapping

    outer, inner, apart = Box(10, 10, 100, 30), Box(40, 12, 80, 28), Box(150, 10, 180, 30)
    assert merge_overlapping([inner, apart, outer]) == [outer, apart]
    assert merge_overlapping([Box(0, 0, 10, 10), Box(5, 2, 20, 12)]) == [Box(0, 0, 20, 12)]
    img = _page(1)
    a = paint(img, [outer, inner], style=Style.BLUR, fill_color=(0, 0, 0))
    b = paint(img, [outer], style=Style.BLUR, fill_color=(0, 0, 0))
    assert np.array_equal(a, b)  # the inner box adds nothing, and takes no colour from inside


def test_boxes_on_neighbouring_lines_stay_apart() -> None:
    from redact.image._paint import merge_overlapping

    upper, lower = Box(10, 10, 100, 34), Box(300, 30, 400, 54)  # paddings touch by 4 px
    assert merge_overlapping([upper, lower]) == [upper, lower]
