"""Regex building blocks that survive what OCR does to UI text.

OCR of screenshots confuses glyphs of similar shape (``0/O``, ``1/l/I/|``, ``5/S``, ``8/B``),
renders ``_`` and ``-`` as each other or as ``—``, reads ``.`` as ``,``, and splits one long
token into several "words" or wraps it over a line break. The helpers here widen patterns so a
detector still matches, *on the original text*: every match span covers the original characters,
including each fragment and the whitespace between fragments, so the image path can box the
whole secret line by line. Nothing is normalised in place, so no offset mapping is needed for the
regex path; :class:`CompactView` is there for detectors that want to validate a joined value.

Example::

    >>> import re
    >>> pat = re.compile(tolerant("sk_live_") + SPLIT + body(ALNUM, 24))
    >>> bool(pat.search("key: 5k live 4eC39HqLyjWDarjtT1 zdp7dc"))
    True
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

__all__ = [
    "ALNUM",
    "B64",
    "B64URL",
    "CompactView",
    "HEX",
    "LINE_BREAK",
    "SPLIT",
    "body",
    "body_about",
    "compact",
    "extend_fragments",
    "gutter_tail",
    "looks_random",
    "random_letters",
    "repair",
    "tolerant",
]

# What OCR may read instead of each character (the character itself is always allowed).
_CONFUSABLE: dict[str, str] = {
    "0": "Oo", "O": "0o", "o": "0O",
    "1": "lI|i", "l": "1I|i", "I": "1l|i", "i": "1lI|",
    "5": "Ss", "S": "5s$", "s": "5S$",
    "8": "B", "B": "8", "G": "6", "A": "4",
    "2": "Zz", "Z": "2z", "z": "2Z",
    "c": "Ce", "C": "c", "x": "X", "X": "x", "v": "V", "V": "v",
    "J": "j)]}|Il1", "j": "J",
    "w": "W", "W": "w", "p": "Po", "P": "p", "k": "K", "K": "k", "u": "U", "U": "u",
    "-": "_—–~ ", "_": "-—– ", ".": ", ", ",": ". ", ":": ";", "/": "|",
}

#: A line break with the indentation around it: where a wrapped value goes on.
LINE_BREAK = r"(?:[ \t]*\r?\n[ \t]*)"
#: An optional break inside a token: one or two spaces, or a line break with indentation.
SPLIT = rf"(?:[ \t]{{1,2}}|{LINE_BREAK})?"
#: The same break, not optional: use it *between* repeated pieces (``X+(?:GAP X+){0,3}``). With an
#: optional break such a pattern backtracks exponentially on a long run without a match (25 s on
#: one log page); with a mandatory one each split point is tried once.
GAP = rf"(?:[ \t]{{1,2}}|{LINE_BREAK})"

#: Body classes widened with the glyphs OCR produces for their members ("|" for "l", "$" for "S",
#: "Q" for "0" and "i" for "1" in hex).
ALNUM = r"[A-Za-z0-9|$]"
HEX = r"[0-9a-fA-FOoIilSsBQ|]"
B64 = r"[A-Za-z0-9+/|$]"
B64URL = r"[A-Za-z0-9_\-—|$]"
#: Symbols small text turns a token's letter into ("¢" for "c", "€" for "e", "¥" for "W", "§" for "S"): safe
#: inside a character class, shared by every token pattern that accepts them.
SYMBOL_GLYPHS = "¢©®€¥£§"
#: An "@" OCR read for an "0" or "a" inside a token: not one that starts an e-mail's domain.
AT_IN_TOKEN = r"@(?![A-Za-z0-9_\-]*\.[A-Za-z])"


def tolerant(literal: str, *, spaces: bool = True) -> str:
    """Regex fragment matching ``literal`` as OCR may have read it.

    Each character may be replaced by a look-alike, a letter or digit may be read twice
    (``"AccountKkey"``, ``"dop_v1l_"``)
    and, with ``spaces``, a single stray space may appear between characters (``"sk live"`` for
    ``"sk_live_"``).

    >>> bool(re.fullmatch(tolerant("ghp_"), "9hp—".replace("9", "g")))
    True
    """
    parts = []
    for ch in literal:
        alts = _CONFUSABLE.get(ch, "")
        twice = "{1,2}" if ch.isalnum() else ""
        if not alts:
            parts.append(re.escape(ch) + twice)
            continue
        chars = ch + alts
        singles = "".join(re.escape(c) for c in chars if c != "—" and c != "–")
        dashes = "".join(c for c in chars if c in "—–")
        parts.append(f"[{singles}{dashes}]{twice}")
    joiner = r"(?:[ ]|[ \t]*\r?\n[ \t]*)?" if spaces else ""
    return joiner.join(parts)


def body(cls: str, lo: int, hi: int | None = None) -> str:
    """``lo`` (to ``hi``) characters of ``cls``, each possibly preceded by an OCR split.

    Fixed lengths are the reliable case: the count tells where the token ends even when OCR
    glued the next word to it with a single space.
    """
    if hi is None:
        return f"{cls}(?:{SPLIT}{cls}){{{lo - 1}}}"
    return f"{cls}(?:{SPLIT}{cls}){{{lo - 1},{hi - 1}}}"


def body_about(cls: str, n: int, slack: int = 2) -> str:
    """About ``n`` characters of ``cls``: OCR adds or drops a glyph or two in a long token.

    For formats whose prefix already makes them distinctive (``npm_``, ``sk-ant-``), where a
    fixed count would lose the whole token to one doubled ``l``. The last ``2 * slack``
    characters may not be split off by a space, so the count still stops at a glued next word.

    >>> bool(re.fullmatch(body_about(ALNUM, 8), "abcd efghi"))
    True
    """
    return f"{body(cls, n - slack)}{cls}{{0,{2 * slack}}}"


_WS = re.compile(r"\s+")


def compact(value: str) -> str:
    """``value`` without the whitespace OCR inserted."""
    return _WS.sub("", value)


_REPAIR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5",
                                "s": "5", "B": "8"})
_REPAIR_SEPS = str.maketrans({"—": "-", "–": "-", ",": "."})


def repair(value: str, *, digits_only: bool = False) -> str:
    """Undo the usual confusions of a value: dashes and commas always; letters only if ``digits_only``.

    Used before structural checks (base64 decoding a JWT header, an all-digit Telegram bot id).
    """
    value = compact(value).translate(_REPAIR_SEPS)
    return value.translate(_REPAIR_DIGITS) if digits_only else value


def looks_random(fragment: str) -> bool:
    """Whether an OCR fragment looks like a piece of a random token rather than a word.

    A random base62 fragment of four or more characters almost always holds a digit or an inner
    capital; prose words rarely do.
    """
    if not fragment or len(fragment) > 400:
        return False
    if any(c.isdigit() for c in fragment):
        return True
    if any(c.isupper() for c in fragment[1:]) and any(c.islower() for c in fragment):
        return True
    if fragment.isupper() and len(fragment) >= 2:
        return True
    return any(c in "_-+/=" for c in fragment[1:-1])


# HTTP/1.1, a URL, a CLI flag ("--force", "-o", "--out=x"; not "-dc9e4e39..." after a split dash)
_NOT_TOKEN = re.compile(r"[A-Z]{3,}[/I|l]\d(?:\.\d)?$|[a-z]+://|--?[a-z][a-z\-]*(?:=|$)")
_FILE_NAME = re.compile(r"[\w\-]+\.[A-Za-z]{1,4}$")
# a piece ends where a token cannot go on: quotes (OCR reads straight ones as curly), opening
# brackets, separators, "&" of a query string. Closing brackets may follow its first glyph, and any
# bracket may be it before letters or digits ("]6_LgZ", "[RWCvr", "(Bl"; a closing one also before
# a "_" or "-" of the token: "]_VV6F"): OCR of small text reads
# "J", "l" or "I" as one. Inside, between letters or digits, so may a "{" or "[" ("f{CTBB"); a "("
# there is a call's ("print(foo"). So may an "&" OCR made of an "8" before a digit ("la&8zCW"): a
# query parameter's name never starts with one.
_PIECE = (r"((?:[^\s\"'`‘’“”<>(){}\[\],;&]|[)\]}](?=[_\-]?[A-Za-z0-9])|[(\[{](?=[A-Za-z0-9]{2}))"
          r"(?:[^\s\"'`‘’“”<>({\[,;&]|(?<=[A-Za-z0-9])[{\[](?=[A-Za-z0-9]{2})|(?<=[A-Za-z0-9])&(?=[0-9]))*)")
_FRAGMENT = re.compile(r"[)\]}]?(?:[ \t]{1,2}|[ \t]*\r?\n[ \t]*)" + _PIECE)
_PIECE_RE = re.compile(_PIECE)
# base64 has "=" only as trailing padding; a ":" is a label's or a port's, unless a long mixed run
# follows it ("uwkF:1BQTIUZj78", a glyph OCR read as ":")
_ASSIGNS = re.compile(r"=[^=]|:(?!(?=[A-Za-z0-9_\-]{8})(?=[A-Za-z0-9_\-]*\d)(?=[A-Za-z0-9_\-]*[A-Za-z]))")
_SAME_LINE_FRAGMENT = re.compile(r"[ \t]{1,2}" + _PIECE)
_NEXT_LINE_FRAGMENT = re.compile(LINE_BREAK + _PIECE)


def extend_fragments(text: str, end: int, *, max_fragments: int = 3, max_length: int = 400,
                     start: int = 0, max_wraps: int = 1) -> int:
    """Extend a match ending at ``end`` over following fragments that look like token pieces.

    Variable-length tokens (a Stripe key, a bearer token) cannot rely on a fixed count, so after
    the regex match we absorb up to ``max_fragments`` further words separated by a single space or
    a line break when each :func:`looks_random`, crossing at most ``max_wraps`` line breaks. A long
    token in a narrow pane wraps several times, and an editor puts the line number before each
    wrapped piece ("4 s_bQrF..."): a short number at the start of a wrapped line is absorbed when
    a random-looking piece follows it on that line. Returns the new end offset.
    """
    wraps = 0
    for _ in range(max_fragments):
        m = _FRAGMENT.match(text, end)
        if m is None and text[end : end + 1] in (".", ",", "&", "!"):
            # a glyph read as ".", ",", "&" or "!" where the token wraps ("...CSBW." / "nffcJY PyOIn..."):
            # a long random piece must open the next line
            m = _FRAGMENT.match(text, end + 1)
            if m is None or "\n" not in m.group(0) or len(m.group(1)) < 6 or not looks_random(m.group(1)):
                break
            end += 1
        if not m or m.end() - start > max_length or (_NOT_TOKEN.match(m.group(1)) and not _flag_inside(text, m)):
            break
        piece = m.group(1)
        if piece.endswith(":") and _ends_line(text, m.end()) and looks_random(piece[:-1]):
            piece = piece[:-1]  # a closing quote read as ":" at the line's end ("O340qVWJpecF:")
            m = _PIECE_RE.match(text, m.start(1), m.end() - 1) or m
        if _ASSIGNS.search(piece):
            break  # "KEY=..." or "host:port" starts something else; a token piece has neither
        if "\n" in text[end : m.start(1)]:
            # Neither a file name on the next line (an editor's sidebar: "README.md") nor a bare
            # line number ("14") continues a token.
            if wraps >= max_wraps or _FILE_NAME.match(piece):
                break
            if piece.isdigit() and len(piece) <= 5:
                # the number's line goes on with the token, or OCR read the number as a line of
                # its own and the token goes on at the start of the next line
                after = _SAME_LINE_FRAGMENT.match(text, m.end()) or _NEXT_LINE_FRAGMENT.match(text, m.end())
                if (after is None or not looks_random(after.group(1))) and wraps < max_wraps \
                        and len(compact(text[start:end])) >= 60:
                    tail = gutter_tail(text, start, piece, m.end(), words=False)
                    if tail is not None:
                        end = tail  # a long token's last glyphs after the editor's next line number
                        break
                cost = 2 if after is not None and "\n" in after.group(0) else 1
                if after is not None and not looks_random(after.group(1)):
                    after = _through_short_pieces(text, after) or after  # "4 dr -bMRUN6TYQ4W6r"
                if (after is None or not looks_random(after.group(1)) or _ASSIGNS.search(after.group(1))
                        or after.end() - start > max_length or wraps + cost > max_wraps
                        or (cost == 2 and _FILE_NAME.match(after.group(1)))):
                    break
                wraps += cost
                end = after.end()
                continue
            wraps += 1
        if "\n" not in m.group(0) and re.fullmatch(r"[-_—]{1,3}", piece) and text[m.end() : m.end() + 1] in ("", "\n"):
            end = m.end()  # the token's last dashes or underscores, split off at its line's end ("...YU8 -_")
            break
        if wraps and "\n" in text[end : m.start(1)] and _lone_tail(text, m, start):
            end = m.end()  # the last few characters of a wrapped token, alone on their line ("skf")
            break
        if not looks_random(piece) and (wraps or len(piece) >= 3) and _line_tail(text, m, start):
            end = m.end()  # the end of a wrapped token, split once more on its last line ("7Fudej jqcw")
            break
        if not looks_random(piece) and wraps < max_wraps and (numbered := _numbered_wrap(text, start, m)) is not None:
            # the token's line ends in a short piece that reads as no token ("...7NSf jqflii") and the
            # editor's next numbered line opens with a random one ("4 BtMOkoRW..."): both go on with it
            wraps += 1
            end = numbered.end()
            continue
        if not looks_random(piece):
            # A short piece ("z", "Odvi") counts when a random-looking piece follows it; across a
            # wrap only a glyph or two left at the end of the line ("...NwY K" / "NyfCgRB-jP2q").
            nxt = _FRAGMENT.match(text, m.end()) if len(piece) <= 4 or _between_long_pieces(text, m) else None
            if (nxt is not None and not looks_random(nxt.group(1)) and "\n" not in nxt.group(0)
                    and piece.lower() not in SHORT_WORDS):
                # "...Dzj j Ej 1ei lepswwWRUb-", "YmGAfj - it T_Pnz8..."
                nxt = _through_short_pieces(text, nxt, dash=piece in ("-", "_", "—")) or nxt
            elif nxt is None:
                # up to ten glyphs that read as no word, then short pieces, then a random one
                # ("sggiwt -t qohDmVv")
                nxt = _through_short_pieces(text, m)
            if (nxt is None or not looks_random(nxt.group(1)) or _ASSIGNS.search(nxt.group(1))
                    or nxt.end() - start > max_length):
                break
            if "\n" in text[m.end() : nxt.start(1)]:
                # three or four glyphs ("...6E2Sq9W xxi" / "LN_nwSkp") when a long random piece
                # goes on after the wrap and they are no short word of prose
                short = len(piece) <= 2 or (len(piece) <= 4 and len(nxt.group(1)) >= 6
                                            and piece.lower() not in SHORT_WORDS)
                if not short or not (piece.lstrip("-").isalnum() or piece in "-_") or wraps >= max_wraps:
                    break
                wraps += 1
            end = nxt.end()
            continue
        if piece.endswith((".", ":", "!", "?")) and len(piece) < 8 and not looks_random(piece[:-1]):
            break  # "done." ends a sentence; "PHt6j!" is a token piece with "l" read as "!"
        end = m.end()
    return end


def gutter_tail(text: str, start: int, number: str, pos: int, *, longest: int = 6, words: bool = True) -> int | None:
    """End of a wrapped token's last glyphs after an editor's line number alone on its line.

    ``number`` (ending at ``pos``) must be the one after the number that opens the token's line
    ("2 KEY=sk-..." / "3" / "hux"); the glyphs, at most ``longest``, no short word of prose (nor,
    without ``words``, a word that makes a line of code on its own: "return", "fi"), must end
    their line. None otherwise.
    """
    if not _next_line_number(text, start, number):
        return None
    tail = _TAIL_LINE.match(text, pos)
    if tail is None or len(piece := tail.group(1)) > longest or piece.lower() in SHORT_WORDS:
        return None
    if not words and piece.lower() in _CODE_WORDS:
        return None
    return tail.end(1) if _ends_line(text, tail.end(1)) else None


# words that stand alone on a line of code, the line after a long one
_CODE_WORDS = frozenset("return pass end fi done else elif esac then do endif break continue true false null none "
                        "nil exit begin try finally default".split())
_LINE_NUMBER = re.compile(r"[ \t]*([0-9]{1,5})[ \t]")
_TAIL_LINE = re.compile(r"[ \t]*\r?\n[ \t]*([A-Za-z0-9]+)")
_NUMBERED_LINE = re.compile(r"[ \t]*\r?\n[ \t]*([0-9]{1,5})[ \t]+" + _PIECE)


def _numbered_wrap(text: str, start: int, m: re.Match[str]) -> re.Match[str] | None:
    """The random piece opening the editor's next numbered line when ``m``, a short piece on the
    token's line, ends that line; None otherwise (or when the number is not the next one)."""
    piece = m.group(1)
    if "\n" in m.group(0) or len(piece) > 6 or piece.lower() in SHORT_WORDS or not (piece.isalnum() or piece in "-_"):
        return None
    nxt = _NUMBERED_LINE.match(text, m.end())
    if nxt is None or len(nxt.group(2)) < 6 or not looks_random(nxt.group(2)) or _ASSIGNS.search(nxt.group(2)):
        return None
    return nxt if _next_line_number(text, start, nxt.group(1)) else None


def _next_line_number(text: str, start: int, number: str) -> bool:
    """Whether ``number`` is the editor's line number after the one that opens ``start``'s line."""
    opening = _LINE_NUMBER.match(text, text.rfind("\n", 0, start) + 1, start)
    return opening is not None and int(number) == int(opening.group(1)) + 1


def _between_long_pieces(text: str, m: re.Match[str]) -> bool:
    """Five or six glyphs on a token's line with a long random piece right after ("Z4E0CL4gwJ
    Efwij UktCI6kdOt..."): a stretch of the token without digit or inner capital. A word of
    prose wedged between two pieces of one token is rare enough to take (short ones excepted).
    At the start of a wrapped line ("ctfmjb VbbkPGvJ..."), only a run that reads as no word."""
    piece = m.group(1)
    if not 5 <= len(piece) <= 6 or piece.lower() in SHORT_WORDS:
        return False
    if "\n" in m.group(0) and reads_as_word(piece):
        return False  # at the start of a wrapped line, only a run that reads as no word ("ctfmjb")
    nxt = _SAME_LINE_FRAGMENT.match(text, m.end())
    return nxt is not None and len(nxt.group(1)) >= 8 and looks_random(nxt.group(1)) and not _ASSIGNS.search(nxt.group(1))


def _flag_inside(text: str, m: re.Match[str]) -> bool:
    """A piece that reads as a short CLI flag ("-o", "-pvj") with a mixed letters-and-digits piece
    after it, maybe past one more short piece that reads as no word ("Br -o 7Kr hYAw...", "-i TDW
    1knDp3GI"): a dash and glyphs of a split token, not an option."""
    if not re.fullmatch(r"-[A-Za-z]{1,4}", m.group(1)):
        return False
    if _ends_line(text, m.end()):
        # at the line's end: the token wraps there when the next line opens with a long mixed run
        # ("...16exMDt06j -t" / "51xYAZCl2pnDayyD in request body")
        wrapped = _NEXT_LINE_FRAGMENT.match(text, m.end())
        return (wrapped is not None and len(piece := wrapped.group(1)) >= 8 and any(c.isdigit() for c in piece)
                and any(c.isalpha() for c in piece) and not _ASSIGNS.search(piece))
    nxt = _SAME_LINE_FRAGMENT.match(text, m.end())
    for _ in range(2):
        if nxt is None:
            return False
        piece = nxt.group(1)
        if len(piece) >= 3 and any(c.isdigit() for c in piece) and any(c.isalpha() for c in piece):
            return not _ASSIGNS.search(piece)
        if len(piece) > 4 or reads_as_word(piece) or piece.lower() in SHORT_WORDS:
            return False
        nxt = _SAME_LINE_FRAGMENT.match(text, nxt.end())
    return False


def _through_short_pieces(text: str, first: re.Match[str], *, dash: bool = False) -> re.Match[str] | None:
    """The random-looking piece after ``first`` and at most two more short pieces on its line.

    OCR cuts a token into glyphs and pairs now and then ("j Ej 1ei lepsww...", "- Laqhb j5AInE",
    "- Cghoskykj jq1lbL..."); a run of short pieces (five to ten glyphs if they read as no word)
    leading to a random one on the same line (six glyphs or more, four when it ends the line) is
    still the token. None if none does.
    """
    m = first  # ``dash``: a lone dash came right before ``first``
    for _ in range(3):
        piece = m.group(1)
        if (len(piece) > 10 or (len(piece) > 4 and reads_as_word(piece)) or _ASSIGNS.search(piece)
                or (piece.lower() in SHORT_WORDS and not dash)):
            return None  # (a short word right after a lone dash is the token's: "- it T_Pnz8...")
        dash = piece in ("-", "_", "—")
        m = _SAME_LINE_FRAGMENT.match(text, m.end())
        if m is None:
            return None
        if (looks_random(m.group(1)) and not _ASSIGNS.search(m.group(1))
                and (len(m.group(1)) >= 6 or (len(m.group(1)) >= 4 and _ends_line(text, m.end())))):
            return m  # (a shorter random piece only as the last of its line: "- Jnr Kbx04")
    return None


# Short words of prose, never read as a piece of a token: a line may end on one before a token
# starts on the next, and one between two tokens does not join them.
SHORT_WORDS = frozenset(
    "the and for with from into onto this that then than was are were has had have not but its".split()
    + "use set key run see via per all any one two new old now our you your her his him she they".split()
    + "them who how why can get put let may did does done just also here there when what".split()
    + "in on to is at of by or an as if it no so up we be do go my me us".split()
)


_CAPITAL_PAIRS = re.compile(r"[A-Z]{2}")
_SHORT_LOWER = re.compile(r"(?<=[A-Z])[a-z]{1,2}(?=[A-Z]|$)")


def random_letters(value: str) -> bool:
    """Letters in random case: capitals side by side, and runs of one or two small letters
    between capitals, three times each or more.

    For tokens without a digit: a format of letters only (a Hugging Face token), or one whose
    digits OCR read as letters ("0" as "Q", "5" as "S"). A CamelCase name pairs capitals only
    in its acronyms, and its words put three small letters or more after a capital
    ("HTTPServerURLConfig").
    """
    return len(_CAPITAL_PAIRS.findall(value)) >= 3 and len(_SHORT_LOWER.findall(value)) >= 3


_CLUSTER = re.compile(r"[bcdfghjklmnpqrstvwxz]{3}|^[^aeiouy]+$")


def reads_as_word(piece: str) -> bool:
    """Plain letters that could be a word: a vowel, and two or no three consonants in a row.

    Lower-case runs of a random token often pass :func:`is_word_like` ("dwrfj", "gj", "jqcw");
    they fail this. Prose words mostly pass it ("Copy", "instead"; "thanks" does not: use where a
    length bound or the lines around already say a token goes on).
    """
    if re.fullmatch(r"[A-Z]?[a-z]+|[A-Z]+", piece) is None:
        return False
    low = piece.lower()
    vowels = sum(c in "aeiou" for c in low)  # "y" alone is no vowel here: "AWNTY" is no word
    return vowels >= 2 or (vowels == 1 and not _CLUSTER.search(low))


def _lone_tail(text: str, m: re.Match[str], start: int) -> bool:
    """A short piece alone on the line after a long token's wrap: its tail, unless it reads as a word.

    A lone letter there is the token's last glyph, a lone ``=`` or ``==`` its padding.

    Random tails have no vowel or three consonants in a row ("skf", "Cswus"); a button or a word
    under the token ("Copy", "done") has neither, and a word that ends a sentence ("instead?")
    is prose whatever its consonants.
    """
    piece = m.group(1)
    if (piece in ("=", "==") or (len(piece) == 1 and piece.isalpha())) and _ends_line(text, m.end()):
        # the last glyph, or base64 padding, wrapped onto a line of its own ("C", "="): the line
        # the token ends is a long one, where a bubble or a pane wraps
        token_line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        return len(compact(token_line)) >= 30
    if not _ends_long_token_line(text, m, start, 12):
        return False
    if _SENTENCE_END.fullmatch(piece):
        return False
    return looks_random(piece) or bool(_CLUSTER.search(piece.lower()))


def _line_tail(text: str, m: re.Match[str], start: int) -> bool:
    """A few letters without a vowel ending the line of a long wrapped token ("jqcw"): its end.

    Only vowel-less runs: a word after a token on its line ("thanks") has a vowel; so 20 glyphs
    of token before it are enough ("hvs.nmRS6aSQJxsRTSRTnWj Lgphx").
    """
    piece = m.group(1)
    if not _ends_long_token_line(text, m, start, 8, least=20):
        return False
    letters = all(c.isalpha() or c in SYMBOL_GLYPHS + "$|" for c in piece)  # a glyph read as a symbol ("r¥q")
    return letters and not _VOWEL.search(piece)


def _ends_long_token_line(text: str, m: re.Match[str], start: int, longest: int, least: int = 30) -> bool:
    """A piece of 2 to ``longest`` glyphs that ends its line, after at least ``least`` glyphs of token."""
    return (2 <= len(m.group(1)) <= longest and _ends_line(text, m.end())
            and len(compact(text[start : m.start()])) >= least)


_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_LINE_END = re.compile(r"[\"'`’”,;)\]}]*[ \t]*(?:\n|$)")


def _ends_line(text: str, pos: int) -> bool:
    """Whether only a closing quote or punctuation stands between ``pos`` and the line's end."""
    return _LINE_END.match(text, pos) is not None


_SENTENCE_END = re.compile(r"[A-Za-z][a-z]+[.?!,;:]")


@dataclass(frozen=True, slots=True)
class CompactView:
    """``text`` with all whitespace removed, and a map from compact offsets back to the original.

    >>> v = CompactView.of("ab c\\nd")
    >>> v.text, v.span(1, 4)
    ('abcd', (1, 6))
    """

    text: str
    _starts: tuple[int, ...] = field(repr=False)   # compact offset where each run starts
    _origins: tuple[int, ...] = field(repr=False)  # original offset of each run

    @classmethod
    def of(cls, text: str) -> CompactView:
        runs = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
        starts, origins, pos = [], [], 0
        for origin, run in runs:
            starts.append(pos)
            origins.append(origin)
            pos += len(run)
        return cls("".join(r for _, r in runs), tuple(starts), tuple(origins))

    def to_original(self, i: int) -> int:
        """Original offset of the character at compact offset ``i``."""
        k = bisect.bisect_right(self._starts, i) - 1
        return self._origins[k] + (i - self._starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering compact ``[start, end)``."""
        return self.to_original(start), self.to_original(end - 1) + 1
