"""Seeded generator of fake but format-valid secrets in realistic lines, OCR damage, and a negative corpus.

Every secret is random (never a real credential) but passes the format checks of its family.
Each :class:`SecretSample` carries the text and the exact span(s) a detector should report, so
recall can be measured on clean text and on :func:`damage`-d variants whose spans are mapped
through every edit.

>>> import random
>>> s = sample("github_classic", random.Random(1))
>>> all(s.text[a:b].replace(" ", "") for a, b in s.spans)
True
"""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["FAMILIES", "SecretSample", "damage", "negative_corpus", "sample", "samples"]

_UP = string.ascii_uppercase
_LO = string.ascii_lowercase
_DIG = string.digits
_ALNUM = _UP + _LO + _DIG
_HEXL = "0123456789abcdef"
_B64 = _ALNUM + "+/"
_B64URL = _ALNUM + "-_"


@dataclass(frozen=True, slots=True)
class SecretSample:
    """A line (or block) of text holding one planted secret; ``spans`` are its exact positions."""

    family: str
    detectors: tuple[str, ...]   # detectors expected to find it (the first is the specific one)
    text: str
    spans: tuple[tuple[int, int], ...]


def _r(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _mixed(rng: random.Random, alphabet: str, n: int) -> str:
    """Random string guaranteed to hold an upper, a lower and a digit when the alphabet has them."""
    while True:
        s = _r(rng, alphabet, n)
        if (any(c.isupper() for c in s) or not any(c.isupper() for c in alphabet)) and \
           (any(c.islower() for c in s) or not any(c.islower() for c in alphabet)) and \
           (any(c.isdigit() for c in s) or not any(c.isdigit() for c in alphabet)):
            return s


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    payload = {"sub": str(rng.randint(10**5, 10**9)), "name": rng.choice(["Ana", "Bo", "Chen"]),
               "iat": rng.randint(1_600_000_000, 1_800_000_000)}
    sig = _r(rng, _B64URL, rng.choice([43, 86]))
    return f"{_b64url(json.dumps(header).encode())}.{_b64url(json.dumps(payload).encode())}.{sig}"


def _discord(rng: random.Random) -> str:
    uid = str(rng.randint(10**17, 10**19 - 1)).encode()
    return f"{_b64url(uid)}.{_r(rng, _B64URL, 6)}.{_r(rng, _B64URL, 38)}"


_HUMAN = ["hunter2hunter2", "Tr0ub4dor&3", "correct-horse-battery-staple", "Summer2024!", "P@ssw0rd123",
          "letmein-77", "Blue$ky2025", "dragon_fly_88", "s3cretSauce!", "Winter#2023x", "qazWSX123!",
          "m0nkeyBus1ness"]

# family -> (expected detectors, value factory, key name used in assignments, label for prose)
_V = Callable[[random.Random], str]
_TOKEN_FAMILIES: dict[str, tuple[tuple[str, ...], _V, str, str]] = {
    "aws_access_key": (("aws_access_key",), lambda r: r.choice(["AKIA", "ASIA", "ABIA", "ACCA"])
                       + _mixed(r, _UP + "234567", 16), "AWS_ACCESS_KEY_ID", "AWS access key"),
    "aws_secret_key": (("aws_secret_key",), lambda r: _mixed(r, _B64, 40), "AWS_SECRET_ACCESS_KEY",
                       "aws secret"),
    "gcp_api_key": (("gcp_api_key",), lambda r: "AIza" + _mixed(r, _B64URL, 35), "GOOGLE_API_KEY", "API key"),
    "google_oauth_secret": (("google_oauth_secret",), lambda r: "GOCSPX-" + _mixed(r, _B64URL, 28),
                            "GOOGLE_CLIENT_SECRET", "client secret"),
    "azure_storage_key": (("azure_storage_key",), None, "", ""),  # type: ignore[dict-item]
    "azure_ad_secret": (("azure_ad_secret",), lambda r: _r(r, _ALNUM, 3) + r.choice(_DIG) + "Q~"
                        + _mixed(r, _ALNUM + "_~.-", 34).replace("~.", "~a"), "AZURE_CLIENT_SECRET",
                        "client secret"),
    "github_classic": (("github_token",), lambda r: r.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
                       + _mixed(r, _ALNUM, 36), "GITHUB_TOKEN", "token"),
    "github_fine_grained": (("github_token",), lambda r: "github_pat_" + _mixed(r, _ALNUM, 22) + "_"
                            + _mixed(r, _ALNUM, 59), "GH_PAT", "token"),
    "gitlab_token": (("gitlab_token",), lambda r: r.choice(["glpat-", "gldt-", "glrt-"]) + _mixed(r, _ALNUM, 20),
                     "GITLAB_TOKEN", "token"),
    "slack_bot_token": (("slack_token",), lambda r: f"xoxb-{_r(r, _DIG, 12)}-{_r(r, _DIG, 13)}-"
                        + _mixed(r, _ALNUM, 24), "SLACK_BOT_TOKEN", "bot token"),
    "slack_user_token": (("slack_token",), lambda r: f"xoxp-{_r(r, _DIG, 12)}-{_r(r, _DIG, 12)}-"
                         f"{_r(r, _DIG, 13)}-{_r(r, _HEXL, 32)}", "SLACK_USER_TOKEN", "user token"),
    "slack_app_token": (("slack_token",), lambda r: f"xapp-1-A{_r(r, _UP + _DIG, 10)}-{_r(r, _DIG, 13)}-"
                        + _r(r, _HEXL, 64), "SLACK_APP_TOKEN", "app token"),
    "stripe_key": (("stripe_key",), lambda r: r.choice(["sk_live_", "rk_live_", "sk_test_", "rk_test_"])
                   + _mixed(r, _ALNUM, r.choice([24, 99])), "STRIPE_SECRET_KEY", "stripe key"),
    "openai_project_key": (("openai_key",), lambda r: r.choice(["sk-proj-", "sk-svcacct-"]) + _mixed(r, _B64URL, 74)
                           + "T3BlbkFJ" + _mixed(r, _B64URL, 74), "OPENAI_API_KEY", "OpenAI key"),
    "openai_legacy_key": (("openai_key",), lambda r: "sk-" + _mixed(r, _ALNUM, 20) + "T3BlbkFJ"
                          + _mixed(r, _ALNUM, 20), "OPENAI_API_KEY", "OpenAI key"),
    "anthropic_key": (("anthropic_key",), lambda r: "sk-ant-api03-" + _mixed(r, _B64URL, 93) + "AA",
                      "ANTHROPIC_API_KEY", "Claude key"),
    "huggingface_token": (("huggingface_token",), lambda r: "hf_" + _mixed(r, _UP + _LO, 34), "HF_TOKEN",
                          "HF token"),
    "twilio_key": (("twilio_key",), lambda r: r.choice(["SK", "AC"]) + _r(r, _HEXL, 32), "TWILIO_API_KEY",
                   "twilio sid"),
    "sendgrid_key": (("sendgrid_key",), lambda r: f"SG.{_mixed(r, _B64URL, 22)}.{_mixed(r, _B64URL, 43)}",
                     "SENDGRID_API_KEY", "sendgrid key"),
    "mailchimp_key": (("mailchimp_key",), lambda r: f"{_r(r, _HEXL, 32)}-us{r.randint(1, 21)}",
                      "MAILCHIMP_API_KEY", "mailchimp key"),
    "npm_token": (("npm_token",), lambda r: "npm_" + _mixed(r, _ALNUM, 36), "NPM_TOKEN", "npm token"),
    "pypi_token": (("pypi_token",), lambda r: "pypi-AgEIcHlwaS5vcmc" + _mixed(r, _B64URL, 150), "PYPI_TOKEN",
                   "pypi token"),
    "discord_token": (("discord_token",), _discord, "DISCORD_TOKEN", "discord bot token"),
    "telegram_token": (("telegram_token",), lambda r: f"{r.randint(10**8, 10**10 - 1)}:AA" + _mixed(r, _B64URL, 33),
                       "TELEGRAM_BOT_TOKEN", "bot token"),
    "shopify_token": (("shopify_token",), lambda r: r.choice(["shpat_", "shpss_", "shpca_"]) + _r(r, _HEXL, 32),
                      "SHOPIFY_ACCESS_TOKEN", "shopify token"),
    "digitalocean_token": (("digitalocean_token",), lambda r: "dop_v1_" + _r(r, _HEXL, 64), "DO_TOKEN", "DO token"),
    "vault_token": (("vault_token",), lambda r: "hvs." + _mixed(r, _B64URL, r.choice([24, 90])), "VAULT_TOKEN",
                    "vault token"),
    "databricks_token": (("databricks_token",), lambda r: "dapi" + _r(r, _HEXL, 32), "DATABRICKS_TOKEN",
                         "databricks token"),
    "jwt": (("jwt",), _jwt, "ID_TOKEN", "JWT"),
    "generic_secret": (("keyword_assignment",), lambda r: _mixed(r, _ALNUM, r.randint(16, 40)),
                       "WEBHOOK_SECRET", "secret"),
}
del _TOKEN_FAMILIES["azure_storage_key"]

# Families that need a keyword near the value: no keyword-free prose templates for them.
_NEEDS_CONTEXT = {"aws_secret_key", "twilio_key", "generic_secret", "mailchimp_key"}

_TOKEN_TEMPLATES: list[tuple[str, str]] = [
    ("env", "{KEY}={v}"),
    ("shell", "$ export {KEY}={v}"),
    ("shell", "$ export {KEY}=\"{v}\""),
    ("python", "{key} = \"{v}\""),
    ("js", "const {camel} = '{v}';"),
    ("yaml", "  {key}: {v}"),
    ("json", "  \"{key}\": \"{v}\","),
    ("ini", "{key} = {v}"),
    ("chat", "here's the {label}: {v} please rotate after the demo"),
    ("settings", "{Label}     {v}     Copy"),
]
_FREE_TEMPLATES: list[tuple[str, str]] = [
    ("chat", "can you try with {v} instead?"),
    ("log", "2024-05-02T10:11:12Z WARN leaked credential {v} in request body"),
]


def _camel(key: str) -> str:
    parts = key.lower().split("_")
    return parts[0] + "".join(p.title() for p in parts[1:])


def _place(template: str, value: str, **kw: str) -> tuple[str, tuple[int, int]]:
    before, after = template.split("{v}")
    before = before.format(**kw)
    return before + value + after.format(**kw), (len(before), len(before) + len(value))


def _token_sample(family: str, rng: random.Random) -> SecretSample:
    detectors, factory, key, label = _TOKEN_FAMILIES[family]
    value = factory(rng)
    templates = _TOKEN_TEMPLATES + ([] if family in _NEEDS_CONTEXT else _FREE_TEMPLATES)
    if family in _NEEDS_CONTEXT:
        templates = [t for t in templates if t[0] != "settings" or family != "generic_secret"]
    _, template = rng.choice(templates)
    text, span = _place(template, value, KEY=key, key=key.lower(), camel=_camel(key), label=label,
                        Label=label[:1].upper() + label[1:])
    return SecretSample(family, detectors, text, (span,))


def _pem_body(rng: random.Random, lines: int, width: int = 64, head: str = "MII") -> list[str]:
    raw = head + _r(rng, _B64, width * lines - len(head))
    return [raw[i:i + width] for i in range(0, len(raw), width)]


def _private_key_sample(family: str, rng: random.Random) -> SecretSample:
    kind = {"pem_rsa": "RSA PRIVATE KEY", "pem_pkcs8": "PRIVATE KEY", "pem_ec": "EC PRIVATE KEY",
            "openssh": "OPENSSH PRIVATE KEY", "pgp": "PGP PRIVATE KEY BLOCK"}.get(family, "RSA PRIVATE KEY")
    width = 70 if family == "openssh" else 64
    head = "b3BlbnNzaC1rZXktdjEAAAAA" if family == "openssh" else ("lQdGBF" if family == "pgp" else "MII")
    body = _pem_body(rng, rng.randint(4, 9), width, head)
    prefix = rng.choice(["", "$ cat ~/.ssh/id_rsa\n", "key.pem\n", "# deploy key\n"])
    if family == "pem_partial_body":     # the screen starts mid-block: body lines then END
        lines = body[2:] + [f"-----END {kind}-----"]
    elif family == "pem_no_end":         # the screen ends mid-block
        lines = [f"-----BEGIN {kind}-----"] + body[:4]
    else:
        armour = ["Version: GnuPG v2", ""] if family == "pgp" else []
        lines = [f"-----BEGIN {kind}-----"] + armour + body + [f"-----END {kind}-----"]
    block = "\n".join(lines)
    suffix = rng.choice(["", "\n$ ls -la", "\nsaved."])
    start = len(prefix)
    return SecretSample("private_key:" + family, ("private_key",), prefix + block + suffix,
                        ((start, start + len(block)),))


def _gcp_sa_sample(rng: random.Random) -> SecretSample:
    kid = _r(rng, _HEXL, 40)
    text, span = _place('  "private_key_id": "{v}",', kid)
    return SecretSample("gcp_service_account", ("gcp_service_account",), text, (span,))


def _azure_storage_sample(rng: random.Random) -> SecretSample:
    key = _mixed(rng, _B64, 86) + "=="
    acct = _r(rng, _LO, 10)
    text, span = _place(f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={{v}};"
                        "EndpointSuffix=core.windows.net", key)
    return SecretSample("azure_storage_key", ("azure_storage_key",), text, (span,))


def _url_credentials_sample(rng: random.Random) -> SecretSample:
    pw = rng.choice([_mixed(rng, _ALNUM, rng.randint(10, 20)), rng.choice(_HUMAN).replace("&", "x")
                     .replace("#", "x").replace("$", "x").replace("!", "x").replace("@", "x")])
    t = rng.choice([
        "DATABASE_URL=postgres://app:{v}@db.internal:5432/app",
        "  url: mongodb+srv://admin:{v}@cluster0.ab1cd.mongodb.net/prod",
        "$ git clone https://oauth2:{v}@gitlab.example.com/team/repo.git",
        "Server=tcp:sql.example.net,1433;Database=orders;User Id=svc;Password={v};Encrypt=True;",
        "redis://default:{v}@cache.example.com:6379/0",
    ])
    text, span = _place(t, pw)
    return SecretSample("url_credentials", ("url_credentials",), text, (span,))


def _query_token_sample(rng: random.Random) -> SecretSample:
    v = _mixed(rng, _B64URL, rng.randint(20, 48))
    t = rng.choice([
        "GET https://api.example.com/v2/items?page=2&access_token={v} HTTP/1.1",
        "https://storage.example.net/bucket/file.pdf?se=2025-01-01&sp=r&sig={v}",
        "redirect: https://app.example.com/callback?code={v}&state=xyz",
        "fetch('https://maps.example.com/api/js?key={v}&libraries=places')",
    ])
    text, span = _place(t, v)
    return SecretSample("url_query_token", ("url_query_token",), text, (span,))


def _auth_header_sample(rng: random.Random) -> SecretSample:
    if rng.random() < 0.5:
        v = base64.b64encode(f"{rng.choice(['admin', 'svc', 'bob'])}:{_mixed(rng, _ALNUM, 12)}".encode()).decode()
        t = rng.choice(['$ curl -H "Authorization: Basic {v}" https://api.example.com/', "Authorization: Basic {v}"])
    else:
        v = _mixed(rng, _ALNUM + "._-", rng.randint(24, 60))
        t = rng.choice(["Authorization: Bearer {v}", "  -H 'Authorization: Bearer {v}' \\",
                        "headers = {{'Authorization': 'Bearer {v}'}}"])
    text, span = _place(t, v)
    return SecretSample("auth_header", ("auth_header",), text, (span,))


def _cli_password_sample(rng: random.Random) -> SecretSample:
    pw = rng.choice(_HUMAN[:4] + [_mixed(rng, _ALNUM, 14)])
    t = rng.choice([
        "$ mysql -u root -p{v} orders",
        "$ curl -u admin:{v} https://ci.example.com/api/json",
        "$ sshpass -p '{v}' ssh deploy@10.0.0.12",
        "$ docker login -u ci-bot -p {v} registry.example.com",
        "$ pg_dump --password={v} --host db orders",
    ])
    text, span = _place(t, pw)
    return SecretSample("cli_password", ("cli_password",), text, (span,))


def _password_assignment_sample(rng: random.Random) -> SecretSample:
    pw = rng.choice(_HUMAN)
    key = rng.choice(["DB_PASSWORD", "password", "PGPASSWORD", "admin_pass", "smtp_password", "passwd"])
    t = rng.choice(["{KEY}={v}", "{key} = \"{v}\"", "  {key}: {v}", "  \"{key}\": \"{v}\",", "{key} = {v}",
                    "'{key}' => '{v}',", "{key} := \"{v}\""])
    text, span = _place(t, pw, KEY=key.upper(), key=key)
    return SecretSample("password_assignment", ("password_assignment",), text, (span,))


def _visible_password_sample(rng: random.Random) -> SecretSample:
    pw = rng.choice(_HUMAN)
    t = rng.choice(["Password     {v}     Hide", "  Wi-Fi password is {v} (guest network)",
                    "Password\n{v}", "the root password was {v} btw"])
    text, span = _place(t, pw)
    return SecretSample("visible_password", ("visible_password",), text, (span,))


def _recovery_codes_sample(rng: random.Random) -> SecretSample:
    style = rng.choice(["dash", "digits"])
    codes = [f"{_r(rng, _LO + _DIG, 5)}-{_r(rng, _LO + _DIG, 5)}" if style == "dash"
             else f"{_r(rng, _DIG, 5)}-{_r(rng, _DIG, 5)}" for _ in range(8)]
    codes = [c if any(ch.isdigit() for ch in c) else c[:-1] + "7" for c in codes]
    text = rng.choice(["Your recovery codes", "Backup codes (keep them safe)", "2FA recovery codes:"]) + "\n"
    spans = []
    for i in range(0, 8, 2):
        line = f"  {codes[i]}    {codes[i + 1]}"
        spans.append((len(text) + 2, len(text) + 2 + len(codes[i])))
        b = len(text) + line.index(codes[i + 1], 2 + len(codes[i]))
        spans.append((b, b + len(codes[i + 1])))
        text += line + "\n"
    text += "Download   Print"
    return SecretSample("recovery_codes", ("recovery_codes",), text, tuple(spans))


def _high_entropy_sample(rng: random.Random) -> SecretSample:
    v = _mixed(rng, _ALNUM, rng.randint(24, 48))
    t = rng.choice(["Your new API key is shown once:\n    {v}", "staging webhook secret -> {v}",
                    "pasted the private token {v} into the runner"])
    text, span = _place(t, v)
    return SecretSample("high_entropy", ("high_entropy",), text, (span,))


_SPECIAL: dict[str, Callable[[random.Random], SecretSample]] = {
    "gcp_service_account": _gcp_sa_sample,
    "azure_storage_key": _azure_storage_sample,
    "url_credentials": _url_credentials_sample,
    "url_query_token": _query_token_sample,
    "auth_header": _auth_header_sample,
    "cli_password": _cli_password_sample,
    "password_assignment": _password_assignment_sample,
    "visible_password": _visible_password_sample,
    "recovery_codes": _recovery_codes_sample,
    "high_entropy": _high_entropy_sample,
}
_PEM = ("pem_rsa", "pem_pkcs8", "pem_ec", "openssh", "pgp", "pem_partial_body", "pem_no_end")

#: Every family the generator knows, in a stable order.
FAMILIES: tuple[str, ...] = tuple(_TOKEN_FAMILIES) + tuple(_SPECIAL) + tuple(f"private_key:{k}" for k in _PEM)


def sample(family: str, rng: random.Random) -> SecretSample:
    """One sample of ``family`` (see :data:`FAMILIES`)."""
    if family in _TOKEN_FAMILIES:
        return _token_sample(family, rng)
    if family in _SPECIAL:
        return _SPECIAL[family](rng)
    if family.startswith("private_key:"):
        return _private_key_sample(family.split(":", 1)[1], rng)
    raise KeyError(f"unknown family {family!r}; known: {', '.join(FAMILIES)}")


def samples(family: str, n: int, *, seed: int = 0) -> list[SecretSample]:
    """``n`` reproducible samples of ``family``."""
    rng = random.Random(f"{family}:{seed}")
    return [sample(family, rng) for _ in range(n)]


# --- OCR damage ------------------------------------------------------------------------------

_CONFUSE = {"0": "O", "O": "0", "1": "l", "l": "1", "I": "l", "5": "S", "S": "5", "8": "B", "B": "8",
            "-": "—", "_": "-", ".": ","}


def damage(s: SecretSample, rng: random.Random) -> SecretSample:
    """An OCR-damaged variant: look-alike glyphs, split tokens, wrapped lines, dropped spaces.

    Spans are carried through every edit, so they still cover exactly the (damaged) secret.
    """
    chars: list[tuple[str, int]] = []   # (char, span index or -1)
    for i, c in enumerate(s.text):
        tag = next((k for k, (a, b) in enumerate(s.spans) if a <= i < b), -1)
        chars.append((c, tag))
    ops = rng.sample(["confuse", "split", "wrap", "squeeze"], k=rng.randint(1, 2))
    if "confuse" in ops:
        for i, (c, tag) in enumerate(chars):
            if tag >= 0 and c in _CONFUSE and rng.random() < 0.15:
                chars[i] = (_CONFUSE[c], tag)
    for op, ins in (("split", " "), ("wrap", "\n")):
        if op not in ops:
            continue
        for k, (a, b) in enumerate(s.spans):
            positions = [i for i, (_, t) in enumerate(chars) if t == k]
            if len(positions) < 16 or "\n" in "".join(chars[i][0] for i in positions):
                continue
            for _ in range(rng.randint(1, 2) if op == "split" else 1):
                positions = [i for i, (_, t) in enumerate(chars) if t == k]
                cut = positions[rng.randint(4, len(positions) - 4)]
                if chars[cut - 1][0] not in " \n" and chars[cut][0] not in " \n":
                    chars.insert(cut, (ins, k))
    if "squeeze" in ops:   # OCR drops the space after "key:" / "key ="
        first = next((i for i, (_, t) in enumerate(chars) if t >= 0), 0)
        if first >= 2 and chars[first - 1][0] == " " and chars[first - 2][0] in ":=":
            del chars[first - 1]
    text = "".join(c for c, _ in chars)
    spans = []
    for k in range(len(s.spans)):
        idx = [i for i, (_, t) in enumerate(chars) if t == k]
        spans.append((idx[0], idx[-1] + 1))
    return SecretSample(s.family, s.detectors, text, tuple(spans))


# --- Negative corpus -------------------------------------------------------------------------

def _neg_templates(rng: random.Random) -> list[str]:
    h40, h7 = _r(rng, _HEXL, 40), _r(rng, _HEXL, 7)
    uuid = f"{_r(rng, _HEXL, 8)}-{_r(rng, _HEXL, 4)}-4{_r(rng, _HEXL, 3)}-a{_r(rng, _HEXL, 3)}-{_r(rng, _HEXL, 12)}"
    sha512 = base64.b64encode(rng.randbytes(64)).decode()
    digest = _r(rng, _HEXL, 64)
    colour = _r(rng, _HEXL, 6)
    ver = f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}"
    ts = f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T0{rng.randint(0, 9)}:1{rng.randint(0, 9)}:22.{rng.randint(100, 999)}Z"
    trace = _r(rng, _HEXL, 32)
    return [
        f"commit {h40}", f"Merge: {h7} {_r(rng, _HEXL, 7)}", f"{h7} fix token refresh race in auth middleware",
        "Author: Dana Smith <dana@example.com>", f"    Date:   Tue May 7 10:{rng.randint(10, 59)}:01 2024 +0200",
        f"  \"integrity\": \"sha512-{sha512}\",", f"  resolved \"https://registry.npmjs.org/lodash/-/lodash-{ver}.tgz\"",
        f"  version \"{ver}\"", f"lodash@^{ver}:", f"Digest: sha256:{digest}",
        f"Successfully built {h7[:6]}{_r(rng, _HEXL, 6)}", f"image: ghcr.io/acme/api@sha256:{digest}",
        f"  color: #{colour};", f"  background: #{colour[:3]};", f".btn-primary {{ border: 1px solid #{colour}; }}",
        f"{ts} INFO request_id={uuid} trace_id={trace} GET /api/v1/orders 200 12ms",
        f"{ts} DEBUG span_id={trace[:16]} token refresh scheduled in 300s",
        f"id: {uuid}", f"  \"id\": \"{uuid}\",", f"SKU: AB-{rng.randint(10000, 99999)}-XL  EAN {rng.randint(10**12, 10**13 - 1)}",
        f"Step {rng.randint(1, 9)}/12 : RUN pip install -r requirements.txt", f" ---> Running in {_r(rng, _HEXL, 12)}",
        "img src=\"data:image/png;base64," + base64.b64encode(rng.randbytes(48)).decode() + "\"",
        "API_KEY=${API_KEY}", "password: <your-password>", "token = \"YOUR_API_KEY\"", "SECRET_KEY=changeme",
        "DB_PASSWORD=****", "  api_key: {{ .Values.apiKey }}", "export GITHUB_TOKEN=$GH_TOKEN",
        "sk-…••••3b18   Created May 2   Revoke", "ghp_••••••••••••••••   last used 3 days ago",
        "pk_live_" + _mixed(rng, _ALNUM, 24), "const stripe = Stripe('pk_test_" + _mixed(rng, _ALNUM, 24) + "');",
        "max_tokens=4096, temperature=0.2", "token_type: bearer", "Forgot password?   Sign in",
        "Enter your password to continue", "def login(username: str, password: str) -> Session:",
        "    password = form.cleaned_data[\"password\"]", "    token = self._token_cache.get(user_id)",
        "if (!apiKey) throw new Error('missing api key');", "secret_name: db-credentials",
        "    secretKeyRef:", "      name: app-secrets", "      key: password",
        "Password must be at least 12 characters.", "  password_reset_url: /account/reset",
        f"pip install requests=={ver}", f"Python {ver} on linux", f"Uploaded {rng.randint(2, 99)} files in {ver}s",
        f"PASSED tests/test_api.py::test_token_refresh[{rng.randint(0, 9)}]", "import { useState } from 'react';",
        "for (let i = 0; i < tokens.length; i++) {", "    return jwt.decode(token, key, algorithms=['HS256'])",
        "Order #A-10293 shipped, tracking 1Z999AA10123456784", f"ETag: \"{trace}\"",
        f"  checksum: md5:{trace}", f"git checkout -b feature/{h7}", f"HEAD is now at {h7} Bump version to {ver}",
        "The quick brown fox jumps over the lazy dog while the token bucket refills.",
        "    key: value", "    auth: true", "  session_timeout: 3600", "Authorization required (401)",
        f"x-request-id: {uuid}", f"Bearer token expired at {ts}",
    ]


def negative_corpus(n_lines: int = 2000, *, seed: int = 0) -> list[str]:
    """``n_lines`` lines from code, logs, lockfiles, CSS, CI output and git logs, without secrets."""
    rng = random.Random(f"negative:{seed}")
    out: list[str] = []
    while len(out) < n_lines:
        out.extend(_neg_templates(rng))
    rng.shuffle(out)
    return out[:n_lines]
