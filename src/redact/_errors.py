"""Every error ``redact`` raises, in one place.

The tree::

    RedactError                 base: catch this to catch everything below
    ├── InputError              the input is unreadable, corrupt, too large or of the wrong type
    ├── PolicyError             a policy value or TOML file is invalid
    ├── EngineError             an engine (OCR, NLP, analyzer) is missing or failed
    │   └── OcrError            OCR failed on an image
    ├── KeyLogError             a keystroke log line is malformed
    └── BatchError              a batch run could not complete an item

Each error carries a stable ``code`` (``"R101"`` ...) so that callers and logs can match on it
without parsing prose. Messages name the cause, the input and the fix; they never contain a
sensitive value: callers pass *descriptions* of inputs (a path, an index), never their content.
"""

from __future__ import annotations

__all__ = [
    "BatchError",
    "EngineError",
    "InputError",
    "KeyLogError",
    "OcrError",
    "PolicyError",
    "RedactError",
]


class RedactError(Exception):
    """Base class of all errors raised by ``redact``."""

    code: str = "R000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(f"[{self.code}] {message}")


class InputError(RedactError, ValueError):
    """The input cannot be redacted: unreadable, corrupt, truncated, empty, too large, wrong type."""

    code = "R100"


class PolicyError(RedactError, ValueError):
    """A policy value is invalid; the message names the key and the valid options."""

    code = "R200"


class EngineError(RedactError, RuntimeError):
    """An engine could not be loaded or failed while running."""

    code = "R300"


class OcrError(EngineError):
    """OCR failed on an image."""

    code = "R310"


class KeyLogError(RedactError, ValueError):
    """A keystroke log entry is malformed; the message names the line."""

    code = "R400"

    def __init__(self, message: str, *, line: int | None = None, code: str | None = None) -> None:
        self.line = line
        where = f"line {line}: " if line is not None else ""
        super().__init__(f"{where}{message}", code=code)


class BatchError(RedactError, RuntimeError):
    """A batch item could not be processed."""

    code = "R500"
