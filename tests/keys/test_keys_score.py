"""Scoring on the generator's sessions: the issue's targets, with the fake scanner."""

import pytest

from redact.eval.keygen import generate_sessions, score
from redact.keys import KeyPolicy, mask_events

from ._fake_scanner import FakeScanner


@pytest.fixture(scope="module")
def scored():
    sessions = generate_sessions(120, seed=11)
    policy = KeyPolicy(keep_length=True)
    outs = [mask_events(s.events, scanner=FakeScanner(), policy=policy) for s in sessions]
    return sessions, score(sessions, outs)


def test_generator_is_seeded_and_has_truth():
    a, b = generate_sessions(5, seed=3), generate_sessions(5, seed=3)
    assert [s.events for s in a] == [s.events for s in b]
    assert all(len(s.events) == len(s.truth) for s in a)


def test_every_password_key_is_masked(scored):
    _, sc = scored
    assert sc.password_keys > 500 and sc.password_masked == sc.password_keys


def test_other_sensitive_keys_recall(scored):
    _, sc = scored
    assert sc.other_keys > 1000 and sc.other_recall >= 0.99


def test_false_masks_at_most_one_percent(scored):
    _, sc = scored
    assert sc.clean_keys > 10000 and sc.false_mask_rate <= 0.01


def test_generator_covers_every_scenario(scored):
    sessions, sc = scored
    assert {s.kind for s in sessions} >= {"login_focus", "login_nofocus", "terminal_prompt", "secure_app", "pasted_secret",
                                          "checkout_focus", "checkout_nofocus", "chat_pii", "reuse", "negative"}
    assert sc.runs_fully_masked >= 0.99


def test_real_analyzer_integration():
    text = pytest.importorskip("redact.text")
    analyzer_cls = getattr(text, "TextAnalyzer", None)
    if analyzer_cls is None:
        pytest.skip("redact.text.TextAnalyzer is not available yet")
    from redact import Policy

    analyzer = analyzer_cls(Policy())
    from ._helpers import Log

    log = Log(app="Slack", title="chat").line("write to bob.smith@example.com please")
    out = mask_events(log.events, scanner=analyzer, policy=KeyPolicy(keep_length=True))
    assert any(e.masked and e.entity_type == "EMAIL_ADDRESS" for e in out)
