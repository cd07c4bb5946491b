"""High-entropy tokens in a secret-ish context (a keyword on the same or the previous line).

The last resort, scored below every specific detector. Entropy alone is never enough: git SHAs,
digests and ids are high-entropy too, so a secret keyword must be near and no hash word may be.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._filters import (
    is_data_uri,
    is_hash_context,
    is_masked,
    is_placeholder,
    is_uuid,
    is_version,
    shannon_entropy,
)
from redact.text._model import Match

_TOKEN = re.compile(r"(?<![\w+/=.\-~])[A-Za-z0-9+/_\-.~]{20,}={0,2}(?![\w+/=\-~])")
_CONTEXT = re.compile(r"(?i)secret|token|api[ _\-]?key|apikey|passw|credential|bearer|\bauth|private|"
                      r"signature|access[ _\-]?key|\bkey\b|webhook|\bpat\b")
_HEX = re.compile(r"[0-9a-fA-F]+")
_IDENTIFIER = re.compile(r"[A-Za-z][a-z]+(?:[_\-.]?[A-Za-z][a-z]+)*|[a-z]+(?:[_\-.][a-z]+)+|[A-Z]+(?:_[A-Z]+)+")


class HighEntropyDetector(Detector):
    name = "high_entropy"
    entity_type = "SECRET"

    def find(self, text: str) -> Iterator[Match]:
        for m in _TOKEN.finditer(text):
            value = m.group().rstrip(".")
            if not _random_enough(value):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            before = text[line_start:m.start()]
            if (is_hash_context(before) or "://" in before[-80:] or value.startswith(("/", "pk_"))
                    or before.rstrip().endswith(("@", ":", "base64,"))):
                continue
            line_end = text.find("\n", m.end())
            after = text[m.end(): line_end if line_end >= 0 else len(text)]
            # The previous line counts only for a token alone on its line ("API key:\n  <token>").
            ctx_start = prev_start if not before.strip() and not after.strip() else line_start
            if not (_CONTEXT.search(text, ctx_start, m.start()) or _CONTEXT.search(after[:40])):
                continue
            yield Match(m.start(), m.start() + len(value), 0.65)


def _random_enough(value: str) -> bool:
    if (is_uuid(value) or is_version(value) or is_data_uri(value) or is_placeholder(value)
            or is_masked(value) or _IDENTIFIER.fullmatch(value)):
        return False
    if value.count("/") >= 2 and all(re.fullmatch(r"[A-Za-z_\-.]*", p) for p in value.split("/")):
        return False  # a path
    entropy = shannon_entropy(value)
    if _HEX.fullmatch(value):
        return len(value) >= 32 and entropy >= 3.0
    kinds = sum((any(c.islower() for c in value), any(c.isupper() for c in value),
                 any(c.isdigit() for c in value)))
    return kinds >= 2 and any(c.isdigit() for c in value) and entropy >= 3.7
