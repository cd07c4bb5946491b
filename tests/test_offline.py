"""redact never touches the network at run time: engines are built and used with sockets blocked."""

from __future__ import annotations

import socket

import pytest

from redact import Policy, Redactor, Status
from redact.eval.render import Segment, render_screen


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise NetworkAttempt(f"network access attempted: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.mark.ocr
def test_full_pipeline_runs_with_network_blocked(no_network: list[str]) -> None:
    # Fresh engines inside the block: spaCy, Presidio (e-mail domain check) and Tesseract.
    redactor = Redactor(Policy())
    screen = render_screen(
        "form",
        [["Email\t", Segment("omar.haddad@contoso.net", "EMAIL_ADDRESS")], "Website\thttps://www.example.org/docs"],
        width=700,
        height=200,
        size=16,
    )
    result = redactor.redact_image(screen.image)
    text = redactor.redact_text("write to priya.raman@mail.example.org, see https://contoso.net")
    assert result.status is Status.OK
    assert "EMAIL_ADDRESS" in result.entity_counts
    assert "<EMAIL_ADDRESS>" in text.text
    assert no_network == []


def test_the_block_itself_works(no_network: list[str]) -> None:
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network
