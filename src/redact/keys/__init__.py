"""Keystroke masking: find and mask passwords and other sensitive typed text in key logs.

The data flow is one module per step: events (``_events``) -> focus contexts (``_context``) ->
typed runs (``_reconstruct``) -> decisions (``_password``, ``_fields``, the text scanner) ->
masked events (``_mask``), driven inline by ``KeyMasker`` (``_stream``) and in bulk by
``mask_key_log`` (``_bulk``). Options live in ``KeyPolicy`` (``_policy``).

>>> from redact.keys import KeyMasker, KeyPolicy
>>> masker = KeyMasker(scanner=None, policy=KeyPolicy())
"""

from redact.keys._bulk import FileReport, KeyLogReport, MalformedLine, mask_events, mask_key_log
from redact.keys._events import Focus, KeyEvent, iter_events, parse_event, parse_line
from redact.keys._mask import SecretMemory
from redact.keys._policy import KeyPolicy, OnMalformed, UnknownContext
from redact.keys._reconstruct import TypedRun, reconstruct
from redact.keys._scanner import TextScanner
from redact.keys._stream import KeyMasker, MaskStats

__all__ = [
    "FileReport",
    "Focus",
    "KeyEvent",
    "KeyLogReport",
    "KeyMasker",
    "KeyPolicy",
    "MalformedLine",
    "MaskStats",
    "OnMalformed",
    "SecretMemory",
    "TextScanner",
    "TypedRun",
    "UnknownContext",
    "iter_events",
    "mask_events",
    "mask_key_log",
    "parse_event",
    "parse_line",
    "reconstruct",
]
