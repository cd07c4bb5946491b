"""run_eval over tiny fixtures with directory tools: report files, top-level keys, compare, keystrokes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redact import InputError
from redact.eval._run import run_eval
from redact.eval.fixtures_gen import write_key_fixtures
from tests.eval._crops import NEGATIVE, REVIEW, crop, fill, write


@pytest.fixture(scope="module")
def fixture_set(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("eval")
    fixtures, perfect, copy = root / "fixtures", root / "perfect", root / "copy"
    rgb, truth = crop(REVIEW)
    neg, neg_truth = crop(NEGATIVE)
    write(fixtures, "review.png", rgb, truth)
    write(fixtures / "sub", "neg.png", neg, neg_truth)
    write(perfect, "review.png", fill(rgb, truth))
    write(perfect / "sub", "neg.png", neg)
    write(copy, "review.png", rgb)          # copy/sub/neg.png missing on purpose: scored as unchanged
    keys = write_key_fixtures(fixtures / "keys", n=3, seed=2)
    (perfect / "keys").mkdir()
    for p in keys:                           # a perfect key masker: masked exactly where the truth says
        truth_events = json.loads(p.with_name(p.stem + ".truth.json").read_text())["truth"]
        (perfect / "keys" / p.name).write_text("".join(json.dumps({"masked": t is not None}) + "\n" for t in truth_events))
    return fixtures, perfect, copy


@pytest.mark.ocr
def test_report_files_and_headline_figures(fixture_set: tuple[Path, Path, Path], tmp_path: Path) -> None:
    fixtures, perfect, copy = fixture_set
    report = run_eval(fixtures, tool=str(perfect), compare=str(copy), out=tmp_path, progress=False)
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["recall"] == 1.0 and data["zero_leak_rate"] == 1.0 and data["over_redaction"] == 0.0
    assert data["seconds_per_image"] is None                     # a directory tool has no timing
    assert set(data["per_type"]) == {"PERSON", "EMAIL_ADDRESS"}
    assert data["per_type"]["PERSON"]["rate"] == 1.0
    assert data["keys"]["key_recall"] == 1.0 and data["keys"]["false_mask_rate"] == 0.0
    assert data["compare"] == "copy" and data["tools"]["copy"]["recall"] == 0.0
    assert data["tools"]["copy"]["keys"] is None                  # no key outputs in that directory
    errors = {r["image"]: r["error"] for r in data["tools"]["copy"]["per_image"]}
    assert errors == {"review.png": None, "sub/neg.png": "missing output"}
    md = (tmp_path / "report.md").read_text()
    assert "| recall: PERSON | 100.0% (1/1) | 0.0% (0/1) |" in md
    html = (tmp_path / "report.html").read_text()
    assert "recall_per_type.png" in html and (tmp_path / "recall_per_type.png").stat().st_size > 0
    misses = report.overlays["copy"]["review.png"]
    assert len(misses) == 2 and all((tmp_path / m).is_file() for m in misses)
    assert not report.overlays["perfect"]


def test_unknown_tool_and_missing_fixtures_fail_clearly(fixture_set: tuple[Path, Path, Path], tmp_path: Path) -> None:
    fixtures, _, _ = fixture_set
    with pytest.raises(InputError, match="neither 'redact', 'presidio' nor a directory"):
        run_eval(fixtures, tool=str(tmp_path / "nope"), out=tmp_path, progress=False)
    with pytest.raises(InputError, match="does not exist"):
        run_eval(tmp_path / "missing", out=tmp_path, progress=False)
