"""Seeded generator of realistic key-log sessions with per-event truth, and their scorer.

Positive sessions: sign-ins with and without focus metadata (one- and two-step), terminal prompts
(sudo, ssh, su, passwd, git, docker login, mysql -p, psql, ssh-keygen, gpg), password managers,
lock screens, pinentry and polkit dialogs, typos and backspaces, pasted and typed API keys,
checkout forms with and without metadata, emails and phone numbers in chat, passwords reused
later, tokens typed before they are used as passwords. Negative sessions: prose, chat, shell
commands, code, browser searches and URLs.

``truth[i]`` is the entity type of the sensitive value event ``i`` types (its key_down, key_up,
the typos and backspaces inside it, or a paste), else ``None``. ``score`` compares a masker's
output (with ``keep_length=True``, one output event per input event) against the truth.

>>> sessions = generate_sessions(4, seed=1)
>>> len(sessions[0].events) == len(sessions[0].truth)
True
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["KeyScore", "KeySession", "content_event", "generate_sessions", "score"]

Event = dict[str, Any]


@dataclass(frozen=True, slots=True)
class KeySession:
    """One generated session: events (JSON-ready), per-event truth and the sensitive items."""

    name: str
    kind: str
    events: tuple[Event, ...] = field(repr=False)
    truth: tuple[str | None, ...] = field(repr=False)
    items: tuple[tuple[str, tuple[int, ...]], ...] = field(repr=False)


_SHIFTED = set('~!@#$%^&*()_+{}|:"<>?') | set(string.ascii_uppercase)
_CONTENT_NAMED = frozenset({"Key.space", "Key.backspace", "Key.delete"})


def content_event(ev: Event) -> bool:
    """Events that carry typed content: character keys, space, backspace/delete, and pastes."""
    if ev.get("type") == "paste":
        return True
    if ev.get("type") not in ("key_down", "key_up"):
        return False
    key = ev.get("key", "")
    return len(key) == 1 or key in _CONTENT_NAMED


class _Session:
    def __init__(self, rng: random.Random, name: str, kind: str) -> None:
        self.rng = rng
        self.name = name
        self.kind = kind
        self.t = rng.uniform(0, 1000)
        self.events: list[Event] = []
        self.truth: list[str | None] = []
        self.items: list[tuple[str, tuple[int, ...]]] = []
        self.where: dict[str, Any] = {}

    def at(self, app: str | None, title: str | None, focus: dict[str, Any] | None = None, *, switch: bool = True) -> None:
        self.where = {k: v for k, v in (("app", app), ("title", title), ("focus", focus)) if v is not None}
        if switch:
            self._emit({"type": "focus_change", **{k: v for k, v in self.where.items() if k != "focus"}}, None)

    def _emit(self, ev: Event, label: str | None) -> int:
        ev = {"t": round(self.t, 3), **ev}
        self.events.append(ev)
        self.truth.append(label)
        return len(self.events) - 1

    def _press(self, key: str, label: str | None, idx: list[int] | None = None) -> None:
        a = self._emit({"type": "key_down", "key": key, **self.where}, label)
        self.t += self.rng.uniform(0.03, 0.09)
        b = self._emit({"type": "key_up", "key": key, **self.where}, label)
        self.t += self.rng.uniform(0.05, 0.2)
        if idx is not None:
            idx += [a, b]

    def wait(self, lo: float = 0.5, hi: float = 3.0) -> None:
        self.t += self.rng.uniform(lo, hi)

    def type(self, text: str, label: str | None = None, typos: float = 0.03) -> None:
        idx: list[int] = []
        rng = self.rng
        for i, ch in enumerate(text):
            if 0 < i < len(text) - 1 and rng.random() < typos:
                self._char(rng.choice(string.ascii_lowercase), label, idx)
                self._press("Key.backspace", label, idx)
            self._char(ch, label, idx)
        if label is not None:
            self.items.append((label, tuple(idx)))

    def _char(self, ch: str, label: str | None, idx: list[int]) -> None:
        if ch == " ":
            self._press("Key.space", label, idx)
        elif ch in _SHIFTED:
            self._emit({"type": "key_down", "key": "Key.shift", **self.where}, None)
            self._press(ch, label, idx)
            self._emit({"type": "key_up", "key": "Key.shift", **self.where}, None)
        else:
            self._press(ch, label, idx)

    def key(self, name: str) -> None:
        self._press(f"Key.{name}", None)

    def line(self, text: str, label: str | None = None, end: str = "enter", typos: float = 0.03) -> None:
        self.type(text, label, typos)
        self.key(end)
        self.wait(0.3, 2.0)

    def click(self) -> None:
        self._emit({"type": "click", "x": self.rng.randint(0, 1900), "y": self.rng.randint(0, 1000), "button": "left", **self.where}, None)
        self.wait(0.2, 1.0)

    def paste(self, text: str, label: str | None) -> None:
        self._emit({"type": "key_down", "key": "Key.ctrl_l", **self.where}, None)
        self._press("v", None)
        self._emit({"type": "key_up", "key": "Key.ctrl_l", **self.where}, None)
        i = self._emit({"type": "paste", "text": text, **self.where}, label)
        if label is not None:
            self.items.append((label, (i,)))
        self.wait(0.2, 1.0)

    def done(self) -> KeySession:
        return KeySession(self.name, self.kind, tuple(self.events), tuple(self.truth), tuple(self.items))


# --- values ----------------------------------------------------------------------------------

_FIRST = ["alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar"]
_LAST = ["smith", "jones", "nguyen", "garcia", "müller", "kowalski", "okafor", "tanaka", "rossi", "dubois"]
_DOMAINS = ["example.com", "example.org", "mailbox.net", "contoso.com", "fabrikam.io", "acme.co.uk"]
_SITES = ["Contoso", "GitHub", "Fabrikam", "Acme Portal", "Northwind", "Jira", "AWS Console", "Outlook"]
_WORDS = "summer winter dragon monkey sunshine purple tiger coffee rocket castle river maple shadow falcon".split()
_PROSE = [
    "The quarterly report shows steady growth in every region we track",
    "Please review the attached draft before our meeting on Thursday",
    "We should consider moving the deployment window to early morning",
    "Thanks for the quick turnaround on the design review yesterday",
    "I think the onboarding flow needs fewer steps and clearer labels",
    "Let me know if the numbers in section three look right to you",
    "The test suite is flaky on the second core when the cache is cold",
    "Our goal for this sprint is to ship the export feature and fix the search bugs",
]
_CHAT = ["ok", "thanks!", "lol", "brb", "sounds good, see you at 3", "on it", "sure thing :)", "can you check the build?",
         "lgtm", "yep", "Great work everyone!", "meeting moved to 2pm", "np", "will do", "haha nice"]
_SHELL = ["ls -la", "cd src", "git status", "git diff", 'git commit -m "fix flaky test"', "make test", "python3 -m pytest -q",
          "pip install -r requirements.txt", "docker ps", "kubectl get pods -n staging", "./run.sh --fast", "cat README.md",
          "htop", "clear", "git log --oneline -5", "npm run build", "vim config.yaml", "tail -f /var/log/syslog", "pwd", "ls"]
_CODE = ["def main():", "    args = parse_args()", "    return x+1", "for i in range(10):", "self.assertEqual(a,b)",
         "x=foo(bar)", "if not items:", "    raise ValueError(msg)", "import os", "print(result)", "}", "const total = a + b;",
         "return nil, err", "#include <stdio.h>"]
_SEARCH = ["weather berlin", "python dataclass slots", "news.ycombinator.com", "localhost:8080", "github.com/pallets/flask",
           "how to center a div", "docs.python.org/3/library/hmac.html", "cheap flights to lisbon"]
_TERMINAL = ("gnome-terminal-server", "deploy@build-01: ~")


def _email(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)}.{rng.choice(_LAST).replace('ü', 'u')}{rng.randint(1, 99)}@{rng.choice(_DOMAINS)}"


def _username(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)}{rng.choice(['_', '.', ''])}{rng.choice(_LAST).replace('ü', 'u')[:5]}{rng.randint(1, 999)}"


def _password(rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"{rng.choice(_WORDS).capitalize()}{rng.randint(1990, 2030)}{rng.choice('!?#$.')}"
    if style == 1:
        w = rng.choice(_WORDS)
        return f"{w}{rng.randint(1, 9)}{w}"
    if style == 2:
        return "".join(rng.choice(string.ascii_letters + string.digits + "!@#$%^&*-_") for _ in range(rng.randint(10, 20)))
    return f"{rng.choice(_WORDS)}{rng.choice(_WORDS)}{rng.randint(10, 99)}"


def _passphrase(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 5)))


def _phone(rng: random.Random) -> str:
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)
    return rng.choice([f"+1 {a} {b} {c:04d}", f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}"])


def _card(rng: random.Random) -> str:
    digits = [4] + [rng.randint(0, 9) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        d2 = d * 2 if i % 2 == 0 else d
        total += d2 - 9 if d2 > 9 else d2
    digits.append((10 - total % 10) % 10)
    s = "".join(map(str, digits))
    return " ".join(s[i : i + 4] for i in range(0, 16, 4)) if rng.random() < 0.6 else s


def _api_key(rng: random.Random) -> tuple[str, str]:
    alnum = string.ascii_letters + string.digits
    kind = rng.randrange(4)
    if kind == 0:
        return "GITHUB_TOKEN", "ghp_" + "".join(rng.choice(alnum) for _ in range(36))
    if kind == 1:
        return "STRIPE_KEY", "sk_live_" + "".join(rng.choice(alnum) for _ in range(24))
    if kind == 2:
        return "AWS_ACCESS_KEY", "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(16))
    return "SLACK_TOKEN", f"xoxb-{rng.randint(10**10, 10**11)}-" + "".join(rng.choice(alnum) for _ in range(24))


# --- scenarios -------------------------------------------------------------------------------


def _login(s: _Session, focus: bool) -> None:
    rng = s.rng
    site = rng.choice(_SITES)
    title = rng.choice([f"Sign in - {site}", f"{site} - Log in", f"Login | {site}", f"Sign in to {site}"])
    app = rng.choice(["Firefox", "Google Chrome", "Microsoft Edge", "Safari"])
    use_email = rng.random() < 0.6
    ident = _email(rng) if use_email else _username(rng)
    s.at(app, title, {"role": "text", "label": "Email" if use_email else "Username"} if focus else None)
    s.click()
    s.type(ident, "EMAIL_ADDRESS" if use_email else None)
    two_step = not focus and rng.random() < 0.3
    if two_step:
        s.key("enter")
        s.wait(1, 2)
        s.at(app, f"Enter password - {site}")
    elif rng.random() < 0.5:
        s.key("tab")
    else:
        s.click()
    if focus:
        s.at(app, title, {"role": "password", "label": "Password"}, switch=False)
    s.type(_password(s.rng), "PASSWORD", typos=0.08)
    if rng.random() < 0.8:
        s.key("enter")
    else:
        s.click()
    s.wait(2, 5)
    s.at(app, f"Dashboard - {site}")
    s.click()


def _terminal_prompt(s: _Session) -> None:
    rng = s.rng
    s.at(*_TERMINAL)
    for _ in range(rng.randint(0, 2)):
        s.line(rng.choice(_SHELL))
    scenario = rng.randrange(10)
    pw = _password(rng)
    if scenario == 0:
        s.line(rng.choice(["sudo apt update", "sudo systemctl restart nginx", "sudo -u postgres psql"]))
        s.line(pw, "PASSWORD", typos=0.05)
    elif scenario == 1:
        s.line(f"ssh {rng.choice(_FIRST)}@10.0.{rng.randint(0, 9)}.{rng.randint(2, 250)}")
        if rng.random() < 0.4:
            s.line("yes")
        s.line(pw, "PASSWORD")
        s.line("uptime")
    elif scenario == 2:
        s.line("su -")
        s.line(pw, "PASSWORD")
    elif scenario == 3:
        s.line("passwd")
        s.line(pw, "PASSWORD")
        new = _password(rng)
        s.line(new, "PASSWORD")
        s.line(new, "PASSWORD", typos=0.0)
    elif scenario == 4:
        s.line("git push origin main")
        s.line(_username(rng))
        s.line("ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36)), "PASSWORD", typos=0.0)
    elif scenario == 5:
        s.line("docker login registry.example.com")
        s.line(_username(rng))
        s.line(pw, "PASSWORD")
    elif scenario == 6:
        s.line(rng.choice(["mysql -u root -p", "mysql -h db.internal -u app -p shop"]))
        s.line(pw, "PASSWORD")
        s.line("show databases;")
    elif scenario == 7:
        s.line("psql -h db.internal -U app shop")
        s.line(pw, "PASSWORD")
        s.line("select count(*) from orders;")
    elif scenario == 8:
        s.line("ssh-keygen -t ed25519")
        s.line("")
        phrase = _passphrase(rng)
        s.line(phrase, "PASSWORD")
        s.line(phrase, "PASSWORD", typos=0.0)
    else:
        s.line("gpg -c backup.tar")
        phrase = _passphrase(rng)
        s.line(phrase, "PASSWORD")
        s.line(phrase, "PASSWORD", typos=0.0)
    for _ in range(rng.randint(1, 3)):
        s.line(rng.choice(_SHELL))


def _secure_app(s: _Session) -> None:
    rng = s.rng
    app, title = rng.choice([
        ("KeePassXC", "Unlock Database - KeePassXC"),
        ("1Password", "1Password"),
        ("Bitwarden", "Bitwarden"),
        ("loginwindow", "Screen Locked"),
        ("pinentry-gnome3", "Passphrase"),
        ("polkit-gnome-authentication-agent-1", "Authentication Required"),
    ])
    s.at(app, title)
    s.line(_password(rng), "PASSWORD", typos=0.06)
    s.at("Slack", "general | Acme - Slack")
    s.line(rng.choice(_CHAT))


def _pasted_secret(s: _Session) -> None:
    rng = s.rng
    entity, key = _api_key(rng)
    if rng.random() < 0.5:
        s.at(*_TERMINAL)
        s.type("export API_TOKEN=")
        s.paste(key, entity)
        s.key("enter")
    else:
        s.at("Slack", "dev-ops | Acme - Slack")
        s.type("here is the token ")
        s.paste(key, entity)
        s.key("enter")
    s.wait()
    s.at("Code", "settings.py - Visual Studio Code")
    entity, key = _api_key(rng)
    s.type('API_KEY = "')
    s.type(key, entity, typos=0.0)
    s.line('"')


def _checkout(s: _Session, focus: bool) -> None:
    rng = s.rng
    app, title = "Google Chrome", "Checkout - Acme Store"
    fields = [
        ("Card number", _card(rng), "CREDIT_CARD"),
        ("Expiry (MM/YY)", f"{rng.randint(1, 12):02d}/{rng.randint(25, 31)}", "CARD_EXPIRY"),
        ("CVC", str(rng.randint(100, 9999) if rng.random() < 0.2 else rng.randint(100, 999)), "CARD_SECURITY_CODE"),
        ("Email", _email(rng), "EMAIL_ADDRESS"),
        ("Phone", _phone(rng), "PHONE_NUMBER"),
    ]
    s.at(app, title)
    s.click()
    for label, value, entity in fields:
        if focus:
            s.at(app, title, {"role": "text", "label": label}, switch=False)
        s.type(value, entity, typos=0.03)
        s.key("tab")
    s.key("enter")


def _chat_pii(s: _Session) -> None:
    rng = s.rng
    s.at(rng.choice(["Slack", "Discord", "Microsoft Teams"]), "team-chat")
    s.line(rng.choice(_CHAT))
    s.type(rng.choice(["you can reach me at ", "my email is ", "send it to "]))
    s.type(_email(rng), "EMAIL_ADDRESS")
    s.type(" or call ")
    s.type(_phone(rng), "PHONE_NUMBER")
    s.key("enter")
    s.wait()
    s.type(_email(rng), "EMAIL_ADDRESS")
    s.key("enter")


def _reuse(s: _Session) -> None:
    rng = s.rng
    pw = _password(rng)
    before = rng.random() < 0.5
    if before:  # typed in a note first, used as a password later (found by the bulk look-back)
        s.at("Notes", "Untitled note")
        s.type("new wifi ")
        s.type(pw, "PASSWORD", typos=0.0)
        s.key("enter")
        s.wait()
    s.at("KeePassXC", "Unlock Database - KeePassXC")
    s.line(pw, "PASSWORD", typos=0.0)
    if not before:
        s.at("Slack", "random | Acme - Slack")
        s.type("the vault password is ")
        s.type(pw, "PASSWORD", typos=0.0)
        s.key("enter")


def _negative(s: _Session) -> None:
    rng = s.rng
    for _ in range(rng.randint(2, 4)):
        kind = rng.randrange(5)
        if kind == 0:
            s.at(*rng.choice([("Google Chrome", "Q3 plan - Google Docs"), ("Microsoft Word", "Report.docx")]))
            for _ in range(rng.randint(1, 3)):
                s.line(". ".join(rng.sample(_PROSE, 2)) + ".", typos=0.04)
        elif kind == 1:
            s.at(rng.choice(["Slack", "Discord", "Telegram"]), "random")
            for _ in range(rng.randint(2, 6)):
                s.line(rng.choice(_CHAT))
        elif kind == 2:
            s.at(*_TERMINAL)
            for _ in range(rng.randint(2, 6)):
                s.line(rng.choice(_SHELL))
        elif kind == 3:
            s.at("Code", "app.py - Visual Studio Code")
            for _ in range(rng.randint(3, 8)):
                s.line(rng.choice(_CODE), typos=0.02)
        else:
            s.at("Firefox", "New Tab - Mozilla Firefox")
            s.key("f6")
            s.line(rng.choice(_SEARCH))


_POSITIVE: tuple[tuple[str, Callable[[_Session], None]], ...] = (
    ("login_focus", lambda s: _login(s, True)),
    ("login_nofocus", lambda s: _login(s, False)),
    ("terminal_prompt", _terminal_prompt),
    ("secure_app", _secure_app),
    ("pasted_secret", _pasted_secret),
    ("checkout_focus", lambda s: _checkout(s, True)),
    ("checkout_nofocus", lambda s: _checkout(s, False)),
    ("chat_pii", _chat_pii),
    ("reuse", _reuse),
)


def generate_sessions(n: int = 200, *, seed: int = 0, negative_share: float = 0.4) -> list[KeySession]:
    """``n`` sessions from ``seed``; a share of them negative, the rest cycling through positives.

    Every session mixes in some negative activity before and after its scenario.
    """
    rng = random.Random(seed)
    sessions = []
    for i in range(n):
        if rng.random() < negative_share:
            kind, build = "negative", _negative
        else:
            kind, build = _POSITIVE[i % len(_POSITIVE)]
        s = _Session(random.Random(rng.getrandbits(64)), f"{kind}-{i:04d}", kind)
        if kind != "negative" and s.rng.random() < 0.5:
            _negative(s)
        build(s)
        sessions.append(s.done())
    return sessions


@dataclass(frozen=True, slots=True)
class KeyScore:
    """Key-level figures; ``false_mask_rate`` is over non-sensitive content events."""

    password_keys: int
    password_masked: int
    other_keys: int
    other_masked: int
    clean_keys: int
    false_masks: int
    items: int
    items_fully_masked: int

    @property
    def password_recall(self) -> float:
        return self.password_masked / self.password_keys if self.password_keys else 1.0

    @property
    def other_recall(self) -> float:
        return self.other_masked / self.other_keys if self.other_keys else 1.0

    @property
    def false_mask_rate(self) -> float:
        return self.false_masks / self.clean_keys if self.clean_keys else 0.0

    @property
    def runs_fully_masked(self) -> float:
        return self.items_fully_masked / self.items if self.items else 1.0


def score(sessions: Sequence[KeySession], outputs: Sequence[Sequence[Any]]) -> KeyScore:
    """Compare masked outputs (``keep_length=True``: one output per input event) with the truth.

    ``outputs[i][j]`` is any object with a ``masked`` attribute or a ``"masked"`` key.
    """
    counts = [0] * 6
    items = fully = 0
    for session, out in zip(sessions, outputs, strict=True):
        if len(out) != len(session.events):
            raise ValueError(f"{session.name}: {len(out)} outputs for {len(session.events)} events; use keep_length=True")
        masked = [bool(o.get("masked")) if isinstance(o, dict) else bool(o.masked) for o in out]
        for ev, label, m in zip(session.events, session.truth, masked):
            if not content_event(ev):
                continue
            slot = 0 if label == "PASSWORD" else 2 if label is not None else 4
            counts[slot] += 1
            counts[slot + 1] += m
        for _, idx in session.items:
            items += 1
            fully += all(masked[i] for i in idx)
    return KeyScore(*counts, items, fully)
