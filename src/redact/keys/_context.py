"""Where a key was typed: the focus context and what kind of place it is.

A context is the (app, window title, focused field) a run of keys was typed into. Its *kind* is
what the masker needs: a secure place (password field, password manager, lock screen, pinentry,
polkit), a terminal (where prompts are tracked), a sign-in window (where the login flow is
tracked), a place where typed text is prose or code (editor, chat, document), a known
non-password field, or unknown. Patterns only; no state.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["Context", "ContextKind", "classify", "is_password_label"]


class ContextKind(enum.Enum):
    SECURE = "secure"  # everything typed here is a password
    TERMINAL = "terminal"
    SIGN_IN = "sign_in"
    FIELD = "field"  # the recorder says the focused field is a non-password input
    PROSE = "prose"  # editor, chat or document: typed text is code or prose
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Context:
    """A focus context and its kind; ``reason`` names the signal that decided the kind."""

    app: str | None
    title: str | None = field(repr=False)
    role: str | None
    label: str | None
    secure: bool
    kind: ContextKind
    reason: str


_PASSWORD_ROLES = re.compile(r"password|secure|passcode", re.I)
_PASSWORD_LABEL = re.compile(
    r"pass(?:word|phrase|code|wd)?\b|\bpwd\b|\bpin\b|\bsecret\b|master key|kennwort|mot de passe|contrase",
    re.I,
)
_NOT_PASSWORD_LABEL = re.compile(r"forgot|hint|reset|username|e-?mail", re.I)

_SECURE_APPS = re.compile(
    r"1password|bitwarden|keepass|lastpass|dashlane|enpass|keeper|roboform|nordpass|proton ?pass|"
    r"keychain|seahorse|kwallet|pinentry|polkit|gcr-prompter|gnome-keyring|askpass|loginwindow|"
    r"lockapp|screensaver|i3lock|swaylock|light-locker|lightdm|gdm|sddm|credentialuibroker|"
    r"securityagent|consent\.exe|authentication agent|credential ?manager",
    re.I,
)
_SECURE_TITLES = re.compile(
    r"\bunlock\b|authentication required|\bauthenticate\b|enter (?:your |the )?(?:master )?"
    r"(?:password|passphrase|pin)|\bpassphrase\b|lock ?screen|screen (?:is )?locked|\bkeyring\b|"
    r"vault is locked|windows security|user account control|pinentry|\bsudo\b.*password",
    re.I,
)
_TERMINAL_APPS = re.compile(
    r"^(?:terminal|iterm2?|gnome-terminal(?:-server)?|konsole|xterm|uxterm|alacritty|kitty|wezterm(?:-gui)?|"
    r"tilix|terminator|hyper|warp|windowsterminal|windows terminal|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh|"
    r"putty|tabby|st|urxvt|rxvt|foot|guake|yakuake|mintty|conemu64|conemu|xfce4-terminal|lxterminal|"
    r"mate-terminal|qterminal|ghostty|blackbox|ptyxis|terminal\.app)$",
    re.I,
)
_TERMINAL_TITLES = re.compile(r"^\S+@\S+:\s*[~/]|\b(?:bash|zsh|fish|sh)\b\s*$|^(?:Administrator: )?(?:Command Prompt|Windows PowerShell)")
_EDITOR_APPS = re.compile(
    r"^(?:code|code - oss|vscodium|visual studio code|cursor|zed|sublime[_ ]text|subl|atom|pycharm\S*|"
    r"idea\S*|intellij idea|webstorm|goland|clion|rider|android studio|xcode|eclipse|notepad\+\+|"
    r"emacs|gvim|neovide|kate|gedit|gnome-text-editor|textedit|notepad|bbedit|nova)$",
    re.I,
)
_EDITOR_TITLES = re.compile(r" - (?:Visual Studio Code|Cursor|Sublime Text|PyCharm|IntelliJ IDEA)\b|\.(?:py|js|ts|go|rs|java|c|cpp|h|rb|md|txt|json|toml|yaml|yml|sh)\b")
_CHAT_APPS = re.compile(
    r"^(?:slack|discord|microsoft teams|teams|telegram(?: desktop)?|signal|whatsapp|messages|element|"
    r"zoom(?:\.us)?|mattermost|skype|wechat|rocket\.chat|zulip)$",
    re.I,
)
_DOC_APPS = re.compile(
    r"^(?:microsoft word|winword|libreoffice|soffice|pages|notion|obsidian|notes|evernote|onenote|"
    r"typora|bear|logseq|microsoft outlook|outlook|thunderbird|mail)$",
    re.I,
)
_DOC_TITLES = re.compile(r" - (?:Google Docs|Google Sheets|Notion|Confluence|Word)\b|\| Slack\b|- Discord\b|Chat\b", re.I)
_SIGN_IN_TITLES = re.compile(
    r"\bsign[ -]?(?:in|on)\b|\blog[ -]?(?:in|on)\b|\bsignin\b|\blogin\b|\bauthenticat|\bpassword\b|"
    r"\bverify it'?s you\b|\bcredentials?\b|\bsso\b|\bwelcome back\b|\bunlock\b|\banmelden\b|\bconnexion\b",
    re.I,
)


def is_password_label(label: str | None) -> bool:
    """True when a field label names a password (``"Password"``, ``"PIN"``, ``"Passphrase"``)."""
    return bool(label) and bool(_PASSWORD_LABEL.search(label)) and not _NOT_PASSWORD_LABEL.search(label)  # type: ignore[arg-type]


@lru_cache(maxsize=4096)
def classify(app: str | None, title: str | None, role: str | None, label: str | None, secure: bool) -> Context:
    """Decide the kind of a focus context from the recorder's metadata.

    Order matters: a secure signal wins; explicit focus metadata beats app names; specific apps
    (terminal, editor, chat, documents) beat a sign-in-looking title, so ``login.py - Code`` is an
    editor and not a sign-in page.
    """
    kind, reason = _kind(app or "", title or "", role, label, secure)
    return Context(app, title, role, label, secure, kind, reason)


def _kind(app: str, title: str, role: str | None, label: str | None, secure: bool) -> tuple[ContextKind, str]:
    if secure:
        return ContextKind.SECURE, "secure_input"
    if role and _PASSWORD_ROLES.search(role):
        return ContextKind.SECURE, "password_field"
    if is_password_label(label):
        return ContextKind.SECURE, "password_label"
    if _SECURE_APPS.search(app):
        return ContextKind.SECURE, "secure_app"
    if role:
        if role.lower() == "terminal":
            return ContextKind.TERMINAL, "terminal_field"
        return ContextKind.FIELD, "known_field"
    if _TERMINAL_APPS.match(app.strip()) or (not app and _TERMINAL_TITLES.search(title)):
        return ContextKind.TERMINAL, "terminal_app"
    if _SECURE_TITLES.search(title):
        return ContextKind.SECURE, "secure_title"
    if _EDITOR_APPS.match(app.strip()) or _CHAT_APPS.match(app.strip()) or _DOC_APPS.match(app.strip()):
        if not _SIGN_IN_TITLES.search(title) or _EDITOR_TITLES.search(title):
            return ContextKind.PROSE, "prose_app"
    if _EDITOR_TITLES.search(title) or _DOC_TITLES.search(title):
        return ContextKind.PROSE, "prose_title"
    if _SIGN_IN_TITLES.search(title):
        return ContextKind.SIGN_IN, "sign_in_title"
    return ContextKind.UNKNOWN, "unknown"
