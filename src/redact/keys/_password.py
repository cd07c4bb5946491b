"""Password-run signals: which closed runs are passwords, and why.

Strong signals come from the context (``_context``: password field, secure input, password
manager, lock screen, pinentry, polkit). This module adds the signals that need history:

* terminal prompts: a command such as ``sudo``, ``ssh``, ``passwd`` or ``git push`` queues the
  prompts it will show (password, passphrase, username, file path); the next runs answer them;
* the login flow: in a sign-in window, an identifier closed by Tab, Enter or a click, then a
  space-free token;
* unknown context: one space-free token with mixed character classes ending in Enter, masked or
  kept as the policy says.

Patterns and small per-app state only; no I/O.
"""

from __future__ import annotations

import enum
import re
from collections import deque
from dataclasses import dataclass

from redact.keys._context import ContextKind
from redact.keys._policy import KeyPolicy, UnknownContext
from redact.keys._reconstruct import TypedRun

__all__ = ["PasswordJudge", "Prompt", "Verdict", "inline_secrets", "looks_like_password", "prompts_for"]

PASSWORD = "PASSWORD"


class Prompt(enum.Enum):
    SECRET = "secret"
    IDENT = "ident"
    PATH = "path"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A decision about a whole run: ``entity`` is ``None`` when the run is not a password."""

    entity: str | None
    reason: str


KEEP = Verdict(None, "")

_S, _I, _P = Prompt.SECRET, Prompt.IDENT, Prompt.PATH

# command -> prompts it shows when run interactively (subcommand-specific ones below)
_PROMPTS: dict[str, tuple[Prompt, ...]] = {
    "sudo": (_S,),
    "su": (_S,),
    "doas": (_S,),
    "pkexec": (_S,),
    "ssh": (_S,),
    "scp": (_S,),
    "sftp": (_S,),
    "ssh-copy-id": (_S,),
    "ssh-add": (_S,),
    "mosh": (_S,),
    "passwd": (_S, _S, _S),
    "kinit": (_S,),
    "psql": (_S,),
    "ftp": (_I, _S),
    "telnet": (_I, _S),
    "smbclient": (_S,),
    "htpasswd": (_S, _S),
    "vault": (),
    "gpg": (_S,),
    "gpg2": (_S,),
    "ssh-keygen": (_P, _S, _S),
    "openssl": (),
    "mysql": (),
    "mariadb": (),
}
_SUB_PROMPTS: dict[tuple[str, str], tuple[Prompt, ...]] = {
    ("docker", "login"): (_I, _S),
    ("podman", "login"): (_I, _S),
    ("npm", "login"): (_I, _S),
    ("npm", "adduser"): (_I, _S),
    ("helm", "registry"): (_I, _S),
    ("git", "push"): (_I, _S),
    ("git", "pull"): (_I, _S),
    ("git", "clone"): (_I, _S),
    ("git", "fetch"): (_I, _S),
    ("git", "ls-remote"): (_I, _S),
    ("vault", "login"): (_S,),
    ("bw", "unlock"): (_S,),
    ("bw", "login"): (_I, _S),
    ("op", "signin"): (_S,),
    ("pass", "insert"): (_S, _S),
    ("keepassxc-cli", "open"): (_S,),
    ("openssl", "genrsa"): (_S, _S),
    ("openssl", "pkcs12"): (_S, _S),
    ("openssl", "req"): (_S, _S),
    ("openssl", "rsa"): (_S,),
}
_WRAPPERS = frozenset({"sudo", "doas", "time", "nohup", "env", "command", "exec", "nice"})
_SPLIT = re.compile(r"&&|\|\||[;|]")
_YES_NO = frozenset({"y", "n", "yes", "no"})

_COMMANDS = frozenset(
    """ls ll la cd pwd cat less more head tail grep rg find echo printf export unset source alias
    mkdir rmdir rm mv cp ln touch chmod chown stat du df free top htop ps kill pkill which whereis
    man history clear exit logout git make cmake python python3 pip pip3 node npm npx yarn pnpm
    go cargo rustc java javac mvn gradle docker podman kubectl helm terraform ansible curl wget
    tar zip unzip gzip ssh scp rsync vim vi nvim nano emacs code sudo su apt apt-get dnf yum brew
    pacman systemctl journalctl service env date whoami id uname hostname ping ip ifconfig
    netstat ss sed awk sort uniq wc cut tr xargs diff patch tmux screen watch jq yq open
    pytest tox ruby gem bundle rails php composer dotnet psql mysql redis-cli sqlite3 select
    insert update delete create drop alter show use describe explain with begin commit rollback
    quit help""".split()
)
_SPACE = re.compile(r"\s")
_URLISH = re.compile(
    r"^[a-z][a-z0-9+.-]*://|^www\.|^[\w.+-]+@[\w-]+\.[\w.-]+$"
    r"|^(?:localhost|(?:[a-z0-9-]+\.)+[a-z]{2,12}|\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?:[/?#]\S*)?$"
)
_PATHISH = re.compile(r"^(?:~|\.{1,2})?/|^[\w-]+\.(?:py|js|ts|md|txt|json|sh|toml|yml|yaml|html|css|png|jpg|pdf|csv)$", re.I)
_NUMBER = re.compile(r"^[+-]?[\d.,:/ -]+$")
_IDENT = re.compile(r"^[\w.+@-]{2,128}$")
_OTP = re.compile(r"^\d{4,8}$")
_INLINE = re.compile(
    r"(?:^|\s)(?:-p|--password[= ]|--passwd[= ]|-P\s(?=\S))(?P<a>[^\s'\"]+)|(?:^|\s)sshpass\s+-p\s*(?P<b>\S+)"
)


def prompts_for(command: str) -> tuple[Prompt, ...]:
    """The prompts a shell command line will show, in order (empty for most commands).

    >>> prompts_for("sudo apt update")
    (<Prompt.SECRET: 'secret'>,)
    """
    prompts: list[Prompt] = []
    for part in _SPLIT.split(command):
        words = part.split()
        while words and "=" in words[0] and not words[0].startswith("-"):
            words.pop(0)  # VAR=value prefixes
        while words:
            name = words[0].rsplit("/", 1)[-1]
            args = words[1:]
            if name in ("sudo", "doas") and ("-n" in args or "--non-interactive" in args):
                prompts.clear()
            elif name in ("mysql", "mariadb"):
                if "-p" in args or "--password" in args:
                    prompts.append(_S)
            elif name == "ssh-keygen":
                p = [] if "-f" in args else [_P]
                if "-N" not in args and not any(a.startswith("-N") for a in args):
                    p += [_S, _S]
                prompts.extend(p)
            elif name in ("docker", "podman") and args[:1] == ["login"]:
                if "--password-stdin" in args or "-p" in args or "--password" in args:
                    pass
                elif "-u" in args or "--username" in args:
                    prompts.append(_S)
                else:
                    prompts.extend((_I, _S))
            elif name == "gpg" or name == "gpg2":
                if any(a in args for a in ("-c", "--symmetric", "--gen-key", "--full-generate-key", "--passwd")):
                    prompts.extend((_S, _S))
                elif any(a in args for a in ("-d", "--decrypt", "-s", "--sign", "--clearsign", "--export-secret-keys")):
                    prompts.append(_S)
            elif args and (name, args[0]) in _SUB_PROMPTS:
                prompts.extend(_SUB_PROMPTS[(name, args[0])])
            else:
                prompts.extend(_PROMPTS.get(name, ()))
            if name in _WRAPPERS and args:
                words = [a for a in args if not a.startswith("-")] if name in ("sudo", "doas") else args
                if words and name in ("sudo", "doas") and words[0] == "-u":
                    words = words[2:]
                continue
            break
    return tuple(prompts)


def inline_secrets(command: str) -> list[tuple[int, int]]:
    """Spans of passwords given on a command line (``mysql -pS3cret``, ``--password=x``)."""
    spans = []
    for m in _INLINE.finditer(command):
        g = "a" if m.group("a") else "b"
        spans.append(m.span(g))
    return spans


def looks_like_command(text: str) -> bool:
    """True for a shell or SQL command line (first word a known command or a path to one)."""
    words = text.split()
    if not words:
        return False
    first = words[0].lower()
    if first in _COMMANDS:
        return True
    return first.startswith(("./", "../", "~/", "/")) and len(words) > 1 or first.startswith("\\")


def looks_like_password(text: str) -> bool:
    """One space-free token with mixed character classes that is not a URL, path or number.

    >>> looks_like_password("Tr0ub4dor&3"), looks_like_password("thanks!")
    (True, False)
    """
    n = len(text)
    if n < 6 or n > 128 or _SPACE.search(text):
        return False
    if _URLISH.search(text) or _PATHISH.search(text) or _NUMBER.match(text):
        return False
    lower = upper = digit = other = False
    for c in text:
        if c.islower():
            lower = True
        elif c.isupper():
            upper = True
        elif c.isdigit():
            digit = True
        else:
            other = True
    classes = lower + upper + digit + other
    return classes >= 3 or (classes >= 2 and n >= 10 and digit and (lower or upper))


class PasswordJudge:
    """Decides, run by run, whether a closed run is a password. Keeps per-app prompt state."""

    __slots__ = ("_policy", "_prompts", "_ident", "_after_password")

    def __init__(self, policy: KeyPolicy) -> None:
        self._policy = policy
        self._prompts: dict[str | None, tuple[deque[Prompt], float]] = {}
        self._ident: dict[str | None, float] = {}
        self._after_password: dict[str | None, float] = {}

    def judge(self, run: TypedRun) -> Verdict:
        ctx = run.context
        kind = ctx.kind
        if kind is ContextKind.SECURE:
            return Verdict(PASSWORD, ctx.reason)
        if kind is ContextKind.TERMINAL or (kind is ContextKind.UNKNOWN):
            verdict = self._terminal(run)
            if verdict is not None:
                return verdict
        if ctx.role is None and kind in (ContextKind.SIGN_IN, ContextKind.UNKNOWN):
            return self._login_flow(run)
        return KEEP

    def _terminal(self, run: TypedRun) -> Verdict | None:
        app, text, t = run.context.app, run.text, run.t_end
        entry = self._prompts.get(app)
        if entry is not None:
            queue, deadline = entry
            if t > deadline or run.boundary == "esc":
                del self._prompts[app]
            elif text.strip().lower() in _YES_NO:
                return KEEP
            elif looks_like_command(text):
                del self._prompts[app]
            else:
                prompt = queue.popleft()
                if not queue:
                    del self._prompts[app]
                if prompt is Prompt.SECRET:
                    return Verdict(PASSWORD, "terminal_prompt")
                return KEEP
        if run.boundary == "enter" and (run.context.kind is ContextKind.TERMINAL or looks_like_command(text)):
            prompts = prompts_for(text)
            if prompts:
                self._prompts[app] = (deque(prompts), t + self._policy.prompt_timeout)
            return KEEP if run.context.kind is ContextKind.TERMINAL else None
        return None if run.context.kind is ContextKind.UNKNOWN else KEEP

    def _login_flow(self, run: TypedRun) -> Verdict:
        ctx, text, t = run.context, run.text, run.t_end
        app = ctx.app
        token = text.strip()
        single = bool(token) and not _SPACE.search(token)
        since = self._ident.get(app)
        if since is not None and t - since > self._policy.prompt_timeout:
            del self._ident[app]
            since = None
        if ctx.kind is ContextKind.SIGN_IN:
            if since is not None and single and run.boundary != "esc":
                del self._ident[app]
                self._after_password[app] = t
                return Verdict(PASSWORD, "login_flow")
            after = self._after_password.get(app)
            if after is not None and t - after <= self._policy.prompt_timeout and _OTP.match(token):
                return Verdict("OTP", "login_flow")
            if single and _IDENT.match(token) and run.boundary in ("tab", "enter", "click", "focus", "context"):
                self._ident[app] = t
                return KEEP
        unknown_rule = run.boundary in ("enter", "bound", "end") or ctx.kind is ContextKind.SIGN_IN
        if unknown_rule and self._policy.unknown_context is UnknownContext.MASK and looks_like_password(token):
            return Verdict(PASSWORD, "unknown_context")
        return KEEP
