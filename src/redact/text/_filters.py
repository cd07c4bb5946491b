"""False-positive predicates, kept apart from the detectors that call them.

Each ``is_*`` function answers one question about a candidate *value* (not the surrounding text)
and is cheap enough to run on every candidate. Detectors decide which ones apply: a UUID after
``password=`` is still a password, a UUID on its own is not a secret.

>>> is_placeholder("${DB_PASSWORD}"), is_masked("sk-…••••3b18"), is_uuid("0b7e5c5e-1c1f-4d0e-9d1a-3c3a0d1e2f40")
(True, True, True)
"""

from __future__ import annotations

import math
import re
from collections import Counter

__all__ = [
    "is_bare_number",
    "is_code_reference",
    "is_data_uri",
    "is_hash_context",
    "is_hex_colour",
    "is_masked",
    "is_placeholder",
    "is_sequential",
    "is_timestamp",
    "is_uuid",
    "is_version",
    "is_word_like",
    "shannon_entropy",
]

_PLACEHOLDER_WORDS = frozenset("""
changeme change_me changeit example examples sample dummy placeholder redacted removed hidden
secret password passwd pwd pass token apikey api_key key xxx xxxx xxxxx yyyy zzzz none null nil
undefined todo tbd fixme test testing foobar foo bar baz qux your_password your_token your_secret
your_api_key yourpassword yourtoken mypassword mysecret mytoken secretkey secret_key
insert_here replace_me replaceme notset not_set empty string str bool int required optional
true false yes no on off
""".split())

# ``${VAR}`` (also as OCR reads small text: the dollar sign as ``S`` or ``§``) and Windows' ``%VAR%``
_PLACEHOLDER_RE = re.compile(
    r"""^(?:
        [$S§]\{[^}]*\}? | \$\(.*\)? | \$[A-Za-z_][A-Za-z0-9_]* | %\(?[A-Za-z_]*\)?s | %[sd]
      | %[A-Za-z_][A-Za-z0-9_]*%
      | \{\{.*\}\}? | \{[A-Za-z_][A-Za-z0-9_.]*\} | \{\}
      | <[^<>]*>? | \[[^\[\]]*\]
      | (?:your|enter|insert|replace)[-_ ]?.* | my[-_].*
      | .*(?:_here|-here|here_|placeholder|dummy|redacted|changeme).*
      | x{3,}.* | \*+ | \.{3,} | …+ | [•●·*x]+ | -+ | _+
      | process\.env\..* | os\.environ.* | env\(.*\) | getenv\(.*\)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_placeholder(value: str) -> bool:
    """A template variable, a "your key here" value, or a stand-in word, not a real secret.

    >>> [is_placeholder(v) for v in ("<your-key>", "YOUR_API_KEY", "changeme", "hunter2hunter2")]
    [True, True, True, False]
    """
    v = value.strip().strip("\"'`")
    if not v:
        return True
    if v.lower() in _PLACEHOLDER_WORDS:
        return True
    return bool(_PLACEHOLDER_RE.match(v))


_UUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def is_uuid(value: str) -> bool:
    """An RFC 4122 style UUID (any version)."""
    return bool(_UUID.match(value))


_MASK_CHARS = "•●·*…∙⋯◦▪■x"
# (an ellipsis as OCR reads it, two dots, only before a value's last few glyphs: "AKIA..5125")
_MASKED = re.compile(r"(?:[•●·*∙◦▪■]{3,}|…|\.{3}|\.\.(?=[A-Za-z0-9]{2,6}$))")
# A run of x masks a value when it is a good part of it ("ghp_xxxxxxxx", "AKIAXXXXXXXXXXXXXXXX");
# four in a row inside a 100-character random key are chance.
_X_RUN = re.compile(r"x{4,}|X{4,}")


# OCR reads a row of bullets as letters of the same round shape: "e@eeeeceaeaeee".
_OCR_BULLETS = re.compile(r"[eocanu@©®°•●·*]{6,}")


def is_masked(value: str) -> bool:
    """A value shown masked by a UI (``sk-…••••3b18``, ``****1234``, ``ghp_xxxxxxxx``).

    Also a bullet row as OCR reads it: only round glyphs, mostly ``e`` or ``o``.

    >>> is_masked("e@eeeeceaeaeeneaeceee"), is_masked("Coca@Cola2024")
    (True, False)
    """
    if _MASKED.search(value):
        return True
    if any(len(r) >= 8 or len(r) >= 0.25 * len(value) for r in _X_RUN.findall(value)):
        return True
    v = value.strip()
    return bool(_OCR_BULLETS.fullmatch(v)) and sum(c in "eo•●" for c in v) >= 0.6 * len(v)


_HEX_COLOUR = re.compile(r"^#?(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


def is_hex_colour(value: str) -> bool:
    """A CSS colour such as ``#1e90ff`` or ``#fff``."""
    return bool(_HEX_COLOUR.match(value))


_VERSION = re.compile(r"^v?\d+(?:\.\d+){1,3}(?:[-+._]?[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?$")


def is_version(value: str) -> bool:
    """A version string (``1.2.3``, ``v2.0.0-rc.1``, ``3.11.7+build5``)."""
    return bool(_VERSION.match(value))


_TIMESTAMP = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{10}(?:\d{3})?|\d{2}:\d{2}:\d{2}(?:\.\d+)?)$"
)


def is_timestamp(value: str) -> bool:
    """An ISO 8601 date/time or a 10/13-digit Unix epoch."""
    return bool(_TIMESTAMP.match(value))


def is_data_uri(value: str) -> bool:
    """A ``data:`` URI (base64 images and fonts are long and high-entropy, never secrets)."""
    return value.lstrip("\"'(").lower().startswith("data:")


_SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm")


def is_sequential(value: str) -> bool:
    """A run such as ``abcdef``, ``123456789``, ``qwerty`` or one repeated character."""
    v = value.lower()
    if len(v) < 4:
        return False
    if len(set(v)) == 1:
        return True
    return any(v in seq or v in seq[::-1] for seq in _SEQUENCES)


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value`` (0 for the empty string)."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


_HASH_CONTEXT = re.compile(
    r"\b(?:commit|merge|revert|cherry[- ]picked|sha\d*|hash|digest|checksum|integrity|etag|"
    r"trace[_-]?id|span[_-]?id|request[_-]?id|correlation[_-]?id|build|revision|rev|object|"
    r"tree|parent|blob|md5|crc|fingerprint|uuid|guid|sku|barcode|ean|upc|isbn|order)\b",
    re.IGNORECASE,
)


def is_hash_context(before: str) -> bool:
    """Whether the text just before a hex value says it is a hash, an id or a digest."""
    return bool(_HASH_CONTEXT.search(before))


_CODE_LITERALS = frozenset(
    "none null nil true false undefined self this str string bytes int bool optional any".split()
)
_CODE_REF = re.compile(
    r"""^(?:
        [A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?:\(.*|\[.*)?   # attr.access / call
      | [A-Za-z_][A-Za-z0-9_.]*\(.*                                          # call(
      | [A-Za-z_][A-Za-z0-9_.]*\[.*                                          # index[ / Optional[
      | (?:new|await|function|lambda|typeof)\b.*
      | [=!<>]=.* | &&.* | \|\|.*
    )$""",
    re.VERBOSE,
)
_KEYWORD_WORDS = re.compile(r"pass(?:word|wd|phrase)?|pwd|secrets?|tokens?|keys?|auth|creds?|credentials?|apikey",
                            re.IGNORECASE)


def _token_segment(part: str) -> bool:
    """A run no identifier is: 16+ characters with a digit, a third of them capitals and a fifth
    small letters, and a random string's entropy ("getUserById2FactorAuth" has a capital in four)."""
    if len(part) < 16 or not any(c.isdigit() for c in part):
        return False
    upper, lower = sum(c.isupper() for c in part), sum(c.islower() for c in part)
    return upper >= 0.3 * len(part) and lower >= 0.2 * len(part) and shannon_entropy(part) >= 3.6


def is_code_reference(value: str) -> bool:
    """A code expression (variable, attribute, call, type) rather than a literal value.

    >>> [is_code_reference(v) for v in ("self.password", "get_token()", "new_password", "hunter2")]
    [True, True, True, False]
    """
    v = value.strip().rstrip(",;")
    if v.lower() in _CODE_LITERALS:
        return True
    if _CODE_REF.match(v):
        # ...unless a dotted "path" has a segment no identifier has: a long run mixing cases and
        # digits is a token's part ("NTY1MDMz...Nzk5MQ.eleanK.bsRyikM9..."), not an attribute
        return not any(_token_segment(p) for p in re.split(r"[.(\[]", v))
    # A snake/camel identifier that names a secret is a variable holding it: `password=new_password`.
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v):
        return False
    parts = re.split(r"_|(?<=[a-z0-9])(?=[A-Z])", v)
    return any(_KEYWORD_WORDS.fullmatch(p) for p in parts if p)


def is_word_like(value: str) -> bool:
    """Plain letters, maybe capitalised, maybe with a trailing period: a prose word, not a secret."""
    return bool(re.fullmatch(r"[A-Z]?[a-z]+[.!?]?|[A-Z]+", value))


def is_bare_number(value: str) -> bool:
    """Digits only, no ``+``, spaces, dashes or brackets: how ids, barcodes and routing numbers print.

    Screens print phone numbers grouped (``(415) 555-0132``, ``+1 415 555 0132``); an ungrouped
    nine-to-thirteen digit run beside no phone label is far more often an id.

    >>> is_bare_number("092585889"), is_bare_number("+1 415 555 0132")
    (True, False)
    """
    return value.strip().isdigit()
