"""The committed evaluation fixtures and their generator's templates (no browser needed)."""

from __future__ import annotations

import json
import re

import pytest

from redact.eval._truth import load_truth
from redact.eval.fixtures_gen import PAGES
from redact.eval.fixtures_gen._build import TEMPLATES
from redact.eval.fixtures_gen._values import Values
from tests.eval._crops import EVAL

PNGS = sorted(EVAL.glob("*.png"))


def test_fixture_set_is_complete_and_small() -> None:
    assert {p.name for p in PNGS} == {f"{s.name}.png" for s in PAGES}
    assert 30 <= len(PNGS) <= 40
    size = sum(p.stat().st_size for p in EVAL.rglob("*") if p.is_file())
    assert size < 25 * 2**20
    keys = sorted((EVAL / "keys").glob("*.jsonl"))
    assert len(keys) >= 20 and all(k.with_name(k.stem + ".truth.json").is_file() for k in keys)


@pytest.mark.parametrize("png", PNGS, ids=lambda p: p.stem)
def test_truth_is_well_formed(png) -> None:
    truth = load_truth(png)
    assert truth is not None and truth.template in TEMPLATES
    from PIL import Image

    with Image.open(png) as im:
        assert im.size == (truth.width, truth.height)
        assert 1280 <= im.width <= 2560 and 800 <= im.height <= 1600
    for it in truth.items:
        assert it.value and it.boxes
        for b in it.boxes:
            assert 0 <= b.x0 < b.x1 <= truth.width and 0 <= b.y0 < b.y1 <= truth.height
    sensitive = [it for it in truth.items if it.sensitive]
    assert bool(sensitive) is not truth.template.startswith("neg_")
    assert json.loads(png.with_name(png.stem + ".truth.json").read_text())["template"] == truth.template


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_templates_mark_their_values(name: str) -> None:
    _, body = TEMPLATES[name](Values(7))
    marked = re.findall(r'data-s="([01])"', body)
    assert "0" in marked                                # every page has look-alikes
    assert ("1" in marked) is not name.startswith("neg_")
    assert TEMPLATES[name](Values(7)) == TEMPLATES[name](Values(7))  # seeded: the same page twice


def test_another_seed_draws_other_pages_of_the_same_templates() -> None:
    """A held-out set: the same templates with other values, viewports and font sizes."""
    from redact.eval.fixtures_gen import pages_for

    assert pages_for(1000) == PAGES
    other = pages_for(7000)
    assert [p.template for p in other] == [p.template for p in PAGES]
    assert not {p.seed for p in other} & {p.seed for p in PAGES}
    assert sum(p.name != q.name for p, q in zip(other, PAGES, strict=True)) == len(PAGES)
