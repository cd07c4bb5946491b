"""The OCR interface: the fake engine, the factory, TSV parsing, and real Tesseract (marked ``ocr``)."""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest

from redact._errors import EngineError, OcrError
from redact.eval.render import Segment, render_screen
from redact.image._model import Box, OcrPage
from redact.image._ocr import FakeOcrEngine, OcrEngine, make_ocr_engine
from redact.image._tesseract import (
    PytesseractEngine,
    TesseractSettings,
    TesserocrEngine,
    find_tessdata,
    parse_tsv,
)

IMAGE = np.zeros((100, 200, 3), np.uint8)
KEY = "AKIAIOSFODNN7EXAMPLE"
EMAIL = "jane.doe@example.com"


# --------------------------------------------------------------------------- fake engine


def test_fake_engine_returns_its_lines_on_a_page_the_size_of_the_image() -> None:
    engine = FakeOcrEngine([[("Password:", Box(10, 10, 80, 24)), ("hunter2", Box(86, 10, 140, 24))],
                            [("", Box(0, 0, 1, 1))]])
    page = engine.read(IMAGE)
    assert isinstance(engine, OcrEngine)
    assert (page.width, page.height, page.engine) == (200, 100, "fake")
    assert len(page.lines) == 1  # the line of empty words is dropped
    (line,) = page.lines
    assert [w.text for w in line.words] == ["Password:", "hunter2"]
    assert line.box == Box(10, 10, 140, 24)
    assert engine.calls == 1


def test_fake_engine_word_text_stays_out_of_repr() -> None:
    page = FakeOcrEngine([[("hunter2", Box(0, 0, 5, 5))]]).read(IMAGE)
    assert "hunter2" not in repr(page)


def test_fake_engine_fails_on_demand() -> None:
    with pytest.raises(OcrError):
        FakeOcrEngine(fail=True).read(IMAGE)
    with pytest.raises(TimeoutError):
        FakeOcrEngine(fail=TimeoutError("slow")).read(IMAGE)


# --------------------------------------------------------------------------- factory and config


def test_unknown_engine_name_lists_the_valid_ones() -> None:
    with pytest.raises(EngineError, match="auto, tesserocr, pytesseract"):
        make_ocr_engine("easyocr")


def test_missing_tessdata_says_how_to_install(tmp_path: object) -> None:
    with pytest.raises(EngineError, match="apt-get install tesseract-ocr tesseract-ocr-eng"):
        find_tessdata(str(tmp_path))


def test_invalid_strategy_is_rejected_on_construction() -> None:
    with pytest.raises(EngineError, match="regions"):
        TesseractSettings(strategy="magic")


@pytest.mark.parametrize("kwargs", [{"squash": 0.3}, {"squash": 1.2}, {"time_limit": 0}])
def test_out_of_range_settings_are_rejected(kwargs: dict[str, float]) -> None:
    with pytest.raises(EngineError):
        TesseractSettings(**kwargs)  # type: ignore[arg-type]


def test_regions_strategy_turns_tesseract_inversion_off() -> None:
    assert TesseractSettings().variables()["tessedit_do_invert"] == "0"
    assert "tessedit_do_invert" not in TesseractSettings(strategy="page").variables()


# --------------------------------------------------------------------------- TSV parsing

TSV = "\n".join([
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "1\t1\t0\t0\t0\t0\t0\t0\t400\t100\t-1\t",
    "4\t1\t1\t1\t1\t0\t20\t10\t300\t20\t-1\t",
    "5\t1\t1\t1\t1\t1\t20\t10\t100\t20\t96.5\tkey=",
    "5\t1\t1\t1\t1\t2\t130\t10\t190\t20\t91.0\tsk_live_abc",
    "5\t1\t1\t1\t1\t3\t330\t10\t10\t20\t50.0\t ",
    "5\t1\t1\t1\t2\t1\t20\t40\t50\t20\t88.0\tnext",
])


def test_parse_tsv_keeps_lines_drops_empty_words_and_maps_boxes_back() -> None:
    lines = parse_tsv(TSV, scale=2.0, dx=100, dy=50)
    assert [[w.text for w in ln.words] for ln in lines] == [["key=", "sk_live_abc"], ["next"]]
    first = lines[0].words[0]
    assert first.box == Box(110, 55, 160, 65)  # 100 + 20/2 ... 100 + 120/2
    assert first.conf == 96.5
    assert lines[0].box == Box(110, 55, 260, 65)


# --------------------------------------------------------------------------- real Tesseract


def _small_screen(theme: str = "light"):  # type: ignore[no-untyped-def]
    return render_screen(
        "form",
        [["Email\t", Segment(EMAIL, "email")], ["Access key ID\t", Segment(KEY, "aws")]],
        theme=theme, size=14, width=900, height=200,
    )


def _read_texts(page: OcrPage) -> list[str]:
    return [w.text for ln in page.lines for w in ln.words]


@pytest.fixture(scope="module")
def tesserocr_engine() -> OcrEngine:
    return make_ocr_engine("tesserocr")


@pytest.mark.ocr
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tesserocr_reads_secrets_where_they_are_drawn(tesserocr_engine: OcrEngine, theme: str) -> None:
    screen = _small_screen(theme)
    page = tesserocr_engine.read(screen.image)
    assert page.engine == "tesserocr" and (page.width, page.height) == (900, 200)
    words = {w.text: w.box for ln in page.lines for w in ln.words}
    for span in screen.spans:
        assert span.text in words, _read_texts(page)
        got, want = words[span.text], span.boxes[0]
        assert max(abs(got.x0 - want.x0), abs(got.y0 - want.y0), abs(got.x1 - want.x1), abs(got.y1 - want.y1)) <= 4


@pytest.mark.ocr
def test_tesserocr_engine_is_safe_to_share_between_threads(tesserocr_engine: OcrEngine) -> None:
    screen = _small_screen()
    expected = _read_texts(tesserocr_engine.read(screen.image))
    results: list[list[str]] = []
    threads = [threading.Thread(target=lambda: results.append(_read_texts(tesserocr_engine.read(screen.image))))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 3


@pytest.mark.ocr
def test_tesserocr_rejects_what_is_not_an_rgb_array(tesserocr_engine: OcrEngine) -> None:
    with pytest.raises(OcrError):
        tesserocr_engine.read(np.zeros((10, 10, 5), np.uint8))


@pytest.mark.ocr
@pytest.mark.parametrize("engine_cls", [TesserocrEngine, PytesseractEngine])
def test_a_page_over_the_time_limit_is_an_ocr_error_not_a_partial_page(engine_cls: type) -> None:
    engine = engine_cls(settings=TesseractSettings(time_limit=0.001))
    with pytest.raises(OcrError, match="time limit"):
        engine.read(_small_screen().image)


@pytest.mark.ocr
def test_pytesseract_engine_reads_the_same_screen() -> None:
    engine = make_ocr_engine("pytesseract")
    page = engine.read(_small_screen().image)
    assert page.engine == "pytesseract"
    assert EMAIL in _read_texts(page)


@pytest.mark.ocr
def test_auto_falls_back_to_pytesseract_when_tesserocr_cannot_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tesserocr", None)  # makes `import tesserocr` raise ImportError
    assert make_ocr_engine("auto").name == "pytesseract"
    with pytest.raises(EngineError, match="pip install tesserocr"):
        make_ocr_engine("tesserocr")
