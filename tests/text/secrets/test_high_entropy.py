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


def test_a_form_value_under_its_secret_label_is_found_from_16_characters() -> None:
    """A settings page read in column order: the neighbouring field's label comes between."""
    page = "Webhooks\nSigning secret\nEndpoint ID\nIkPmPOgHu7GzU8vo8j0\n862de125-8563-4406-aa36-8af85d55fb3d"
    assert _found(page) == ["IkPmPOgHu7GzU8vo8j0"]
    assert _found("Build status\nRelease notes\nIkPmPOgHu7GzU8vo8j0") == []  # no secret label above
    assert _found("the token IkPmPOgHu7GzU8vo8j0 expired") == []  # inside a sentence: 20 needed


def test_a_short_key_id_under_a_key_column_header_is_left() -> None:
    assert _found("API keys\nKey ID\nkeyTZGO3TFTJZ3VS61R\n2023-04-13T16:03:51Z") == []


def test_only_a_label_two_lines_up_gives_context() -> None:
    """A short token needs a plain label that names a secret, not a template line that does."""
    assert _found("{{ secrets.DEPLOY_KEY }}\nID\nkeyTZGO3TFTJZ3VS61R\nkey_2NW4EK9Z7F8PHC6R") == []
