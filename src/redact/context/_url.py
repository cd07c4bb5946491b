"""The parts of a URL that carry personal data or secrets, found from the URL's structure alone.

Detectors find known shapes (an e-mail, a token with a vendor prefix); these rules find the
places a URL puts values whatever their shape:

* user info (``https://user:pass@host``) -> ``URL_CREDENTIALS``;
* every query value (``?q=...&sig=...``; names are kept) -> ``QUERY_VALUE``;
* the fragment: its values if it is query-like (``#access_token=...``), else its path segments;
* path segments holding an e-mail (also percent-encoded) -> ``EMAIL_ADDRESS``, a number of five
  digits or more, a UUID or a long hex string -> ``URL_ID``, a long mixed token -> ``URL_TOKEN``.

The scheme, host, port and ordinary path words are kept. Spans index the URL exactly as given.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from urllib.parse import unquote

__all__ = ["url_spans"]

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_EMAIL = re.compile(r"[^\s@/]+@[^\s@/]+\.[a-z]{2,}", re.I)
_DIGITS = re.compile(r"\d{5,}")
_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)
_HEX = re.compile(r"^[0-9a-f]{16,}$", re.I)
_TOKENISH = re.compile(r"^[A-Za-z0-9_\-.~+=%]{20,}$")


def url_spans(url: str) -> list[tuple[int, int, str]]:
    """``(start, end, entity)`` spans of ``url`` to redact by structure.

    >>> u = "https://x.example/u/jane%40corp.com/?q=salary#top"
    >>> [(u[s:e], k) for s, e, k in url_spans(u)]
    [('jane%40corp.com', 'EMAIL_ADDRESS'), ('salary', 'QUERY_VALUE'), ('top', 'URL_FRAGMENT')]
    """
    spans: list[tuple[int, int, str]] = []
    m = _SCHEME.match(url)
    start = m.end() if m else 0
    n = len(url)
    hash_at = url.find("#", start)
    end_frag = n
    if hash_at < 0:
        hash_at = n
    query_at = url.find("?", start, hash_at)
    if query_at < 0:
        query_at = hash_at
    if m:  # authority: only when there is a scheme, else the whole string is a path
        slash = url.find("/", start, query_at)
        auth_end = slash if slash >= 0 else query_at
        at = url.rfind("@", start, auth_end)
        if at >= 0:
            spans.append((start, at, "URL_CREDENTIALS"))
        path_start = auth_end
    else:
        path_start = start
    spans += _path_spans(url, path_start, query_at)
    if query_at < hash_at:
        spans += _query_spans(url, query_at + 1, hash_at)
    if hash_at < end_frag - 1:
        frag_start = hash_at + 1
        frag = url[frag_start:end_frag]
        if "=" in frag:
            spans += _query_spans(url, frag_start, end_frag)
        elif frag.startswith(("/", "!/")):
            spans += _path_spans(url, frag_start, end_frag)
        else:
            spans.append((frag_start, end_frag, "URL_FRAGMENT"))
    return spans


def _query_spans(url: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    spans = []
    pos = lo
    while pos < hi:
        amp = url.find("&", pos, hi)
        stop = hi if amp < 0 else amp
        eq = url.find("=", pos, stop)
        if eq >= 0 and eq + 1 < stop:
            spans.append((eq + 1, stop, "QUERY_VALUE"))
        elif eq < 0 and stop > pos:
            spans.append((pos, stop, "QUERY_VALUE"))  # a bare value (``?jane@corp.com``)
        pos = stop + 1
    return spans


def _path_spans(url: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    spans = []
    pos = lo
    while pos <= hi:
        slash = url.find("/", pos, hi)
        stop = hi if slash < 0 else slash
        if stop > pos:
            entity = _segment_entity(url[pos:stop])
            if entity is not None:
                spans.append((pos, stop, entity))
        if slash < 0:
            break
        pos = slash + 1
    return spans


def _segment_entity(raw: str) -> str | None:
    seg = unquote(raw)
    if _EMAIL.search(seg):
        return "EMAIL_ADDRESS"
    if _DIGITS.search(seg) or _UUID.search(seg) or _HEX.match(seg):
        return "URL_ID"
    if _TOKENISH.match(seg) and _looks_random(seg):
        return "URL_TOKEN"
    return None


def _looks_random(seg: str) -> bool:
    """Mixed classes and high per-character entropy: ``aB3xQ9...`` yes, ``my-long-article-title`` no."""
    classes = sum((any(c.islower() for c in seg), any(c.isupper() for c in seg), any(c.isdigit() for c in seg)))
    if classes < 2:
        return False
    counts = Counter(seg)
    n = len(seg)
    entropy = -sum(c / n * math.log2(c / n) for c in counts.values())
    return entropy >= 3.5
