"""The public API is exactly what __init__ exports on purpose; import stays light."""

from __future__ import annotations

import subprocess
import sys

import redact

EXPECTED = {
    "DEFAULT_ENTITIES",
    "BatchError",
    "Box",
    "ContextPolicy",
    "CustomPattern",
    "EngineError",
    "FailMode",
    "FrameContext",
    "ImageFinding",
    "ImageResult",
    "InputError",
    "KeyLogError",
    "OcrError",
    "Policy",
    "PolicyError",
    "RedactError",
    "Redactor",
    "SecretMemory",
    "Status",
    "Style",
    "TextFinding",
    "TextResult",
    "Timings",
    "UiElement",
    "__version__",
}


def test_all_is_the_intended_public_api() -> None:
    # Adding a public name must be a decision: update EXPECTED together with __all__.
    assert set(redact.__all__) == EXPECTED
    assert sorted(redact.__all__) == sorted(set(redact.__all__))
    for name in redact.__all__:
        assert hasattr(redact, name), name


def test_every_error_is_a_redact_error_with_a_code() -> None:
    for name in ("InputError", "PolicyError", "EngineError", "OcrError", "KeyLogError", "BatchError"):
        cls = getattr(redact, name)
        assert issubclass(cls, redact.RedactError)
        assert cls("x").code.startswith("R")


def test_import_does_not_load_heavy_engines() -> None:
    code = "import sys, redact; heavy = [m for m in ('spacy', 'presidio_analyzer', 'tesserocr', 'pytesseract') if m in sys.modules]; print(heavy)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
