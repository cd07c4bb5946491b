"""Shared scanner for ``key <op> value`` assignments in code, env files, YAML, JSON, INI and shell.

Two detectors use it: ``password_assignment`` (password-like keys, entity PASSWORD) and
``keyword_assignment`` (every other secret-like key, entity SECRET). The value is caught whatever
its entropy -- only the key tells that ``hunter2hunter2`` is a password -- so the filters here
remove what is *not a value*: code references, types, placeholders, masks and metadata keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from redact.text._filters import (
    is_code_reference,
    is_masked,
    is_placeholder,
    is_word_like,
)
from redact.text._ocr import SHORT_WORDS, extend_fragments, looks_random

__all__ = ["Assignment", "find_assignments"]

# "nasswd": small dark text loses the descender of the "p"
_PASSWORD_KW = r"pass(?:word|wd|phrase|code)?|pa55word|passw0rd|nass(?:word|wd)|pwd|passwort"
_SECRET_KW = (r"secret|token|api[_\-.]?key|apikey|private[_\-.]?key|priv[_\-]?key|client[_\-]?secret|auth|"
              r"access[_\-]?key|secret[_\-]?key|signing[_\-]?key|encryption[_\-]?key|master[_\-]?key|"
              r"account[_\-]?key|credentials?|session[_\-]?key|webhook[_\-]?secret|dsn|connection[_\-]?string|"
              r"sas|bearer|cookie|license[_\-]?key|salt|seed")

# An upper-case environment name ending in _KEY (STRIPE_KEY, OPENAI_KEY) holds a key; in code,
# lower-case ``primary_key`` or ``sort_key`` does not, so this one is case-sensitive.
_ENV_KEY = r"(?-i:(?<=[A-Z0-9]_)KEY(?![A-Z]))"
_KW = re.compile(r"(?i)(?=[pstacdbwlmekn])(?:" + _PASSWORD_KW + "|" + _SECRET_KW + "|" + _ENV_KEY + ")")
# Matched at the end of the keyword: the rest of the key, the operator and the value.
_REST = re.compile(
    r"(?i)[\w.\-]{0,40}[\"'\]‘’“”!]{0,2}[ \t]*(?:\([^)\n]{0,40}\)[ \t]*)?"  # "!": a closing quote misread, or read twice
    r"(?P<op>:=|=>|->|=(?![=~])|:(?![:/])(?:[ \t]*[A-Za-z_][\w\[\], |.]*[ \t]*=(?!=))?"
    # OCR reads a lone "=" as a dash: taken before a quoted value, or before a value that is a
    # password only by its looks (checked below)
    r"|[—–](?=[ \t]*[\"'`‘’“”])|(?P<dash>[—–])(?=[ \t]+\S)"
    r"|(?<=[ \t])[t;|‘’']=(?=[ \t]*[\"'`‘’“”]))"  # and the ":" of ":=" as a glyph ("PGPASSWORD t= "...", "‘=")
    r"[ \t]*(?:\r?\n[ \t]*(?=[\"'`‘’“”]|\*\w))?"  # a chat bubble wraps after the operator: quoted values only
    r"(?:!!?\w+[ \t]+)?"
    # an opening quote read twice ('"“Blue$ky2025"', "‘'SXbt"), or read as "*" ("*az4Uu...';")
    # an unquoted value may hold a curly quote OCR made of a glyph ("mOnkeyBus‘iness")
    r"(?:(?P<q>(?:[\"'`‘’“”]|\*(?=\w))(?:[“‘]|['\"](?=\w))?)(?P<qv>[^\"'`‘’“”\n]{1,500})(?:[\"'`‘’“”]|$)|(?P<uv>[^\s\"'`‘’“”](?:[^\s\"'`‘’“”]|[‘’](?=\w))*))",
    re.MULTILINE,
)


_META_SUFFIX = re.compile(
    r"(?:^|_)(?:type|types|count|len|length|url|uri|path|file|filename|name|id|ids|field|label|prompt|hint|"
    r"policy|expiry|expires|expires_at|expiration|ttl|endpoint|header|format|min|max|enabled|required|regex|"
    r"pattern|placeholder|size|limit|timeout|version|env|var|mode|dir|store|location|method|provider|source|"
    r"strategy|class|service|manager|handler|reset|confirmation|at|strength|validation|validator|input|form|"
    r"ref|arn|algorithm|alg|usage|spec|kind|index|idx|prefix|suffix|column|table|param|params|option|options|"
    r"length|rules|flag|visible|shown|hidden|changed|updated|created|error|errors|message|msg|text|title|"
    r"description|desc|help|icon|button|link|page|route|view|template|component|selector|callback|fn|func|"
    r"schema|model|serializer|widget|filter|count|num|number|budget|window|range|status|state|level|bits|"
    r"rotation|refresh_interval|interval|lifetime|scope|scopes|audience|issuer|cache|key_name|storage)$"
)
_SPLIT_TAIL = re.compile(r"[ ]([^\s\"'`]{4,})(?=\s|$)")
_PASSWORD_KEY = re.compile(r"(?i)" + _PASSWORD_KW)
_EXCLUDED_KEY = re.compile(r"(?i)tokens\b|tokeniz|passwordless|^secrets$|passport|bypass|compass|passenger|"
                           r"keyboard|keys$|author(?!i[sz]ation)|oauth_?(?:url|uri)|saltstack|seeder|seeds?$|"
                           r"password_?(?:reset|forgot|change|confirm|expired?|rules?|policy)")
_STOPWORDS = frozenset("""
must is should required optional at the your enter new reset forgot change show hide confirm strength
weak strong medium none not set updated changed expired incorrect invalid was has will cannot can and or
for to of minimum min max length characters chars see below above here this that if it a an
""".split())


@dataclass(frozen=True, slots=True)
class Assignment:
    """One value found after a secret-like key; ``password`` says which family it belongs to."""

    start: int
    end: int
    password: bool
    quoted: bool


def _snake(key: str) -> str:
    key = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key.lstrip("$"))
    return re.sub(r"[.\-]", "_", key).lower()


def find_assignments(text: str) -> tuple[Assignment, ...]:
    """The value spans of every secret-looking assignment in ``text``.

    Cached (a small, thread-safe LRU keyed by the text) because two detectors scan the same text.
    """
    return _find_cached(text)


@lru_cache(maxsize=4)
def _find_cached(text: str) -> tuple[Assignment, ...]:
    return tuple(_scan(text))


def _scan(text: str) -> Iterator[Assignment]:
    last_end = 0
    for k in _KW.finditer(text):
        if k.start() < last_end:
            continue
        key_start, floor = k.start(), max(0, k.start() - 40)
        while key_start > floor and (text[key_start - 1].isalnum() or text[key_start - 1] in "_.-"):
            key_start -= 1
        if key_start > 0 and text[key_start - 1] == "$":
            key_start -= 1
        if key_start > 0 and (text[key_start - 1].isalnum() or text[key_start - 1] in "_.-$"):
            continue
        m = _REST.match(text, k.end())
        if not m:
            continue
        last_end = m.end()
        key = _snake(text[key_start:m.start("op")].rstrip(" \t\"']]").split("(")[0])
        if _META_SUFFIX.search(key) or _EXCLUDED_KEY.search(key):
            continue
        quoted = m.group("q") is not None
        start, end = m.span("qv") if quoted else m.span("uv")
        value = text[start:end]
        if not quoted and not (value in ")]}" and _SPLIT_TAIL.match(text, end)):
            # (a lone bracket before a split-off rest is the value's first glyph: "SECRET=] 65zCf...")
            value = re.split(r"[&;](?=[\w \-]+=)|[,;:)\]}]+$", value)[0]
            end = start + len(value)
            if m.group("op") in (":", "=") and value.endswith((",", ")")):
                value, end = value[:-1], end - 1
        value = value.strip()
        joined = False
        password = bool(_PASSWORD_KEY.fullmatch(k.group()))
        if not quoted and len(value) < 4:
            # OCR split a short start off the value ("DB_PASSWORD=Tr 0ub4dor&3"): take the next piece,
            # or a password's rest in shorter pieces ("PASSWD=P@s sw0 rd123")
            tail = _SPLIT_TAIL.match(text, end)
            if (tail is None or not looks_random(tail.group(1))) and password:
                tail = _password_rest(text, end)
            if tail is not None and looks_random(tail.group(1)):
                end, joined = tail.end(), True
                value = text[start:end]
        if len(value) < 4 or is_placeholder(value) or is_masked(value):
            continue
        if not quoted and value[0] == "#" and _PASSWORD_KEY.fullmatch(k.group()) and looks_random(value[1:]):
            pass  # "password: #q1IeoI6" on screen is the value, though YAML would read a comment
        elif (not quoted and value[0] in _OPENING and _OPENING[value[0]] not in _line_rest(text, start) and len(value) >= 12
              and looks_random(value[1:])):
            pass  # a first glyph OCR read as a bracket ("secret: (0GLBaDGh...", "=[R9ZdHLhKW}j"), never closed
        elif not quoted and (is_code_reference(value) or value[0] in "{[(<#"):
            continue
        if m.group("dash"):
            # "Password — Required", "token — see the docs": prose, not an assignment; a password
            # is judged with the rest OCR split off it ("password — correct -horse-battery-staple")
            rest = _PASSWORD_REST.match(text, end) if password and not quoted else None
            judged = value + "".join(rest.group(0).split()) if rest is not None else value
            if not (_looks_like_password(judged) if password else len(value) >= 8 and looks_random(value)):
                continue
        if value.lower() in _STOPWORDS or (value.lower().startswith("http") and not password):
            continue
        extended = False
        if not quoted and not joined and len(value) < 6 and looks_random(value):
            # OCR split a random value after a few glyphs ("SECRET=AOHt 4yv6 t NNWYwu4..."): judge it whole
            new_end = extend_fragments(text, end, max_fragments=2, start=start)
            if new_end > end:
                end, extended = new_end, True
                value = text[start:end]
        if not password and not _secretish(value):
            continue
        if password and not quoted and not joined and not extended:
            # OCR splits a password at a digit run or a dash ("Summer 2024!", "correct -horse-"):
            # up to three pieces to the line's end, the first with a digit or a symbol, none a
            # word of prose, are its rest
            rest = _password_rest(text, end)
            if rest is not None:
                end, extended = rest.end(), True
                value = text[start:end]
        if not quoted and not joined and not extended and (len(value) >= 12 or looks_random(value)):
            end = extend_fragments(text, end, max_fragments=2, start=start)
        elif quoted and end == m.end() and end < len(text) and text[end] == "\n":
            # The closing quote is on the next line: the value was wrapped.
            tail = re.match(r"[ \t]*([^\"'`‘’“”\n]{1,200})[\"'`‘’“”]", text[end + 1:end + 202])
            if tail:
                end = end + 1 + tail.end(1)
        yield Assignment(start, end, password, quoted)


_PASSWORD_REST = re.compile(r"[ ](?=\S*[\d\W])([^\s\"'`‘’“”]{1,40})(?:[ ][^\s\"'`‘’“”]{1,40}){0,2}(?=[ \t]*(?:\r?\n|$))")


_OPENING = {"(": ")", "[": "]", "{": "}"}


def _line_rest(text: str, start: int) -> str:
    """``text`` from ``start`` to its line's end."""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _password_rest(text: str, end: int) -> re.Match[str] | None:
    """The pieces OCR split off a password at a digit run or a dash ("Summer 2024!", "correct
    -horse-"): up to three to the line's end, the first with a digit or a symbol, none a word of prose."""
    rest = _PASSWORD_REST.match(text, end)
    if rest is None or any(p.lower() in _STOPWORDS or p.lower() in SHORT_WORDS for p in rest.group(0).split()):
        return None
    return rest


def _looks_like_password(value: str) -> bool:
    """Not a word, and a digit, a symbol or a capital inside: "mOnkeyBusiness", "Tr0ub4dor&3"."""
    if len(value) < 6 or is_word_like(value):
        return False
    return any(c.isdigit() for c in value) or any(not c.isalnum() for c in value) or any(c.isupper() for c in value[1:])


def _secretish(value: str) -> bool:
    """A non-password secret value: not a plain word, a number, a path or a boolean-ish word."""
    if is_word_like(value) or re.fullmatch(r"[a-z]+(?:[-_][a-z]+)*", value):
        return False
    if value.isdigit() and len(value) < 12:
        return False
    if value.startswith(("/", "./", "~/", "../")) or re.fullmatch(r"[\w.\-]+\.(?:pem|key|json|txt|ya?ml|env)", value):
        return False
    return len(value) >= 6
