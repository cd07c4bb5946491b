"""Recall on the generator's fixtures (clean and OCR-damaged) and false positives on its negatives."""

import random

import pytest

from redact.eval.secretgen import FAMILIES, damage, negative_corpus, samples
from redact.text._detector import DetectorRegistry
from redact.text._model import TextFinding
from redact.text.secrets import SECRET_ENTITY_TYPES, default_detectors, resolve_overlaps

DETS = default_detectors()
BY_NAME = {d.name: d for d in DETS}


def _covered(text, spans, found):
    return all(any(s <= i < e for s, e in found) for a, b in spans for i in range(a, b) if not text[i].isspace())


@pytest.mark.parametrize("family", FAMILIES)
def test_clean_recall_is_total_and_exact(family):
    for s in samples(family, 15, seed=11):
        found = {(m.start, m.end) for m in BY_NAME[s.detectors[0]].find(s.text)}
        assert set(s.spans) <= found, (s.text, sorted(found))


# Damaged recall floor per family; high_entropy has no prefix or length to hold a split token together.
FLOOR = {"high_entropy": 0.3}


@pytest.mark.parametrize("family", FAMILIES)
def test_damaged_recall(family):
    rng = random.Random(family)
    batch = samples(family, 25, seed=12)
    hits = 0
    for s in batch:
        d = damage(s, rng)
        found = [(m.start, m.end) for det in DETS for m in det.find(d.text)]
        hits += _covered(d.text, d.spans, found)
    assert hits / len(batch) >= FLOOR.get(family, 0.88)


def test_false_positive_rate_on_negative_corpus():
    text = "\n".join(negative_corpus(1500, seed=5))
    n_found = sum(1 for d in DETS for _ in d.find(text))
    # the target is 1% of tokens; the detectors find none here, so a tenth of that already flags a
    # regression (a bracket rule once took every Helm "{{ .Values.apiKey }}" for a value)
    assert n_found / len(text.split()) <= 0.001


def test_registry_and_entity_types():
    reg = DetectorRegistry(default_detectors())
    assert len(reg) == len(DETS) and reg.entity_types == SECRET_ENTITY_TYPES
    assert {"PASSWORD", "SECRET", "PRIVATE_KEY", "JWT", "AWS_ACCESS_KEY"} <= SECRET_ENTITY_TYPES
    assert default_detectors()[0] is not default_detectors()[0]  # fresh instances
    names = [d.name for d in DETS]
    assert names.index("high_entropy") == len(names) - 1
    assert names.index("github_token") < names.index("keyword_assignment")


def test_specific_detector_wins_on_same_span():
    text = "GITHUB_TOKEN=ghp_" + "a1B2" * 9
    findings = [TextFinding(d.entity_type, m.start, m.end, m.score, d.name) for d in DETS for m in d.find(text)]
    assert {f.detector for f in findings} >= {"github_token", "keyword_assignment"}
    kept = resolve_overlaps(findings)
    assert [(f.detector, text[f.start:f.end]) for f in kept] == [("github_token", "ghp_" + "a1B2" * 9)]


def test_partial_overlap_is_kept():
    a = TextFinding("SECRET", 0, 10, 0.9, "x")
    b = TextFinding("SECRET", 5, 15, 0.5, "y")
    assert resolve_overlaps([a, b]) == [a, b]


def test_damage_maps_spans():
    rng = random.Random(3)
    for fam in FAMILIES:
        for s in samples(fam, 3, seed=4):
            d = damage(s, rng)
            for (a, b), (c, e) in zip(s.spans, d.spans):
                assert len(d.text[c:e].replace(" ", "").replace("\n", "")) == len(s.text[a:b].replace(" ", "").replace("\n", ""))
