"""Dates of birth: a date only counts when a birth-date label or phrase stands right before it.

Screens are full of dates (timestamps, due dates, release dates); boxing all of them would blur
half of every inbox. A date becomes personal data when the screen says it is a birth date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match
from redact.text.pii._labelled import values_below

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"  # 04/12/1985, 12.04.85
    r"|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}"  # 1985-04-12
    rf"|{_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}"  # April 12, 1985
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s*(?:of\s*)?{_MONTH},?\s*\d{{4}})"  # 12 Apr 1985
)
_CONTEXT = r"(?:d\.?\s?o\.?\s?b\.?|date\s*of\s*birth|birth\s*date|birthday|born(?:\s*on)?)"


class DateOfBirthDetector(Detector):
    name = "date_of_birth"
    entity_type = "DATE_OF_BIRTH"

    def __init__(self) -> None:
        self._re = re.compile(rf"(?i:\b{_CONTEXT})\W{{0,6}}\s{{0,12}}(?P<d>(?i:{_DATE}))(?!\d)")
        # "Date of birth" alone on its line: the form field below it, maybe after other labels of its row
        self._alone = re.compile(rf"(?im:^[ \t]*(?:{_CONTEXT})[ \t]*:?[ \t]*(?=\n))")
        self._line_date = re.compile(rf"[ \t]*(?P<v>(?i:{_DATE}))[ \t]*")

    def find(self, text: str) -> Iterator[Match]:
        taken = set()
        for m in self._re.finditer(text):
            taken.add(m.start("d"))
            yield Match(m.start("d"), m.end("d"), 0.9)
        for label in self._alone.finditer(text):
            for v in values_below(text, label.end(), self._line_date):
                if v.start("v") not in taken:
                    taken.add(v.start("v"))
                    yield Match(v.start("v"), v.end("v"), 0.9)
                break
