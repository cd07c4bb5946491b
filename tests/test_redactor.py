"""The public Redactor on images (fake OCR from render truth) and on text."""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from redact import EngineError, InputError, Policy, Redactor, Status
from redact.eval.render import Segment, render_screen
from redact.image._ocr import FakeOcrEngine
from redact.text._analyzer import TextAnalyzer

from .conftest import fake_ocr_from_words

EMAIL = "jane.doe@example.com"
PHONE = "(415) 555-0132"


def _screen():  # type: ignore[no-untyped-def]
    return render_screen(
        "form",
        [
            ["Name\t", Segment("Jane Doe", "PERSON")],
            ["Email\t", Segment(EMAIL, "EMAIL_ADDRESS")],
            ["Phone\t", Segment(PHONE, "PHONE_NUMBER")],
            "Plan\tProfessional (annual)",
        ],
        width=900,
        height=300,
        size=15,
    )


@pytest.fixture(scope="module")
def screen():  # type: ignore[no-untyped-def]
    return _screen()


@pytest.fixture()
def redactor(analyzer: TextAnalyzer, screen) -> Redactor:  # type: ignore[no-untyped-def]
    return Redactor(analyzer.policy, ocr=fake_ocr_from_words(screen.words), analyzer=analyzer)


def _covered(out: np.ndarray, original: np.ndarray, box) -> float:  # type: ignore[no-untyped-def]
    a = out[box.y0 : box.y1, box.x0 : box.x1]
    b = original[box.y0 : box.y1, box.x0 : box.x1]
    return float((a != b).any(axis=2).mean()) if a.size else 1.0


def test_image_findings_cover_every_planted_value(redactor: Redactor, screen) -> None:  # type: ignore[no-untyped-def]
    result = redactor.redact_image(screen.image)
    assert result.status is Status.OK
    types = {f.entity_type for f in result.findings}
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON"} <= types
    mask = np.zeros(screen.image.shape[:2], bool)
    for f in result.findings:
        for b in f.boxes:
            mask[b.y0 : b.y1, b.x0 : b.x1] = True
    for span in screen.spans:
        for b in span.boxes:
            assert mask[b.y0 : b.y1, b.x0 : b.x1].all(), span.label
    # the label column and the non-sensitive row are left readable
    plan = next(b for t, b in screen.words if t == "Professional")
    assert not mask[plan.y0 : plan.y1, plan.x0 : plan.x1].any()
    assert set(result.timings.to_dict()) == {"load", "ocr", "analyze", "locate", "paint", "total"}


@pytest.mark.parametrize("kind", ["path", "bytes", "pil", "rgb", "bgr", "rgba", "l"])
def test_every_input_kind_comes_back_in_kind(redactor: Redactor, screen, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    rgb = screen.image
    pil = Image.fromarray(rgb)
    buf = io.BytesIO()
    pil.save(buf, "PNG")
    inputs = {
        "path": tmp_path / "s.png",
        "bytes": buf.getvalue(),
        "pil": pil,
        "rgb": rgb,
        "bgr": rgb[:, :, ::-1].copy(),
        "rgba": np.dstack([rgb, np.full(rgb.shape[:2], 128, np.uint8)]),
        "l": np.asarray(pil.convert("L")),
    }
    pil.save(inputs["path"])
    data = inputs[kind]
    result = redactor.redact_image(data, channel_order="bgr" if kind == "bgr" else "rgb")
    assert result.status is Status.OK and result.findings
    out = result.image
    if isinstance(data, np.ndarray):
        assert isinstance(out, np.ndarray) and out.shape == data.shape and out.dtype == np.uint8
        if kind == "rgba":
            box = result.findings[0].boxes[0]
            assert (out[box.y0 : box.y1, box.x0 : box.x1, 3] == 255).all()  # alpha redacted too
        if kind == "bgr":
            back = redactor.redact_image(rgb).image
            assert np.array_equal(out[:, :, ::-1], back)
    else:
        assert isinstance(out, Image.Image) and out.size == pil.size and out.mode == "RGB"


def test_ocr_failure_blanks_the_image(analyzer: TextAnalyzer, screen, caplog) -> None:  # type: ignore[no-untyped-def]
    r = Redactor(analyzer.policy, ocr=FakeOcrEngine(fail=RuntimeError("boom")), analyzer=analyzer)
    with caplog.at_level(logging.WARNING, logger="redact"):
        result = r.redact_image(screen.image)
    assert result.status is Status.BLANKED and result.error_code
    assert not np.asarray(result.image).any()  # every pixel filled (black)
    assert "blanked" in caplog.text


def test_ocr_failure_raises_when_policy_says_so(analyzer: TextAnalyzer, screen) -> None:  # type: ignore[no-untyped-def]
    r = Redactor(analyzer.policy.replace(fail_mode="raise"), ocr=FakeOcrEngine(fail=True), analyzer=analyzer)
    with pytest.raises(EngineError):
        r.redact_image(screen.image)


def test_detector_failure_blanks(analyzer: TextAnalyzer, screen) -> None:  # type: ignore[no-untyped-def]
    class Broken:
        policy = analyzer.policy

        def analyze(self, text: str) -> list:
            raise ValueError("detector bug")

    r = Redactor(analyzer.policy, ocr=fake_ocr_from_words(screen.words), analyzer=Broken())  # type: ignore[arg-type]
    assert r.redact_image(screen.image).status is Status.BLANKED


def test_overrunning_the_timeout_blanks(analyzer: TextAnalyzer, screen) -> None:  # type: ignore[no-untyped-def]
    class Slow(FakeOcrEngine):
        def read(self, image):  # type: ignore[no-untyped-def]
            time.sleep(0.3)
            return super().read(image)

    words = fake_ocr_from_words(screen.words)
    slow = Slow([[(w.text, w.box) for w in line.words] for line in words.read(screen.image).lines])
    r = Redactor(analyzer.policy.replace(timeout_seconds=0.1), ocr=slow, analyzer=analyzer)
    result = r.redact_image(screen.image)
    assert result.status is Status.BLANKED and result.error_code == "R330"


def test_bad_input_raises_and_writes_nothing(redactor: Redactor, tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    with pytest.raises(InputError):
        redactor.redact_file(bad, tmp_path / "out.png", manifest=tmp_path / "out.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.png"]


def test_results_never_show_values(redactor: Redactor, screen, caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level(logging.DEBUG):
        result = redactor.redact_image(screen.image)
        text_result = redactor.redact_text(f"mail {EMAIL} or call {PHONE}")
    dumps = [repr(result), result.to_json(), repr(text_result.findings), json.dumps([f.to_dict() for f in text_result.findings]),
             caplog.text, repr(redactor)]
    for blob in dumps:
        for value in (EMAIL, PHONE, "jane.doe", "555-0132"):
            assert value not in blob
    for f in text_result.findings:
        d = f.to_dict()
        assert "end" not in d and "length_bucket" in d


def test_redact_text_uses_placeholders(redactor: Redactor) -> None:
    result = redactor.redact_text(f"Contact {EMAIL} today")
    assert result.text == "Contact <EMAIL_ADDRESS> today"
    (f,) = [f for f in result.findings if f.entity_type == "EMAIL_ADDRESS"]
    assert (f.start, f.end) == (8, 8 + len(EMAIL))
    with pytest.raises(InputError):
        redactor.redact_text(b"bytes")  # type: ignore[arg-type]


def test_allow_list_keeps_a_value(analyzer: TextAnalyzer) -> None:
    policy = analyzer.policy.replace(allow_list={"support@example.com"})
    r = Redactor(policy, ocr=FakeOcrEngine())
    assert r.redact_text("support@example.com").text == "support@example.com"
    assert r.redact_text("jane@example.com").text == "<EMAIL_ADDRESS>"


def test_one_redactor_is_safe_across_threads(redactor: Redactor, screen) -> None:  # type: ignore[no-untyped-def]
    expected = redactor.redact_image(screen.image).image
    outs: list[np.ndarray] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(3):
                outs.append(redactor.redact_image(screen.image).image)  # type: ignore[arg-type]
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(outs) == 12
    assert all(np.array_equal(o, expected) for o in outs)


def test_session_memory_redacts_a_secret_seen_elsewhere(analyzer: TextAnalyzer) -> None:
    """A password typed earlier (remembered from the key log) is redacted where OCR reads it."""
    from redact import SecretMemory

    screen = render_screen("chat", [["my new one is ", Segment("hunter2hunter2", "PASSWORD")], "ok thanks"],
                           width=700, height=160, size=15)
    r = Redactor(analyzer.policy, ocr=fake_ocr_from_words(screen.words), analyzer=analyzer)
    plain = r.redact_image(screen.image)
    assert not any(f.detector == "session_memory" for f in plain.findings)
    memory = SecretMemory()
    memory.remember("hunter2hunter2", "PASSWORD")
    result = r.redact_image(screen.image, memory=memory)
    hit = [f for f in result.findings if f.detector == "session_memory"]
    assert hit and hit[0].entity_type == "PASSWORD"
    assert "hunter2" not in repr(memory)


def test_secrets_found_on_one_frame_are_remembered(analyzer: TextAnalyzer) -> None:
    from redact import SecretMemory

    key = "AKIAQ4ZXJ5KD7WP2RTYE"
    first = render_screen("terminal", [["$ export AWS_ACCESS_KEY_ID=", Segment(key, "aws")]], width=700, height=120)
    memory = SecretMemory()
    Redactor(analyzer.policy, ocr=fake_ocr_from_words(first.words), analyzer=analyzer).redact_image(
        first.image, memory=memory)
    assert memory.find(f"copied {key} here") == [(7, 7 + len(key), "AWS_ACCESS_KEY")]
    # folded: the OCR reading with O/0 and I/1 confusions still matches
    assert memory.find("AKIAQ4ZXJ5KD7WP2RTYE".replace("Z", "2"))


_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    a=st.text(alphabet=_B32, min_size=16, max_size=16),
    b=st.text(alphabet=_B32, min_size=16, max_size=16),
    font=st.sampled_from(["dejavu-sans-mono", "liberation-mono"]),
    style=st.sampled_from(["blur", "fill", "pixelate"]),
)
def test_output_does_not_depend_on_the_secret_given_the_same_reading_of_the_context(
    analyzer: TextAnalyzer, a: str, b: str, font: str, style: str
) -> None:
    """Whole pipeline on fake OCR built from each screen's own word boxes (the secret's ink box
    differs with its glyphs, the context reads the same): byte-identical outputs on a terminal.

    In proportional fonts the secret's own width differs, so only the painted pixels (test_paint)
    and the bucketed widths (test_locate) are content-independent there, as the issue asks."""
    outs = []
    for key in (a, b):
        screen = render_screen(
            "terminal",
            ["$ git status", ["$ export AWS_ACCESS_KEY_ID=", Segment("AKIA" + key, "aws")], "$ make deploy"],
            font=font, size=14, width=700, height=120,
        )
        r = Redactor(analyzer.policy.replace(style=style), ocr=fake_ocr_from_words(screen.words), analyzer=analyzer)
        result = r.redact_image(screen.image)
        assert "AWS_ACCESS_KEY" in result.entity_counts
        outs.append(np.asarray(result.image))
    assert np.array_equal(outs[0], outs[1])
