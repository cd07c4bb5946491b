import pytest

from redact.keys._context import ContextKind, classify
from redact.keys._password import Prompt, inline_secrets, looks_like_password, prompts_for

S, I, P = Prompt.SECRET, Prompt.IDENT, Prompt.PATH


@pytest.mark.parametrize(
    ("command", "prompts"),
    [
        ("sudo apt update", (S,)),
        ("sudo -n true", ()),
        ("su -", (S,)),
        ("ssh deploy@10.0.0.1", (S,)),
        ("passwd", (S, S, S)),
        ("sudo passwd bob", (S, S, S, S)),
        ("mysql -u root -p", (S,)),
        ("mysql -u root", ()),
        ("psql -h db -U app", (S,)),
        ("gpg -c file.tar", (S, S)),
        ("docker login", (I, S)),
        ("docker login -u bob", (S,)),
        ("docker login --password-stdin", ()),
        ("git push origin main", (I, S)),
        ("ssh-keygen -t ed25519", (P, S, S)),
        ("ssh-keygen -f k -N ''", ()),
        ("cd src && sudo make install", (S,)),
        ("ls -la", ()),
        ("git status", ()),
    ],
)
def test_prompts_for_commands(command, prompts):
    assert prompts_for(command) == prompts


def test_inline_command_line_passwords():
    cmd = "mysql -u root -pS3cret! shop"
    (s, e), = inline_secrets(cmd)
    assert cmd[s:e] == "S3cret!"
    assert inline_secrets("ls -la") == []


@pytest.mark.parametrize("text", ["Tr0ub4dor&3", "x7$Kq9!mZ2", "Summer2024!", "correcthorse99battery"])
def test_password_looking_tokens(text):
    assert looks_like_password(text)


@pytest.mark.parametrize(
    "text",
    ["thanks!", "ok", "hello world", "localhost:8080", "docs.python.org/3/library/hmac.html", "https://x.org/A1!",
     "bob@example.com", "./run.sh", "2024-05-01", "+1 415 555 0100", "README.md"],
)
def test_not_password_looking(text):
    assert not looks_like_password(text)


@pytest.mark.parametrize(
    ("app", "title", "role", "label", "secure", "kind"),
    [
        ("Firefox", "Sign in - Contoso", "password", "Password", False, ContextKind.SECURE),
        ("Safari", "x", None, None, True, ContextKind.SECURE),
        ("Firefox", "Sign in", "text", "Show password", False, ContextKind.SECURE),
        ("KeePassXC", "Unlock Database", None, None, False, ContextKind.SECURE),
        ("pinentry-gnome3", "Passphrase", None, None, False, ContextKind.SECURE),
        ("polkit-gnome-authentication-agent-1", "Authentication Required", None, None, False, ContextKind.SECURE),
        ("gnome-terminal-server", "bob@box: ~", None, None, False, ContextKind.TERMINAL),
        ("Firefox", "Sign in - Contoso", None, None, False, ContextKind.SIGN_IN),
        ("Code", "login.py - Visual Studio Code", None, None, False, ContextKind.PROSE),
        ("Slack", "general", None, None, False, ContextKind.PROSE),
        ("Firefox", "Sign in", "text", "Email", False, ContextKind.FIELD),
        ("Firefox", "New Tab", None, None, False, ContextKind.UNKNOWN),
    ],
)
def test_context_kinds(app, title, role, label, secure, kind):
    assert classify(app, title, role, label, secure).kind is kind
