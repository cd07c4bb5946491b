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


def _line_tops(s: object, label: str) -> list[tuple[int, int]]:
    return [(b.x0, b.y0) for sp in s.spans if sp.label == label for b in sp.boxes]  # type: ignore[attr-defined]


def test_chat_message_of_several_lines_is_one_bubble() -> None:
    # A pasted key is one message: its lines stack at the line pitch, all on one side.
    lines = ["hi", *[["  ", Segment(f"MIIB{i}abcdefgh", "key")] for i in range(5)], "thanks"]
    one = render_screen("chat", lines, size=15, width=1200, height=600, seed=3, messages=[1, 5, 1])
    tops = _line_tops(one, "key")
    assert len(tops) == 5 and len({x for x, _ in tops}) == 1
    pitches = {b[1] - a[1] for a, b in zip(tops, tops[1:])}
    assert pitches <= {20, 21, 22}  # size 15 * 1.4 line height, no bubble padding between lines
    apart = render_screen("chat", lines, size=15, width=1200, height=600, seed=3)
    gaps = [b[1] - a[1] for a, b in zip(_line_tops(apart, "key"), _line_tops(apart, "key")[1:])]
    assert min(gaps) > 30  # one bubble per line: padding and spacing between lines


def test_chat_default_is_one_message_per_line() -> None:
    lines = demo_lines("chat", seed=4)
    a = render_screen("chat", lines, theme="dark", seed=4)
    b = render_screen("chat", lines, theme="dark", seed=4, messages=[1] * len(lines))
    assert np.array_equal(a.image, b.image) and a.spans == b.spans


def test_chat_message_taller_than_the_page_shows_the_lines_that_fit() -> None:
    lines = [[Segment(f"line{i:02d}", "s")] for i in range(40)]
    s = render_screen("chat", lines, size=15, width=900, height=300, messages=[40])
    assert 5 < len(s.spans) < 40
    assert [sp.text for sp in s.spans] == [f"line{i:02d}" for i in range(len(s.spans))]
    assert all(b.y1 <= 300 for sp in s.spans for b in sp.boxes)


@pytest.mark.parametrize("messages", [[0, 1], [3], [-1]])
def test_bad_message_counts_raise_input_error(messages: list[int]) -> None:
    with pytest.raises(InputError):
        render_screen("chat", ["a", "b"], messages=messages)


def test_secret_sample_in_chat_is_one_message() -> None:
    from redact.eval.secret_screens import VARIANTS, render_sample
    from redact.eval.secretgen import samples

    (sample,) = samples("recovery_codes", 1, seed=3)
    chat = next(v for v in VARIANTS if v[0] == "chat")
    s = render_sample(sample, chat, seed=1)
    rows: dict[int, int] = {}
    for sp in s.spans:
        for b in sp.boxes:
            rows[b.y0] = min(rows.get(b.y0, b.x0), b.x0)
    assert len(rows) >= 3
    assert len(set(rows.values())) == 1  # every row of codes starts at the same bubble margin
    ys = sorted(rows)
    assert max(b - a for a, b in zip(ys, ys[1:])) < 25  # rows at the line pitch, not bubble spacing
