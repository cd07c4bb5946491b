"""The high-entropy fallback on log lines: ids are not credentials, log words are not token pieces."""

from __future__ import annotations

import pytest

from redact.text.secrets.high_entropy import HighEntropyDetector


def _found(text: str) -> list[str]:
    return [text[m.start : m.end] for m in HighEntropyDetector().find(text)]


@pytest.mark.parametrize("line", [
    # request ids at the start of a log record, with a key or an auth header later on the line
    "2024-02-16T15:14:01Z req_3v13jknywmzuivrmy151 WARN auth header Authorization: Bearer <redacted>",
    "2023-05-29 03:13:01 req_wpvxjhe73ahvq6vh10hk DEBUG cache hit key=<hash>",
    "evt_1Q7wE5rT3yU1iO9pA7sD5fG3 delivered to webhook endpoint",
    "trace_4bf92f3577b34da6a3ce929d0e0e4736 span for the private api",
])
def test_prefixed_ids_in_logs_are_left(line: str) -> None:
    assert _found(line) == []


def test_a_log_level_word_does_not_join_a_token() -> None:
    line = "token rotated: x 7fGh3kLm9PqR2sTv4wXy6zAb3C INFO next rotation in 30 days"
    assert _found(line) == ["7fGh3kLm9PqR2sTv4wXy6zAb3C"]


def test_a_split_secret_in_context_is_still_joined() -> None:
    line = "the private token nczXkMDMNdwV 9nHUotpgrk ra8N5 TWwdOOvmh6UFnEsm was leaked"
    assert _found(line) == ["nczXkMDMNdwV 9nHUotpgrk ra8N5 TWwdOOvmh6UFnEsm"]
