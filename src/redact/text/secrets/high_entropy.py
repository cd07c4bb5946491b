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
from redact.text._ocr import SHORT_WORDS, SYMBOL_GLYPHS, compact, looks_random, random_letters, reads_as_word

_CONTEXT = re.compile(r"(?i)secret|token|api[ _\-]?key|apikey|passw|credential|bearer|\bauth|private|"
                      r"signature|access[ _\-]?key|\bkey\b|webhook|\bpat\b")
# For a shorter token only a label that names a secret will do: "Key" heads columns of key ids too
_STRONG = re.compile(r"(?i)secret|token|passw|credential|private|signature")
_LABEL = re.compile(r"[A-Za-z][A-Za-z ]{0,40}:?")  # a form label: words, no value
_HEX = re.compile(r"[0-9a-fA-F]+")
# Prefixed object, request and trace ids (Stripe's ``req_``, ``cus_``, ``evt_``...; tracing's
# ``trace_``/``span_``): random, and named in logs next to keys and headers, but not credentials.
_ID_PREFIX = re.compile(r"(?i)(?:req|evt|cus|ch|pi|txn|sub|inv|in|acct|prod|price|ord|order|trace|span|run|job|msg|"
                        r"corr|request|session_id|sess)_")
# Words a log line puts right after an id, which the all-capitals rule would take for a piece
_LOG_WORDS = frozenset({"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "ERR", "FATAL",
                        "CRITICAL", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "OK", "HTTP"})
_IDENTIFIER = re.compile(r"[A-Za-z][a-z]+(?:[_\-.]?[A-Za-z][a-z]+)*|[a-z]+(?:[_\-.][a-z]+)+|[A-Z]+(?:_[A-Z]+)+")


class HighEntropyDetector(Detector):
    name = "high_entropy"
    entity_type = "SECRET"

    def find(self, text: str) -> Iterator[Match]:
        for start, end in _candidates(text):
            line_start = text.rfind("\n", 0, start) + 1
            before = text[line_start:start]
            lead = before.strip()
            line_end = text.find("\n", end)
            after = text[end : line_end if line_end >= 0 else len(text)]
            if _LEAD.fullmatch(lead) and (not reads_as_word(lead) or (len(lead) <= 3 and (
                    lead.lower() not in SHORT_WORDS or (end - start >= 20 and not after.strip())))):
                # the token's first glyphs, cut off by OCR as a piece that looks random to no test
                # but reads as no word either ("Gdzic yU8m6 3LDy..."), or two or three glyphs that
                # are no short word of prose ("uj OTT4KOF2..."), or are one before a long token that
                # ends the line ("not FeCxOLDim1XEVYCri1..."): the token starts its line
                start = line_start + before.index(lead)
                before = text[line_start:start]
            value = compact(text[start:end])
            if not _random_enough(value):
                continue
            prev_start = _previous_line(text, line_start)
            if (is_hash_context(before) or "://" in before[-80:] or value.startswith(("/", "pk_"))
                    or _ID_PREFIX.match(value)
                    or before.rstrip().endswith(("@", ":", "base64,"))):
                continue
            # The previous line counts for a token that starts its line: alone on it ("API key:\n
            # <token>"), or a sentence wrapped by a chat bubble before it ("the private token\n<token> into").
            ctx_start = prev_start if not before.strip() else line_start
            alone = not before.strip() and not after.strip()
            if alone and prev_start < line_start:
                # a form field under its label, read in column order: the label of the field
                # beside it ("Signing secret / Endpoint ID / <value>") may come in between
                two_up = _previous_line(text, prev_start)
                if _LABEL.fullmatch(text[two_up:prev_start].strip()):
                    ctx_start = two_up
            if not (_CONTEXT.search(text, ctx_start, start) or _CONTEXT.search(after[:40])):
                continue
            if len(value) < _MIN_LENGTH and not (alone and len(value) >= _MIN_ALONE and any(
                    _LABEL.fullmatch(ln.strip()) and _STRONG.search(ln) for ln in text[ctx_start:start].split("\n"))):
                continue
            yield Match(start, end, 0.65)


def _previous_line(text: str, line_start: int) -> int:
    """Start of the line before the one at ``line_start``, stepping over lines of one or two stray
    glyphs (a chat bubble's tail read by OCR between a sentence and the token under it)."""
    start = line_start
    while start > 0:
        start = text.rfind("\n", 0, start - 1) + 1
        if len(text[start:line_start].split()) != 1 or len(text[start:line_start].strip()) > 2:
            return start
        line_start = start
    return start


#: Characters a token needs: 20, or 16 alone on its line under a label that names a secret (a form
#: field's value, such as a 19-character webhook signing secret)
_MIN_LENGTH, _MIN_ALONE = 20, 16
_WORD = re.compile(r"\S+")
_LEAD = re.compile(r"[A-Za-z0-9]{2,8}")
# with the glyphs small text turns a token's letters into: "$" for "S", "@" for "0", "é" for "6", "¢" for "c",
# a bracket for a "J", "l" or "f" ("aFZ{Pt")
# (an "@" before a dotted name is an e-mail's, checked apart: a class is faster than a lookahead);
# and inside, a "#" or "%" ("V7#54", "ANP%5"), never first: a channel's "#general", a "%s"
_GLYPHS = rf"[A-Za-z0-9+/_\-.~|()\]{{}}!$@À-ÿ{SYMBOL_GLYPHS}]+"
_PIECE = re.compile(rf"{_GLYPHS}(?:[#%]{_GLYPHS})*={{0,2}}")
_EMAIL_AT = re.compile(r"@[A-Za-z0-9_\-]*\.[A-Za-z]")
_EDGE = "\"'`([{<"
_TAIL = ".,;:!?\"'`)]}>"


def _candidates(text: str) -> Iterator[tuple[int, int]]:
    """Runs of token pieces on one line: one long token, or one that OCR split with spaces.

    OCR of small text cuts a random 40-character token into pieces of 5 to 15 characters
    ("nczXkMDMNdwV 9nHUotpgrk ra8N5 TWwdOOvmh6UFnEsm"). Consecutive pieces that each look random
    (a short one may sit between two that do) form one candidate of at least 20 characters.
    """
    for line in re.finditer(r"[^\n]+", text):
        run: list[tuple[int, int]] = []
        for w in _WORD.finditer(line.group()):
            a, b = line.start() + w.start(), line.start() + w.end()
            while a < b and text[a] in _EDGE:
                a += 1
            while b > a and text[b - 1] in _TAIL:
                b -= 1
            piece = text[a:b]
            label = w.group().endswith(":")  # "SKU:", "x-request-id:" name what follows
            ok = (bool(piece) and not label and _PIECE.fullmatch(piece) is not None and piece not in _LOG_WORDS
                  and ("@" not in piece or _EMAIL_AT.search(piece) is None)
                  and (looks_random(piece) or len(piece) <= 4))
            gap_ok = not run or 1 <= a - run[-1][1] <= 3
            if ok and gap_ok and (run or (a == line.start() + w.start() or text[a - 1] in _EDGE)):
                run.append((a, b))
                continue
            yield from _trimmed(text, run)
            run = [(a, b)] if ok and (a == line.start() + w.start() or text[a - 1] in _EDGE) else []
        yield from _trimmed(text, run)


def _trimmed(text: str, run: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    while run and not looks_random(text[run[0][0] : run[0][1]]):
        run = run[1:]
    while run and not looks_random(text[run[-1][0] : run[-1][1]]):
        run = run[:-1]
    if run and sum(b - a for a, b in run) >= _MIN_ALONE and max(b - a for a, b in run) >= 6:
        yield run[0][0], run[-1][1]


def _random_enough(value: str) -> bool:
    if (is_uuid(value) or is_version(value) or is_data_uri(value) or is_placeholder(value)
            or is_masked(value) or _IDENTIFIER.fullmatch(value)):
        return False
    if value.count("/") >= 2 and all(re.fullmatch(r"[A-Za-z_\-.]*", p) for p in value.split("/")):
        return False  # a path
    entropy = shannon_entropy(value)
    if _HEX.fullmatch(value):
        return len(value) >= 32 and entropy >= 3.0
    if not any(c.isdigit() for c in value):
        # OCR reads a token's few digits as letters ("0" as "Q", "5" as "S") now and then
        return len(value) >= 24 and random_letters(value) and entropy >= 3.7
    # digits and letters of either case
    return any(c.isalpha() for c in value) and entropy >= 3.7
