"""redact: scrub screenshots, text and keystroke logs of PII and secrets before they are stored.

>>> import redact
>>> redactor = redact.Redactor(redact.Policy())          # doctest: +SKIP
>>> result = redactor.redact_image("frame.png")          # doctest: +SKIP
>>> result.save("frame.redacted.png")                    # doctest: +SKIP
>>> ctx = redact.FrameContext(app="Firefox", title="Inbox - jane@corp.com")
>>> result = redactor.redact_image("frame.png", context=ctx)  # doctest: +SKIP
>>> result.context.title                                  # doctest: +SKIP
'Inbox - <EMAIL_ADDRESS>'

Everything importable from this module is the public API; the underscore modules and the
subpackages may change between releases.

Errors (all subclasses of :class:`RedactError`, each with a stable ``code``):
:class:`InputError` (bad image or argument), :class:`PolicyError` (invalid policy),
:class:`EngineError` / :class:`OcrError` (an engine is missing or failed),
:class:`KeyLogError` (malformed keystroke log line), :class:`BatchError` (a batch item failed).
"""

from redact._errors import BatchError, EngineError, InputError, KeyLogError, OcrError, PolicyError, RedactError
from redact._memory import SecretMemory
from redact._policy import DEFAULT_ENTITIES, CustomPattern, FailMode, Policy, Style
from redact._redactor import Redactor
from redact._results import ImageFinding, ImageResult, Status, TextResult, Timings
from redact.context._model import FrameContext, UiElement
from redact.context._policy import ContextPolicy
from redact.image._model import Box
from redact.text._model import TextFinding

__version__ = "0.1.0"

__all__ = [
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
]
