"""The deny list: apps, window titles and URLs whose frames are blanked whole and whose keys are masked.

A rule names a *kind* (what sort of place it is: ``password_manager``, ``banking`` ...), the
context field it looks at (``app``, ``title``, ``url`` or ``host``, the URL's host name) and a
regular expression searched case-insensitively in that field. The kind is what results report
(``error_code = "deny:banking"``); the matched value never is.

:data:`DEFAULT_DENY_RULES` is the default list, documented in ``docs/context.md``. It is a starting
point, not a promise: brand lists are never complete. The ``[context]`` policy table adds rules,
skips default ones by name or kind, or replaces the list (see :class:`~redact.context.ContextPolicy`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from redact._errors import PolicyError

__all__ = ["DEFAULT_DENY_RULES", "FIELDS", "DenyList", "DenyMatch", "DenyRule"]

#: The context fields a rule can look at. ``host`` is the host name of ``url``, lower-cased.
FIELDS: tuple[str, ...] = ("app", "title", "url", "host")

_KIND_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True, slots=True)
class DenyRule:
    """One deny rule: ``pattern`` (a regular expression) searched case-insensitively in ``field``."""

    name: str
    kind: str
    field: str
    pattern: str = field(repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or not _KIND_RE.match(self.kind):
            raise PolicyError(
                f"deny rule {self.name!r}: kind {self.kind!r} must be lower_snake_case (a-z, 0-9, _)", code="R252"
            )
        if self.field not in FIELDS:
            raise PolicyError(
                f"deny rule {self.name!r}: field {self.field!r} is not one of: {', '.join(FIELDS)}", code="R253"
            )
        if not isinstance(self.pattern, str) or not self.pattern.strip():
            raise PolicyError(f"deny rule {self.name!r}: the pattern must be a non-empty string", code="R254")
        try:
            _compile(self.pattern)
        except re.error as exc:
            raise PolicyError(f"deny rule {self.name!r}: invalid regular expression ({exc})", code="R254") from None


@dataclass(frozen=True, slots=True)
class DenyMatch:
    """Which rule matched and on which field; no value."""

    kind: str
    rule: str
    field: str


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return ""
    return host or ""


class DenyList:
    """A compiled set of deny rules; ``match`` says whether a context is deny-listed, and why.

    >>> deny = DenyList(DEFAULT_DENY_RULES)
    >>> deny.match(app="KeePassXC").kind
    'password_manager'
    >>> deny.match(app="Firefox", title="Search - Mozilla Firefox Private Browsing").kind
    'private_window'
    >>> deny.match(app="Code", title="notes.md") is None
    True
    """

    __slots__ = ("rules", "_by_field", "_cache")

    def __init__(self, rules: Iterable[DenyRule]) -> None:
        self.rules: tuple[DenyRule, ...] = tuple(rules)
        self._by_field = {
            f: tuple((r, _compile(r.pattern)) for r in self.rules if r.field == f) for f in FIELDS
        }
        self._cache: dict[tuple[str | None, str | None, str | None], DenyMatch | None] = {}

    def match(self, *, app: str | None = None, title: str | None = None, url: str | None = None) -> DenyMatch | None:
        """The first rule that matches (app rules first, then title, url, host), or ``None``."""
        key = (app, title, url)
        cache = self._cache
        if key in cache:
            return cache[key]
        found = None
        for name, value in (("app", app), ("title", title), ("url", url), ("host", _host(url))):
            if not value:
                continue
            for rule, rx in self._by_field[name]:
                if rx.search(value):
                    found = DenyMatch(rule.kind, rule.name, name)
                    break
            if found is not None:
                break
        if len(cache) > 4096:
            cache.clear()
        cache[key] = found
        return found

    def __len__(self) -> int:
        return len(self.rules)

    def __repr__(self) -> str:
        return f"<DenyList rules={len(self.rules)}>"


def _rules(kind: str, field_: str, patterns: dict[str, str]) -> list[DenyRule]:
    return [DenyRule(f"{kind}.{name}", kind, field_, pattern) for name, pattern in patterns.items()]


_W = r"(?:^|[^a-z0-9])"  # a word start that also works before digits ("1password")

#: The default deny list. Rule names are ``<kind>.<name>``; skip one by name or a whole kind by its kind.
DEFAULT_DENY_RULES: tuple[DenyRule, ...] = tuple(
    # -- password managers: desktop apps, their browser windows, their web vaults ---------------
    _rules(
        "password_manager",
        "app",
        {
            "1password": r"1password",
            "bitwarden": r"bitwarden",
            "keepass": r"keepass",  # KeePass, KeePassXC, KeePassX, KeePassDX
            "lastpass": r"lastpass",
            "dashlane": r"dashlane",
            "keychain_access": r"keychain access",
            "enpass": r"enpass",
            "proton_pass": r"proton ?pass",
            "keeper": r"^keeper(?: password manager)?$",
            "nordpass": r"nordpass",
            "roboform": r"roboform",
            "macos_passwords": r"^passwords$",
            "seahorse": r"^(?:seahorse|passwords and keys)$",
            "kwallet": r"kwalletmanager",
        },
    )
    + _rules(
        "password_manager",
        "title",
        {
            "keepass_db": r"\.kdbx\b|\bkeepassxc?\b",
            "bitwarden_vault": r"bitwarden (?:web )?vault|\| bitwarden\b",
            "1password_window": _W + r"1password(?: 8)?\s*$|^1password\b",
            "keychain_access_window": r"keychain access",
            "lastpass_vault": r"lastpass (?:vault|password manager)",
        },
    )
    + _rules(
        "password_manager",
        "host",
        {
            "1password_web": r"(?:^|\.)1password\.(?:com|eu|ca)$",
            "bitwarden_web": r"(?:^|\.)vault\.bitwarden\.(?:com|eu)$",
            "lastpass_web": r"(?:^|\.)lastpass\.com$",
            "dashlane_web": r"(?:^|\.)app\.dashlane\.com$",
            "proton_pass_web": r"(?:^|\.)pass\.proton\.me$",
            "keeper_web": r"(?:^|\.)keepersecurity\.(?:com|eu)$",
            "nordpass_web": r"(?:^|\.)app\.nordpass\.com$",
        },
    )
    # -- banking: generic words in titles and URLs, and well-known banks' domains ---------------
    + _rules(
        "banking",
        "title",
        {
            "online_banking": r"\b(?:online|internet|mobile|net|e)[ -]?banking\b",
            "bank_sign_in": r"\bbank(?:ing)?\b.{0,40}\b(?:sign[ -]?(?:in|on)|log[ -]?(?:in|on)|account|statement)s?\b",
            "account_summary": r"\b(?:account summary|account overview|statements? & documents|transfer funds)\b",
        },
    )
    + _rules(
        "banking",
        "url",
        {
            "banking_path": r"[/.-](?:online|internet|net|e|secure)-?banking\b",
        },
    )
    + _rules(
        "banking",
        "host",
        {
            "banking_host": r"(?:^|[.-])(?:online|internet|net|e|secure|my)?banking[.-]",
            "known_banks": (
                r"(?:^|\.)(?:chase|wellsfargo|bankofamerica|citi|citibank|usbank|pnc|capitalone|tdbank|"
                r"schwab|ally|discover|americanexpress|hsbc|barclays|santander|lloydsbank|natwest|halifax|"
                r"nationwide|monzo|revolut|starlingbank|n26|ing|commerzbank|deutsche-bank|sparkasse|"
                r"bnpparibas|credit-agricole|societegenerale|unicredit|intesasanpaolo|rbc|td|scotiabank|"
                r"bmo|cibc|commbank|westpac|anz|nab|paypal|wise)\.(?:com|co\.uk|de|fr|it|es|nl|ca|com\.au|"
                r"net|ie|eu)$"
            ),
        },
    )
    # -- private or incognito browser windows ----------------------------------------------------
    + _rules(
        "private_window",
        "title",
        {
            "private_browsing": r"\bprivate browsing\b",
            "private_window": r"\bprivate window\b",
            "inprivate": r"\binprivate\b",
            "incognito": r"\bincognito\b",
        },
    )
    + _rules("private_window", "app", {"tor_browser": r"^tor ?browser$"})
    # -- lock screens -----------------------------------------------------------------------------
    + _rules(
        "lock_screen",
        "app",
        {
            "macos": r"^(?:loginwindow|screensaverengine)$",
            "windows": r"^lockapp(?:\.exe)?$|^logonui(?:\.exe)?$",
            "linux": r"^(?:i3lock|swaylock|hyprlock|light-locker|xscreensaver|gnome-screensaver|"
            r"kscreenlocker(?:_greet)?|xsecurelock|slock|xlock)$",
        },
    )
    + _rules("lock_screen", "title", {"lock_screen": r"\block ?screen\b|\bscreen (?:is )?locked\b"})
    # -- system credential dialogs ----------------------------------------------------------------
    + _rules(
        "credential_dialog",
        "app",
        {
            "polkit": r"polkit",
            "pinentry": r"pinentry",
            "gcr_prompter": r"gcr-prompter",
            "askpass": r"askpass",
            "macos_security_agent": r"^securityagent$",
            "windows_credentials": r"^(?:credentialuibroker|consent)(?:\.exe)?$",
        },
    )
    + _rules(
        "credential_dialog",
        "title",
        {
            "authentication_required": r"\bauthentication required\b",
            "windows_security": r"^windows security$|\buser account control\b",
            "macos_admin": r"\bwants to (?:make changes|use your confidential information|access (?:the )?keychain)\b",
            "keyring": r"\bunlock (?:the )?(?:login )?keyring\b|\bunlock private key\b",
            "passphrase_prompt": r"\bpinentry\b|\benter (?:the )?passphrase\b",
            "sudo_prompt": r"^\[sudo\] password for\b",
        },
    )
)
