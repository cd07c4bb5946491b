"""The screenshot renderer: deterministic pixels and truth boxes that match the drawn ink."""

from __future__ import annotations

import numpy as np
import pytest

from redact._errors import InputError
from redact.eval.render import FONTS, LAYOUTS, THEMES, Segment, demo_lines, render_screen
from redact.image._model import Box

KEY = "AKIAIOSFODNN7EXAMPLE"


def _ink(image: np.ndarray, box: Box) -> int:
    """Pixels in ``box`` that differ from the box's most common colour (its background)."""
    patch = image[box.y0:box.y1, box.x0:box.x1].reshape(-1, 3).astype(int)
    colours, counts = np.unique(patch, axis=0, return_counts=True)
    bg = colours[counts.argmax()]
    return int((np.abs(patch - bg).sum(axis=1) > 60).sum())


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("theme", THEMES)
def test_every_layout_and_theme_draws_words_and_spans(layout: str, theme: str) -> None:
    s = render_screen(layout, demo_lines(layout, seed=1, count=12), theme=theme, width=1280, height=720, size=13)
    assert s.image.shape == (720, 1280, 3) and s.image.dtype == np.uint8
    assert len(s.words) > 20 and s.spans
    for span in s.spans:
        for b in span.boxes:
            assert 0 <= b.x0 < b.x1 <= 1280 and 0 <= b.y0 < b.y1 <= 720
            assert _ink(s.image, b) > 0.1 * b.area  # the box holds drawn glyphs


def test_same_arguments_give_identical_pixels_and_truth() -> None:
    a = render_screen("chat", demo_lines("chat", seed=4), theme="dark", seed=4)
    b = render_screen("chat", demo_lines("chat", seed=4), theme="dark", seed=4)
    assert np.array_equal(a.image, b.image) and a.words == b.words and a.spans == b.spans
    c = render_screen("chat", demo_lines("chat", seed=4), theme="dark", seed=5)
    assert not np.array_equal(a.image, c.image)


def test_span_box_equals_the_word_box_and_is_tight() -> None:
    s = render_screen("terminal", [["key ", Segment(KEY, "aws"), " end"]], width=800, height=200)
    (span,) = s.spans
    assert span.label == "aws" and span.text == KEY and len(span.boxes) == 1
    word_box = dict(s.words)[KEY]
    assert span.boxes[0] == word_box
    b = span.boxes[0]
    grown = Box(b.x0 - 3, b.y0 - 3, b.x1 + 3, b.y1 + 3)
    assert _ink(s.image, grown) == pytest.approx(_ink(s.image, b), rel=0.02)  # nothing drawn outside


def test_long_token_wraps_into_one_box_per_fragment() -> None:
    token = "sk_live_" + "x9" * 60
    s = render_screen("chat", [["token: ", Segment(token, "stripe")]], width=900, height=300)
    (span,) = s.spans
    assert len(span.boxes) >= 2
    assert span.boxes[1].y0 > span.boxes[0].y1 - 2  # next fragment on a lower line


def test_hidpi_doubles_every_metric() -> None:
    one = render_screen("form", [["Email\t", Segment("a@b.co", "email")]], width=1600, height=400)
    two = render_screen("form", [["Email\t", Segment("a@b.co", "email")]], width=1600, height=400, scale=2)
    h1, h2 = one.spans[0].boxes[0].height, two.spans[0].boxes[0].height
    assert 1.8 <= h2 / h1 <= 2.2


def test_lines_that_do_not_fit_are_left_out_of_the_truth() -> None:
    lines = [["line ", Segment(f"secret{i}", "s")] for i in range(200)]
    s = render_screen("terminal", lines, width=600, height=200)
    assert 0 < len(s.spans) < 20
    assert all(b.y1 <= 200 for sp in s.spans for b in sp.boxes)


@pytest.mark.parametrize("font", sorted(FONTS))
def test_every_font_loads(font: str) -> None:
    s = render_screen("ide", ["x = 1"], font=font, width=400, height=120)
    assert any(t == "x" for t, _ in s.words)


@pytest.mark.parametrize(
    "kwargs",
    [{"layout": "desktop"}, {"theme": "sepia"}, {"font": "comic-sans"}, {"scale": 5}, {"width": 10}],
)
def test_bad_arguments_raise_input_error_naming_the_options(kwargs: dict[str, object]) -> None:
    args: dict[str, object] = {"layout": "form", **kwargs}
    layout = args.pop("layout")
    with pytest.raises(InputError):
        render_screen(layout, ["x"], **args)  # type: ignore[arg-type]
