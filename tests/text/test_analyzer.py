"""The analyzer's own rules: model names trimmed to names, titles taken in, ids not read as phones."""

from __future__ import annotations

import pytest

from redact.text._analyzer import TextAnalyzer, name_spans
from redact.text._presidio import sentence_per_line


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in name_spans(text, 0, len(text))]


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("Rebecca Wheeler - 2024-05-23T08:44:11Z", ["Rebecca Wheeler"]),
        ("Andrew Gould\nTRX9294494864", ["Andrew Gould"]),
        ("William Austin\nSecurity", ["William Austin"]),
        ("Rhonda Henry\nDanielle Smith", ["Rhonda Henry", "Danielle Smith"]),
        ("Joseph Farmer- Nov 03 18:44", ["Joseph Farmer"]),
        ("William Walters Jan 30", ["William Walters"]),
        ("Smith", ["Smith"]),
        ("Martinez-Lewis\nTRX6271894036", ["Martinez-Lewis"]),
    ],
)
def test_name_spans_keep_the_name(span: str, expected: list[str]) -> None:
    assert _spans(span) == expected


@pytest.mark.parametrize("span", ["D-38753", "TODO", "git config user.email", "Mar", "2024-05-23 Rebecca", "Inbox"])
def test_name_spans_drop_what_is_not_a_name(span: str) -> None:
    assert _spans(span) == []


@pytest.mark.parametrize(
    ("text", "closed"),
    [("Jane Doe\nok.", "Jane Doe.\nok."), ("Hi,\nJane", "Hi,\nJane"), ("a\n\nb", "a.\n\nb"), ("one line", "one line")],
)
def test_sentence_per_line_maps_back(text: str, closed: str) -> None:
    out, origin = sentence_per_line(text)
    assert out == closed
    assert len(origin) == len(out)
    assert all(text[origin[i]] == ch for i, ch in enumerate(out) if ch != ".")


def _found(analyzer: TextAnalyzer, text: str, entity: str) -> list[str]:
    return [text[f.start : f.end] for f in analyzer.analyze(text) if f.entity_type == entity]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("# team-infra\nRebecca Wheeler - 2024-05-23T08:44:11Z\n# random", "Rebecca Wheeler"),
        ("-$588.26\n2024-01-21 22:19:09\nHailey Hart\nTRX1457775543", "Hailey Hart"),
        ("Primary physician\nVisit ID\nDr. Jennifer Lopez\n78f53663-cf40-494c-89d5-f1b071d0a325", "Dr. Jennifer Lopez"),
        ("-$14.10\n2024-11-17 10:18:15\nErin Thomas DDS\nTRX1570197040", "Erin Thomas DDS"),
    ],
)
def test_names_on_their_own_screen_line(analyzer: TextAnalyzer, text: str, name: str) -> None:
    assert name in _found(analyzer, text, "PERSON")


@pytest.mark.parametrize(
    "text",
    ["api-7d9f54926   Mar 06 18:07\nkubectl get pods", "Inbox\nStarred\nSent\nDrafts", "build v12.30.25 is at commit 9dbcc30"],
)
def test_no_names_in_ui_chrome(analyzer: TextAnalyzer, text: str) -> None:
    found = _found(analyzer, text, "PERSON")
    assert not any(w in f for f in found for w in ("Mar", "Inbox", "Sent", "Drafts", "9dbcc30"))


@pytest.mark.parametrize(
    "text",
    ["Emergency phone\nRouting number\n+1 305 499 4456\n036664119", "Barcode 0035549433590", "SKU 5653502690658"],
)
def test_bare_ids_are_not_phone_numbers(analyzer: TextAnalyzer, text: str) -> None:
    assert not any(f.isdigit() for f in _found(analyzer, text, "PHONE_NUMBER"))


@pytest.mark.parametrize(
    ("text", "phone"),
    [("Mobile phone\n+1 (212) 555-0147", "(212) 555-0147"), ("call me at (415) 555-0132 today", "(415) 555-0132")],
)
def test_grouped_phone_numbers_stay(analyzer: TextAnalyzer, text: str, phone: str) -> None:
    assert any(phone in f for f in _found(analyzer, text, "PHONE_NUMBER"))


_PAGE = [
    "Contacts\nJane Doe +1 (415) 555-0134\nInbox",
    "call 020 7946 0958 ext. 12 or\n+44 20 7946 0958\n2024-01-02 08:00 (ticket 12/10/2011)",
    "Sales  Bob Okafor\nSupport  mail bob@corp.com, cell 415-555-0199\nSettings",
]


@pytest.mark.parametrize("text", _PAGE)
def test_line_by_line_phone_matching_equals_presidio(text: str) -> None:
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    from redact.text._presidio import _line_phone_recognizer

    whole = PhoneRecognizer()
    lines = _line_phone_recognizer(whole)

    def spans(rec: PhoneRecognizer) -> list[tuple[int, int, float]]:
        return sorted((r.start, r.end, r.score) for r in rec.analyze(text, ["PHONE_NUMBER"]))

    assert spans(whole)
    assert spans(lines) == spans(whole)
    assert lines.name == whole.name


def test_readings_of_a_page_give_what_each_gives_alone(analyzer: TextAnalyzer) -> None:
    rows = _PAGE[2]
    columns = "\n".join(rows.split("\n")[::-1])  # the same lines, another order
    together = analyzer.analyze_readings([rows, columns], [True, True])
    assert together == [analyzer.analyze(rows), analyzer.analyze(columns)]


def test_a_reading_without_ner_keeps_every_other_detector(analyzer: TextAnalyzer) -> None:
    text = _PAGE[2]
    with_ner, without = analyzer.analyze_readings([text, text], [True, False])
    assert any(f.entity_type == "PERSON" and f.detector in ("SpacyRecognizer", "LineNerRecognizer") for f in with_ner)
    assert not any(f.detector in ("SpacyRecognizer", "LineNerRecognizer") for f in without)
    assert [f for f in with_ner if f.entity_type != "PERSON"] == [f for f in without if f.entity_type != "PERSON"]


def test_a_reading_without_ner_takes_lemmas_from_the_other_reading(analyzer: TextAnalyzer) -> None:
    from redact.text._presidio import _nlp_artifacts

    rows = "Contacts\nJane Doe calls +1 (415) 555-0134\nInbox\nthe cards were declined."
    columns = "\n".join(rows.split("\n")[::-1])
    engine = analyzer._engine
    cache: dict[object, object] = {}
    _nlp_artifacts(engine, columns, ner=True, line_cache=cache)
    reused = _nlp_artifacts(engine, rows, ner=False, line_cache=cache)
    computed = _nlp_artifacts(engine, rows, ner=False, line_cache={})
    assert [t.text for t in reused.tokens] == [t.text for t in computed.tokens]
    assert [lemma.lower() for lemma in reused.lemmas] == [lemma.lower() for lemma in computed.lemmas]
    assert reused.keywords == computed.keywords and "card" in reused.keywords
    # a line the other reading did not have: the pipeline runs
    other = _nlp_artifacts(engine, rows + "\nnew line", ner=False, line_cache=cache)
    assert other.lemmas[-2:] == ["new", "line"]
