"""The scorer itself: perfect redaction scores 100%, a copy 0%, readable blur leaks, a full fill over-redacts."""

from __future__ import annotations

import numpy as np
import pytest

from redact.eval._scorer import Scorer, ToolScore, leaks, normalise
from tests.eval._crops import NEGATIVE, REVIEW, crop, fill, light_blur


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


@pytest.fixture(scope="module")
def review() -> tuple[np.ndarray, object]:
    rgb, truth = crop(REVIEW)
    assert sum(it.sensitive for it in truth.items) == 2 and sum(not it.sensitive for it in truth.items) == 2
    return rgb, truth


@pytest.mark.parametrize(
    ("value", "ocr", "leaked"),
    [
        ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk live 4eC39HqLy", True),      # 15 of 29 chars: more than half
        ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39", False),         # prefix only
        ("Tr0ub4dor&3", "Tr0ub", False),                                      # 5 < 6 characters
        ("Tr0ub4dor&3", "TrOub4", True),                                      # 0/O folded
        ("Ana Li", "ana li", True),                                           # shorter than 6: the whole value
        ("jane.doe@example.com", "", False),
    ],
)
def test_leaks(value: str, ocr: str, leaked: bool) -> None:
    assert leaks(value, ocr) is leaked


def test_normalise_folds_ocr_confusions() -> None:
    assert normalise("AKIA IOSF-0DNN") == normalise("akia1osf_odnn")


@pytest.mark.ocr
def test_perfect_redactor_scores_full_recall(scorer: Scorer, review) -> None:
    rgb, truth = review
    s = scorer.score_image("review.png", rgb, fill(rgb, truth), truth)
    tool = ToolScore("perfect", (s,))
    assert tool.recall.value == 1.0 and tool.zero_leak.value == 1.0
    assert tool.over_redaction.value == 0.0


def test_unchanged_copy_scores_zero(scorer: Scorer, review) -> None:
    rgb, truth = review
    s = scorer.score_image("review.png", rgb, rgb.copy(), truth)
    tool = ToolScore("copy", (s,))
    assert tool.recall.value == 0.0 and tool.zero_leak.value == 0.0
    assert {i.reason for i in s.sensitive} == {"uncovered"} and s.changed_area == 0.0


@pytest.mark.ocr
def test_light_blur_that_ocr_reads_counts_as_leaked(scorer: Scorer, review) -> None:
    rgb, truth = review
    s = scorer.score_image("review.png", rgb, light_blur(rgb, truth), truth)
    assert all(i.coverage >= 0.9 for i in s.sensitive)      # the pixels did change...
    assert all(i.reason == "ocr_leak" for i in s.sensitive)  # ...but OCR still reads the values
    assert ToolScore("blur", (s,)).recall.value == 0.0


def test_whole_image_fill_is_full_over_redaction(scorer: Scorer) -> None:
    rgb, truth = crop(NEGATIVE)
    assert truth.items and not any(it.sensitive for it in truth.items)
    s = scorer.score_image("neg.png", rgb, np.full_like(rgb, 127), truth)
    tool = ToolScore("fill", (s,))
    assert tool.over_redaction.value == 1.0
    assert tool.negative_changed_area is not None and tool.negative_changed_area > 0.9
    assert tool.zero_leak.total == 0 and tool.recall.value is None


def test_size_mismatch_is_refused(scorer: Scorer, review) -> None:
    rgb, truth = review
    with pytest.raises(ValueError, match="output is"):
        scorer.score_image("review.png", rgb, rgb[:-1], truth)


def _bubble(text_box: tuple[int, int, int, int]) -> np.ndarray:
    """White strokes on a blue chat bubble, inside ``text_box``."""
    img = np.zeros((40, 200, 3), np.uint8)
    img[:] = (30, 90, 230)
    x0, y0, x1, y1 = text_box
    for x in range(x0, x1, 6):  # vertical strokes two pixels wide
        img[y0:y1, x : x + 2] = 255
    return img


def test_a_fill_in_the_text_colour_hides_the_glyphs_and_a_partial_one_does_not() -> None:
    from redact.eval._truth import glyph_coverage
    from redact.image._model import Box

    img = _bubble((20, 10, 180, 30))
    box = Box(20, 10, 180, 30)
    assert glyph_coverage(img, img, box) == 0.0                    # a copy hides nothing
    white = img.copy()
    white[6:34, 16:184] = 255                                       # a fill that happens to be the text's colour
    assert glyph_coverage(img, white, box) == 1.0
    half = img.copy()
    half[6:34, 16:100] = 255
    assert 0.4 < glyph_coverage(img, half, box) < 0.6               # the strokes right of it still read
