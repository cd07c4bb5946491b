"""Street addresses (US style): number, street name, suffix, unit; and the city/state/ZIP line.

spaCy's LOCATION finds cities and countries, not a house address, and Presidio ships no address
recognizer for English. The shape below follows how addresses are written in US forms and in
Faker's data: a building number, one to four capitalised words, a street suffix, an optional unit,
and on the same or next line ``City, ST 12345``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match
from redact.text._ocr import LINE_BREAK

_SUFFIXES = (
    "alley aly annex anx arcade avenue ave bayou beach bend bluff bluffs bottom boulevard blvd branch "
    "bridge brook brooks burg burgs bypass camp canyon cape causeway center centers circle cir circles "
    "cliff cliffs club common commons corner corners course court ct courts cove coves creek crescent "
    "crest crossing crossroad curve dale dam divide drive dr drives estate estates expressway extension "
    "extensions fall falls ferry field fields flat flats ford fords forest forge forges fork forks fort "
    "freeway garden gardens gateway glen glens green greens grove groves harbor harbors haven heights "
    "highway hwy hill hills hollow inlet island islands isle junction junctions key keys knoll knolls "
    "lake lakes land landing lane ln light lights loaf lock locks lodge loop mall manor manors meadow "
    "meadows mews mill mills mission motorway mount mountain mountains neck orchard oval overpass park "
    "parks parkway pkwy parkways pass passage path pike pine pines place pl plain plains plaza point "
    "points port ports prairie radial ramp ranch rapid rapids rest ridge ridges river road rd roads "
    "route row rue run shoal shoals shore shores skyway spring springs spur spurs square squares "
    "station stravenue stream street st streets summit terrace ter throughway trace track trafficway "
    "trail trl trailer tunnel turnpike underpass union unions valley valleys via viaduct view views "
    "village villages ville vista walk walks wall way ways well wells"
).split()
_SUFFIX = "|".join(sorted(set(_SUFFIXES), key=len, reverse=True))
_WORD = r"[A-Z][a-zA-Z'\-]+"
# A narrow table cell wraps an address before its street suffix or its unit ("921 Morrison" /
# "Forks", "023 Eric Alley" / "Suite 891"): one line break may stand there.
_UNIT = rf"(?:,?(?:[ \t]+|{LINE_BREAK})(?i:apt\.?|apartment|suite|ste\.?|unit|#|floor|fl\.?)[ \t]*[A-Za-z0-9\-]{{1,6}})"
_CITY_LINE = r"(?:[A-Z][a-zA-Z.'\-]+(?:\s[A-Z][a-zA-Z.'\-]+){0,3}),\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?"
_STREET = (
    rf"\b\d{{1,6}}[A-Za-z]?[ \t]+(?:(?:[NSEW]|North|South|East|West)\.?[ \t]+)?(?:{_WORD}[ \t]+){{0,3}}"
    rf"{_WORD}(?:[ \t]+|{LINE_BREAK})(?i:{_SUFFIX})\b\.?(?:[ \t]+(?:NW|NE|SW|SE|N|S|E|W)\b\.?)?{_UNIT}?"
)


# After an address label, the rest of the row is the address whatever its country's format.
_LABELLED = (
    r"(?i:\b(?:street\s*|home\s*|mailing\s*|postal\s*|shipping\s*|billing\s*|residential\s*)?address"
    r"(?:\s*line\s*[12])?)[ \t]*:?(?:[ \t]{1,12}|[ \t]*\n[ \t]*)(?P<v>[^\n]*[^\s])"
)


_NOT_POSTAL = re.compile(r"(?i:\b(?:ip|mac|e-?mail|web|wallet|bitcoin|server)\s*$)")


class StreetAddressDetector(Detector):
    name = "street_address"
    entity_type = "STREET_ADDRESS"

    def __init__(self) -> None:
        self._street = re.compile(_STREET)
        # The city line may follow on the same line (", ") or the next one.
        self._full = re.compile(rf"{_STREET}(?:(?:,[ \t]*|[ \t]*\n[ \t]*){_CITY_LINE})?")
        self._city = re.compile(rf"\b{_CITY_LINE}\b")
        self._labelled = re.compile(_LABELLED)

    def find(self, text: str) -> Iterator[Match]:
        covered: list[tuple[int, int]] = []
        for m in self._full.finditer(text):
            street = self._street.match(text, m.start())
            if street is not None and "\n" in street.group() and not _whole_lines(text, m.start(), street.end()):
                continue  # wrapped: only a cell of its own ("2 Items" over "View all" is a menu)
            covered.append((m.start(), m.end()))
            yield Match(m.start(), m.end(), 0.85)
        for m in self._labelled.finditer(text):
            value = m.group("v")
            # "Email address  jane@..." is an e-mail (found elsewhere); an address has a number
            if "@" in value or not any(c.isdigit() for c in value) or len(value) > 90:
                continue
            if not re.search(r"[A-Za-z]{2}", value):  # "092585889" below an address label is another field
                continue
            if " " not in value:  # one token ("SKU-94249-XE" beside the label, read in row order) is no address
                continue
            if _NOT_POSTAL.search(text[max(0, m.start() - 8) : m.start()]):
                continue  # "IP address 10.0.0.1", "MAC address ..."
            if not any(s <= m.start("v") < e for s, e in covered):
                covered.append((m.start("v"), m.end("v")))
                yield Match(m.start("v"), m.end("v"), 0.8)
        for m in self._city.finditer(text):
            if not any(s <= m.start() < e for s, e in covered):
                # a bare "Springfield, IL 62704" is a partial address: lower confidence
                yield Match(m.start(), m.end(), 0.7)


def _whole_lines(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` begins its first line and ends its last one (a comma may follow)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)].strip()
    return not text[line_start:start].strip() and (not rest or rest.startswith(","))
