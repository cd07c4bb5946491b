"""The deny list: default rules by app, title and URL; editable through the [context] policy table."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from redact import ContextPolicy, Policy, PolicyError
from redact.context import DEFAULT_DENY_RULES, DenyList, FieldMode

DEFAULT = DenyList(DEFAULT_DENY_RULES)


@pytest.mark.parametrize(
    ("app", "title", "url", "kind"),
    [
        ("1Password", None, None, "password_manager"),
        ("Bitwarden", "My vault", None, "password_manager"),
        ("KeePassXC", None, None, "password_manager"),
        (None, "Passwords.kdbx [Locked] - KeePassXC", None, "password_manager"),
        ("LastPass", None, None, "password_manager"),
        ("Dashlane", None, None, "password_manager"),
        ("Keychain Access", None, None, "password_manager"),
        ("Enpass", None, None, "password_manager"),
        ("Proton Pass", None, None, "password_manager"),
        ("Google Chrome", "Vaults | Bitwarden Web Vault", "https://vault.bitwarden.com/#/vault", "password_manager"),
        ("Google Chrome", "Home", "https://my.1password.com/home", "password_manager"),
        ("Firefox", "Chase Online Banking", None, "banking"),
        ("Firefox", "Accounts", "https://secure.chase.com/web/auth/dashboard", "banking"),
        ("Firefox", "Home", "https://www.example-bank.test/netbanking/home", "banking"),
        ("Firefox", "Mozilla Firefox Private Browsing", None, "private_window"),
        ("Microsoft Edge", "New tab - [InPrivate] - Microsoft Edge", None, "private_window"),
        ("Google Chrome", "New Tab - Google Chrome (Incognito)", None, "private_window"),
        ("loginwindow", None, None, "lock_screen"),
        ("LockApp.exe", None, None, "lock_screen"),
        ("swaylock", None, None, "lock_screen"),
        ("polkit-gnome-authentication-agent-1", "Authentication Required", None, "credential_dialog"),
        ("pinentry-gnome3", None, None, "credential_dialog"),
        (None, "Authentication Required", None, "credential_dialog"),
        ("CredentialUIBroker.exe", "Windows Security", None, "credential_dialog"),
        ("SecurityAgent", None, None, "credential_dialog"),
        ("Installer", "Installer wants to make changes.", None, "credential_dialog"),
    ],
)
def test_default_list_matches_app_title_or_url(app: str | None, title: str | None, url: str | None, kind: str) -> None:
    hit = DEFAULT.match(app=app, title=title, url=url)
    assert hit is not None and hit.kind == kind


@pytest.mark.parametrize(
    ("app", "title", "url"),
    [
        ("Code", "login.py - project - Visual Studio Code", None),
        ("Firefox", "Sign in - Google Accounts", "https://accounts.google.com/signin"),
        ("Firefox", "Search", "https://www.google.com/search?q=online+banking"),
        ("Slack", "general | Acme", None),
        ("Firefox", "Bank holiday dates 2024", "https://www.gov.uk/bank-holidays"),
        ("gnome-terminal-server", "jane@host: ~", None),
        (None, None, None),
    ],
)
def test_default_list_leaves_ordinary_windows_alone(app: str | None, title: str | None, url: str | None) -> None:
    assert DEFAULT.match(app=app, title=title, url=url) is None


def test_every_default_rule_is_documented_and_named_once() -> None:
    names = [r.name for r in DEFAULT_DENY_RULES]
    assert len(names) == len(set(names))
    doc = (Path(__file__).parents[2] / "docs" / "context.md").read_text(encoding="utf-8")
    for rule in DEFAULT_DENY_RULES:
        assert f"`{rule.name}`" in doc, rule.name


def test_policy_adds_skips_and_replaces_rules() -> None:
    pol = Policy.from_dict(
        {
            "context": {
                "deny": [{"app": "^Signal$", "kind": "messaging"}, {"host": r"(^|\.)hr\.corp\.test$"}],
                "skip_deny": ["private_window", "banking.online_banking"],
            }
        }
    ).context
    deny = pol.deny_list
    assert deny.match(app="signal").kind == "messaging"  # type: ignore[union-attr]
    assert deny.match(url="https://payroll.hr.corp.test/x").kind == "custom"  # type: ignore[union-attr]
    assert deny.match(title="Mozilla Firefox Private Browsing") is None  # a kind skipped
    assert deny.match(title="Chase Online Banking") is None  # one rule skipped
    assert deny.match(url="https://secure.chase.com/") is not None  # the kind's other rules stay
    assert deny.match(app="KeePassXC") is not None
    only = ContextPolicy.from_dict({"default_deny": False, "deny": [{"title": "payroll"}]}).deny_list
    assert only.match(app="KeePassXC") is None and only.match(title="Payroll 2024") is not None


def test_policy_from_toml_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(
        '[context]\nsecure_fields = false\nclipboard = "drop"\nclipboard_max_chars = 100\n'
        '[[context.deny]]\napp = "Signal"\nkind = "messaging"\nname = "signal"\n',
        encoding="utf-8",
    )
    pol = Policy.from_toml(path).context
    assert (pol.secure_fields, pol.clipboard, pol.clipboard_max_chars) == (False, FieldMode.DROP, 100)
    assert ContextPolicy.from_dict(pol.to_dict()) == pol
    assert pickle.loads(pickle.dumps(pol)) == pol  # batch workers receive it pickled
    assert pickle.loads(pickle.dumps(pol)).deny_list.match(app="Signal") is not None
    assert Policy().context == ContextPolicy()


@pytest.mark.parametrize(
    ("table", "code"),
    [
        ({"colour": "red"}, "R250"),
        ({"title": "hide"}, "R250"),
        ({"secure_fields": "yes"}, "R250"),
        ({"clipboard_max_chars": -1}, "R250"),
        ({"skip_deny": ["no_such_rule"]}, "R251"),
        ({"deny": [{"app": "x", "kind": "Not Snake"}]}, "R252"),
        ({"deny": [{"app": "("}]}, "R254"),
        ({"deny": [{"app": ""}]}, "R254"),
        ({"deny": [{"app": "a", "title": "b"}]}, "R256"),
        ({"deny": [{"window": "a"}]}, "R256"),
        ({"deny": ["Signal"]}, "R256"),
        ({"deny": [{"app": "a", "name": "n"}, {"app": "b", "name": "n"}]}, "R255"),
    ],
)
def test_invalid_context_policy_fails_on_load(table: dict[str, object], code: str) -> None:
    with pytest.raises(PolicyError) as info:
        Policy.from_dict({"context": table})
    assert info.value.code == code
