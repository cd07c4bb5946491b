"""Per-detector cases: the exact span on clean text, coverage on OCR-damaged text, and look-alikes.

Each positive case marks the secret with ``[[...]]``; the test strips the markers, runs the one
detector, and checks that its spans map back to exactly (clean) or at least (damaged) those chars.
"""

import pytest

from redact.text.secrets import default_detectors

DETECTORS = {d.name: d for d in default_detectors()}
A36 = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


def _parse(marked: str) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    while "[[" in marked:
        pre, rest = marked.split("[[", 1)
        secret, marked = rest.split("]]", 1)
        text += pre
        spans.append((len(text), len(text) + len(secret)))
        text += secret
    return text + marked, spans


CLEAN = [
    ("aws_access_key", "aws_access_key_id = [[AKIAIOSFODNN7EXAMPL2]]"),
    ("aws_secret_key", "aws_secret_access_key = [[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]]"),
    ("gcp_api_key", "key: [[AIzaSyD3x4mpl3K3y-abcdefghijklmnop_qrst]]"),
    ("google_oauth_secret", '"client_secret": "[[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]]"'),
    ("gcp_service_account", '  "private_key_id": "[[0123456789abcdef0123456789abcdef01234567]]",'),
    ("azure_storage_key", "AccountName=x;AccountKey=[[" + "aB3d" * 21 + "xy==]];EndpointSuffix=core.windows.net"),
    ("azure_ad_secret", "AZURE_CLIENT_SECRET=[[abc8Q~a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q]]"),
    ("github_token", "GITHUB_TOKEN=[[ghp_" + A36 + "]]"),
    ("github_token", "token [[github_pat_" + "a1B2c3D4e5F6g7H8i9J0k1" + "_" + "Z9y8" * 14 + "abc]] ok"),
    ("gitlab_token", "[[glpat-a1B2c3D4e5F6g7H8i9J0]]"),
    ("slack_token", "[[xoxb-123456789012-1234567890123-a1B2c3D4e5F6g7H8i9J0k1L2]]"),
    ("slack_webhook", "https://hooks.slack.com/services/[[T0123ABCD/B0456EFGH/a1B2c3D4e5F6g7H8i9J0k1L2]]"),
    ("stripe_key", 'stripe.api_key = "[[sk_live_a1B2c3D4e5F6g7H8i9J0k1L2]]"'),
    ("stripe_key", "use [[rk_test_a1B2c3D4e5F6g7H8i9J0k1L2]] now"),
    ("openai_key", "OPENAI_API_KEY=[[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]]"),
    ("openai_key", "[[sk-proj-" + "a1B2_c3D4-" * 8 + "]]"),
    ("anthropic_key", "[[sk-ant-api03-" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6a7B8c9D0e1F2g3H4i5J6k7L8m9N0o1P2q3R4s5t6u" + "AA]]"),
    ("huggingface_token", "HF_TOKEN=[[hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH]]"),
    ("twilio_key", "twilio api key [[SK0123456789abcdef0123456789abcdef]]"),
    ("sendgrid_key", "[[SG.a1B2c3D4e5F6g7H8i9J0k1.a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V]]"),
    ("mailchimp_key", "apikey [[0123456789abcdef0123456789abcdef-us12]]"),
    ("npm_token", "//registry.npmjs.org/:_authToken=[[npm_" + A36 + "]]"),
    ("pypi_token", "password = [[pypi-AgEIcHlwaS5vcmc" + "a1B2c3D4e5" * 8 + "]]"),
    ("discord_token", "client.run('[[MTA4NzY1NDMyMTA5ODc2NTQzMg.Ab1Cd2.a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8]]')"),
    ("telegram_token", "bot = Bot('[[123456789:AAa1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q]]')"),
    ("shopify_token", "[[shpat_0123456789abcdef0123456789abcdef]]"),
    ("digitalocean_token", "[[dop_v1_" + "0123456789abcdef" * 4 + "]]"),
    ("vault_token", "VAULT_TOKEN=[[hvs.a1B2c3D4e5F6g7H8i9J0k1L2m3]]"),
    ("databricks_token", "[[dapi0123456789abcdef0123456789abcdef]]"),
    ("jwt", "Authorization: Bearer [[eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
            "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U]]"),
    ("private_key", "[[-----BEGIN RSA PRIVATE KEY-----\n" + "MIIEowIBAAKCAQEA" + "a1B2c3D4" * 6 + "\n"
                    + "Z9y8X7w6" * 8 + "\n-----END RSA PRIVATE KEY-----]]\n$ ls"),
    ("url_credentials", "DATABASE_URL=postgres://app:[[S3cr3tPassw0rd]]@db.internal:5432/app"),
    ("url_credentials", "Server=tcp:sql,1433;Database=orders;User Id=svc;Password=[[S3cr3t!x]];Encrypt=True"),
    ("url_query_token", "GET /cb?state=1&access_token=[[a1B2c3D4e5F6g7H8]]&x=1"),
    ("auth_header", "Authorization: Basic [[YWRtaW46aHVudGVyMmh1bnRlcjI=]]"),
    ("cli_password", "$ mysql -u root -p[[hunter2hunter2]] orders"),
    ("cli_password", "$ curl -u admin:[[Tr0ub4dor&3]] https://ci.example.com"),
    ("cli_password", "$ sshpass -p '[[Summer2024!]]' ssh deploy@10.0.0.12"),
    ("cli_password", "$ docker login -u bot -p [[a1B2c3D4e5F6]] registry.example.com"),
    ("password_assignment", "DB_PASSWORD=[[hunter2hunter2]]"),
    ("password_assignment", '  "password": "[[correct horse battery]]",'),
    ("password_assignment", "[client]\npassword = [[Tr0ub4dor&3]]"),
    ("password_assignment", "  admin_pass: [[letmein-77]]"),
    ("keyword_assignment", "export API_TOKEN=[[a1B2c3D4e5F6g7H8]]"),
    ("keyword_assignment", "  client_secret: '[[x9Y8z7W6v5U4]]'"),
    ("visible_password", "Password     [[Tr0ub4dor&3]]     Hide"),
    ("visible_password", "the wifi password is [[Sunny-Day-42]]."),
    ("recovery_codes", "Your recovery codes\n  [[a1b2c-3d4e5]]   [[f6g7h-8i9j0]]\n  [[12345-67890]]"),
    ("high_entropy", "Your new API key is shown once:\n    [[a1B2c3D4e5F6g7H8i9J0k1L2]]"),
]


@pytest.mark.parametrize("name,marked", CLEAN, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CLEAN)])
def test_clean_span_is_exact(name, marked):
    text, spans = _parse(marked)
    found = sorted((m.start, m.end) for m in DETECTORS[name].find(text))
    assert found == spans, [text[a:b] for a, b in found]


DAMAGED = [
    ("aws_access_key", "key [[AKlA IOSFODNN7EXAMP\nL2]] end"),
    ("gcp_api_key", "[[AIza SyD3x4mpl3K3y—abcdefghijk\nlmnop_qrst]]"),
    ("github_token", "GITHUB_TOKEN=[[9hp_".replace("9", "g") + A36[:10] + " " + A36[10:] + "]]"),
    ("github_token", "token: [[ghp—" + A36[:20] + "\n" + A36[20:] + "]]"),
    ("stripe_key", "key: [[sk live 51Hab1B2c3 D4e5F6g7H8i9J0k1L2]] rotate"),
    ("stripe_key", "[[5k_live_a1B2c3D4e5F6g7H8i9J0k1L2]]"),
    ("slack_token", "[[xoxb—123456789012—1234567890123—a1B2c3D4e5F6 g7H8i9J0k1L2]]"),
    ("sendgrid_key", "[[SG,a1B2c3D4e5F6g7H8i9J0k1,a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V]]"),
    ("npm_token", "[[npm_" + A36[:12] + "\n    " + A36[12:] + "]]"),
    ("databricks_token", "[[dapi0l23456789abcdef0123456789abcdefO]]"[:-3] + "]]"),
    ("jwt", "[[eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 .eyJzdWIiOiIxMjM0NTY3ODkwIn0.\n"
            "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U]]"),
    ("private_key", "[[—----8EGIN RSA PRlVATE KEY---—-\n" + "MIIEowIBAAKCAQEA" + "a1B2 c3D4" * 6 + "\n"
                    + "Z9y8X7w6" * 8 + "\n-----END RSA PRIVATE KEY-----]]"),
    # HiDPI editor: the dashes read as "-_ = -—_=", a letter of PRIVATE and the E of END lost
    ("private_key", "[[-_ = -—_= BEGIN RSA PRIVAT _ KEY -_ = -—_=\n" + "MIIEowIBAAKCAQEA" + "a1B2c3D4" * 4 + "\n"
                    + "Z9y8X7w6" * 6 + "\n-_ = -—_= ND RSA PRIVATE KEY -_-— =| = = _]]"),
    ("url_credentials", "postgres://app:[[S3cr3tPa\nssw0rd]]@db.internal/app"),
    ("password_assignment", "DB_PASSWORD=[[hunter2 hunter2]]"),
    ("password_assignment", 'password:"[[Tr0ub4dor&3]]"'),
    ("keyword_assignment", 'api_key = "[[a1B2c3D4e5F6\ng7H8]]"'),
    ("auth_header", "Authorization: Bearer [[a1B2c3D4e5F6g7 H8i9J0k1L2]]"),
    ("recovery_codes", "Backup codes\n  [[a1b2c—3d4e5]]"),
    # OCR doubled or dropped a glyph of a long prefixed token (one "l" read as "lI")
    ("npm_token", "Backups\n[[npm_" + A36 + "x]]\nkey_BCT85"),
    ("npm_token", "[[npm_" + A36[:-1] + "]] created"),
    ("github_token", "use this token for now: [[gho_" + A36 + "i]]"),
    ("anthropic_key", "[[sk-ant-api03-" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6a7B8c9D0e1F2g3H4i5J6k7L8m9N0o1P2q3R4s5t6uv"
                      + "AA]]\nkeyTZG"),
    # a short start split off a password; a revealed field's toggle between label and value
    ("password_assignment", "DB_PASSWORD=[[Tr 0ub4dor&3]]"),
    ("password_assignment", "  password: [[#q1IeoI61PpM%0]]"),
    ("visible_password", "Password\nHide\n[[BlueSky2025]]\nKeep me signed in"),
    # a connection variable holding the credential itself; OCR split at its underscore
    ("url_credentials", "$ export DATABASE _URL=[[aS062Uwd47]]"),
    ("url_credentials", "REDIS_DSN='[[s3cretSaucex]]'"),
]


@pytest.mark.parametrize("name,marked", DAMAGED, ids=[f"{n}-{i}" for i, (n, _) in enumerate(DAMAGED)])
def test_damaged_span_covers_secret(name, marked):
    text, spans = _parse(marked)
    found = [(m.start, m.end) for m in DETECTORS[name].find(text)]
    for a, b in spans:
        chars = [i for i in range(a, b) if not text[i].isspace()]
        assert all(any(s <= i < e for s, e in found) for i in chars), (text, found)
        # and nothing of the surrounding text beyond the secret is claimed
        assert all(a - 1 <= s and e <= b + 1 for s, e in found if s < b and a < e), (text, found)


NEGATIVE = [
    ("aws_access_key", "AKIAIOSFODNN7EXAMPLEXTRA is too long"),
    ("aws_secret_key", "commit 3f2a9c8e1b7d4f6a0e5c2b9d8a7f6e5d4c3b2a19"),
    ("gcp_api_key", "AIza is the prefix of Google keys"),
    ("github_token", "ghp_••••••••••••••••   last used 3 days ago"),
    ("github_token", "ghp_" + A36[:30]),
    ("stripe_key", "Stripe('pk_live_a1B2c3D4e5F6g7H8i9J0k1L2')"),
    ("stripe_key", "sk_live_… revoked"),
    ("openai_key", "sk-…••••3b18   Created May 2"),
    ("slack_webhook", "https://hooks.slack.com/services/YOUR/WEBHOOK/URL"),
    ("twilio_key", "SK0123456789abcdef0123456789abcdef in a product catalogue"[:34] + " SKU list"),
    ("mailchimp_key", "md5 0123456789abcdef0123456789abcdef"),
    ("jwt", "eyJhbGciOiJ.eyJub3Rqc29u.sig"),
    ("jwt", "eyJ0eXAi is how JWT headers start"),
    ("private_key", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----"),
    ("private_key", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----"),
    ("url_credentials", "see https://example.com:8080/path@v2 and mailto:bob@example.com"),
    ("url_query_token", "https://example.com/auth?code=authorization_code&key=1234"),
    ("auth_header", 'curl -H "Authorization: Bearer $TOKEN" https://api.example.com'),
    ("cli_password", "docker login -u bot --password-stdin registry.example.com"),
    ("cli_password", "mysql -u root -p orders"),
    ("password_assignment", "def login(username: str, password: str) -> Session:"),
    ("password_assignment", '    password = form.cleaned_data["password"]'),
    ("password_assignment", "password: <your-password>"),
    ("visible_password", "password = getpass(prompt)"),
    ("auth_header", "Bearer TokenAuthentication is used"),
    ("anthropic_key", "sk-ant-api03-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
    ("url_credentials", "see https://example.com/wow!great@v2 docs"),
    ("password_assignment", "Password — Required"),
    ("keyword_assignment", "token — see the docs"),
    ("jwt", "Set-Cookie: session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcDEF123ghiJKL456; Path=/; HttpOnly"[:0] + "eyJ x. eyz. abc"),
    ("auth_header", "token_type: Bearer\n2024-05-02T10:11:12Z expires"),
    ("high_entropy", "mail from jane.doe42@example.com about the private token rotation"),
    ("password_assignment", "DB_PASSWORD=${DB_PASSWORD}"),
    ("password_assignment", "Password must be at least 12 characters."),
    ("password_assignment", "  password_reset_url: /account/reset"),
    ("keyword_assignment", "max_tokens=4096, temperature=0.2"),
    ("keyword_assignment", "token_type: bearer"),
    ("keyword_assignment", "token = self._token_cache.get(user_id)"),
    ("keyword_assignment", "secret_name: db-credentials"),
    ("keyword_assignment", 'token = "YOUR_API_KEY"'),
    ("visible_password", "Password          Forgot?"),
    ("visible_password", "Password   ••••••••••   Show"),
    ("recovery_codes", "Order 12345-67890 shipped"),
    ("recovery_codes", "Recovery codes\nIs it well-known? or hello-world? (see ab12c-d3f4g)"[:-13] + "the docs)"),
    ("azure_storage_key", "AccountKey=see the portal for the key; EndpointSuffix=core.windows.net"),
    # three-part shape without a base64 user id or any Discord context
    ("discord_token", "see NqZ8rPw2LbXe7TfGh4KjMn5VsY.O2ezx7.HJntoudMYgUcWB73Sbo4Uz38OjwI61pTRIhOMD here"),
    ("discord_token", "Maybe we should deploy this release after checking every dashboard on staging first"),
    ("npm_token", "npm_" + A36[:28] + " ok"),
    ("npm_token", "npm_" + A36 + "x1y2z3"),
    ("password_assignment", "password: # set below"),
    ("password_assignment", "color: #ffffff"),
    ("visible_password", "Password\nShow\ne@eeeeceaeaeeneaeceee"),
    ("visible_password", "Password\nForgot password?\nSign in"),
    ("url_credentials", "DATABASE_URL=${DATABASE_URL}"),
    ("url_credentials", "REDIS_URL=localhost"),
    ("url_credentials", "https://example.com:8080/café.html"),  # an accented letter, no user before it
    ("url_credentials", "see https://site.com:443/users/john@example.com"),  # a "/" after a port's digits
    ("keyword_assignment", "args = dict(token=) if ready else None"),  # a bracket closing a call
    ("keyword_assignment", "secret = [abc123XYZdefGHI]"),  # a bracket closed: a list
    ("keyword_assignment", "apiKey: {{ .Values.apiKey }}"),  # a template, its braces closed later
    ("azure_ad_secret", "see ABC1Q-release-notes-for-the-next-v2 now"),  # "Q-" before no random run
    ("high_entropy", "commit 3f2a9c8e1b7d4f6a0e5c2b9d8a7f6e5d4c3b2a19 fix token refresh"),
    ("high_entropy", "token refresh request_id=0b7e5c5e-1c1f-4d0e-9d1a-3c3a0d1e2f40"),
    ("high_entropy", "api key docs: https://example.com/docs/authentication/api-keys/overview"),
    ("high_entropy", '  "integrity": "sha512-Xk3Y9z8w7V6u5T4s3R2q1P0o9N8m7L6k5J4i3H2g1F0e9D8c7B6a5Z4y3X2w1V0u==",'),
]


@pytest.mark.parametrize("name,text", NEGATIVE, ids=[f"{n}-{i}" for i, (n, _) in enumerate(NEGATIVE)])
def test_negative(name, text):
    assert [text[m.start:m.end] for m in DETECTORS[name].find(text)] == []


def test_every_detector_has_a_positive_case():
    assert {n for n, _ in CLEAN} == set(DETECTORS)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$ export STRIPE_KEY=sk_live_3YZ4Zq@CVB81iY4qw20F5WJKB", "sk_live_3YZ4Zq@CVB81iY4qw20F5WJKB"),
        ("OPENAI_KEY=abcdefghij0123456789", "abcdefghij0123456789"),
    ],
)
def test_upper_case_env_key_assignment_is_a_secret(text: str, value: str) -> None:
    from redact.text.secrets import default_detectors

    spans = {text[m.start : m.end] for d in default_detectors() for m in d.find(text)}
    assert value in spans


@pytest.mark.parametrize("text", ["primary_key = id", "sort_key: created_at", "MONKEY=banana"])
def test_lower_case_key_names_are_not_secrets(text: str) -> None:
    from redact.text.secrets import default_detectors

    assert [d.name for d in default_detectors() for _ in d.find(text)] == []


_KEY_LINES = ["MIIExNGWALGGy6PLUDNgP0bQ+KEkc5RToL6IgokyphPgee5Y3zinh0S", "diHNheMGh",
              "Te9jaF0/uU/kTAhcb9mYEBGSupvcOSFAVvVREoCMqz/Im2q22C7MFtk", "eA0CuHPAa"]


@pytest.mark.parametrize(
    "foreign",
    [
        ["SENTRY_RELEASE=6df0a13e6947e323f51e9c00826e0fafb94fe87c", "API_KEY_TEMPLATE=%DB_PASSWORD%", "", ""],
        ["", "", "", ""],
    ],
    ids=["two-panes", "one-pane"],
)
def test_private_key_block_through_wrapped_lines_and_another_pane(foreign: list[str]) -> None:
    # two editor panes read row by row: the key's lines alternate with the other pane's
    rows = ["-----BEGIN RSA PRIVATE KEY-----"]
    for key_line, other in zip(_KEY_LINES, foreign, strict=True):
        rows += [other, key_line] if other else [key_line]
    rows.append("-----END RSA PRIVATE KEY-----")
    text = "\n".join(rows)
    found = [(m.start, m.end) for m in DETECTORS["private_key"].find(text)]
    for line in _KEY_LINES:
        i = text.index(line)
        assert any(s <= i and i + len(line) <= e for s, e in found), line
    for other in filter(None, foreign):
        i = text.index(other)
        assert not any(s < i + len(other) and i < e for s, e in found), other


def test_private_key_block_stops_at_three_foreign_lines() -> None:
    # two foreign lines are stepped over (a chat: another participant's message between two
    # bubbles of the key); the lines themselves are never part of the block
    text = "-----BEGIN RSA PRIVATE KEY-----\n" + _KEY_LINES[0] + "\nname: app\nport: 8080\n" + _KEY_LINES[2]
    spans = [text[m.start : m.end] for m in DETECTORS["private_key"].find(text)]
    assert _KEY_LINES[2] in spans and not any("name: app" in s or "port" in s for s in spans)
    text = "-----BEGIN RSA PRIVATE KEY-----\n" + _KEY_LINES[0] + "\nname: app\nport: 8080\nhost: db\n" + _KEY_LINES[2]
    found = [(m.start, m.end) for m in DETECTORS["private_key"].find(text)]
    assert not any(e > text.index("name: app") for _, e in found)


def test_the_documented_example_aws_key_is_still_redacted() -> None:
    """On a screen, AWS's documented example key cannot be told from a real one: recall first."""
    from redact.text.secrets import default_detectors

    text = "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"
    assert "AKIAIOSFODNN7EXAMPLE" in {text[m.start : m.end] for d in default_detectors() for m in d.find(text)}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("KEY=AKIAQ4ZXJ5KD7WP2RTY", True),  # OCR dropped one glyph
        ("KEY=AKIAQ4ZXJ5KD7WP2RTYEE", True),  # OCR doubled one
        ("KEY=AKIAQ4ZXJ5KD7WP2RTYEEXX", False),  # three too many: not an access key id
        ("KEY=AKIAQ4ZXJ5KD7WP2", False),
    ],
)
def test_aws_access_key_tolerates_one_glyph_of_ocr_length_drift(text: str, found: bool) -> None:
    from redact.text.secrets.aws_access_key import AwsAccessKeyDetector

    assert bool(list(AwsAccessKeyDetector().find(text))) is found


@pytest.mark.parametrize(
    "text",
    ["  aws_access_key_id: ASIAVTO4RG3GriviiLCOPT", 'aws_access_key_id = \u201cAKIAWDCCLJww2VCWi2A2B"'],
)
def test_aws_access_key_with_each_w_read_as_two_small_glyphs(text: str) -> None:
    """At 11 px OCR reads a "W" as "vi", "ri" or "w": lower case, and up to two glyphs longer."""
    from redact.text.secrets.aws_access_key import AwsAccessKeyDetector

    (m,) = AwsAccessKeyDetector().find(text)
    assert text[m.start : m.end] == text.split()[-1].strip('\u201c"')


def test_discord_token_with_its_second_dot_lost_and_no_space_left() -> None:
    from redact.text.secrets.discord_token import DiscordTokenDetector

    token = "OTIOMDM4MTYzOTA3Njl4MDU3MQ.afRNOFKIPn1Fnd\nS-F11hQOe_cN80Czx4jhX8eW9RZ698"
    text = f"$ export\nDISCORD_TOKEN={token}\n\""
    (m,) = DiscordTokenDetector().find(text)
    assert text[m.start : m.end] == token
    # one dot and a long run are not enough without the id or the context
    assert list(DiscordTokenDetector().find("see MTAxMjM0NTY3ODk.abcdefGHIJKLMNOPQRSTUVWXYZabc here")) == []


def test_digitalocean_token_with_the_1_of_its_prefix_read_twice() -> None:
    from redact.text.secrets.digitalocean_token import DigitalOceanTokenDetector

    token = "dop_v1l_855f9e5f500e788096d40069ea887aa211443e97 laddc2bcOe8c11lfScee9258d"
    text = f"2 can you try with {token} instead?"
    (m,) = DigitalOceanTokenDetector().find(text)
    assert text[m.start : m.end] == token


def test_a_jwt_garbled_by_ocr_is_still_a_jwt() -> None:
    """Both leading parts open with eyJ: a JWT even when OCR damage stops the base64 from decoding."""
    from redact.text.secrets.jwt import JwtDetector

    text = ("here's the JWT: eyJhbGc10iAiRVMyNTYiLCAidHLwIj ogIkpXVCJ9. eyJzdWIL01A1MTgSNj QOMDQyIiwgImShbWUi01A1Q2h "
            "LbiIsICIpYXQi01AxNzk2Nj QOODQxfQ. buCIZ7wHnKXDux2ID-ZIBAxJ6_55CoM__w2P0vGjsvv please")
    (m,) = JwtDetector().find(text)
    assert text[m.start : m.end].startswith("eyJhbGc") and text[m.start : m.end].endswith("jsvv")
    assert list(JwtDetector().find("eyJfoo.bar.baz and eyJ.eyJ.x")) == []


def test_private_key_body_lines_with_ocr_junk_stay_in_the_block() -> None:
    """OCR of small text turns a glyph into ']' or '}' and doubles spaces: still a body line."""
    from redact.text.secrets.private_key import PrivateKeyDetector

    text = (
        "-----BEGIN RSA PRIVATE KEY-----\n"
        "MIIMMOVBZt4KaxwuJ pahdZwKPVW9UIVIYQXqQPPq012zSn1jkzrUUSBEgGhTq/So\n"
        "HyMgAQMOp8r2UKcX+] GMZ+0fF fhgdEsWTY tUkZxZvCdd3KssqkElyurSOgEYaotd\n"
        "WNWP} qnFLLnMPzwtsd0af41028zP3Jk4spspJOiLPj1740+Bh/09Q2QaexVZ/yRE\n"
        "-----END RSA PRIVATE KEY-----\n"
        "SENTRY_RELEASE=6df0a13e6947e323f51e9c00826e0fafb94fe87c"
    )
    (m,) = PrivateKeyDetector().find(text)
    assert text[m.start : m.end].endswith("-----END RSA PRIVATE KEY-----")


def test_url_password_with_ocr_spaces_around_the_separators() -> None:
    from redact.text.secrets.url_credentials import UrlCredentialsDetector

    text = "DATABASE_URL=postgres: //app :Winter2024!@10. 152.152. 158:5432/app"
    assert [text[m.start : m.end] for m in UrlCredentialsDetector().find(text)] == ["Winter2024!"]


def test_prefix_fallback_takes_a_token_whose_body_ocr_shortened() -> None:
    """A 64-hex body read with one glyph dropped and split three times: the exact pattern misses it,
    the prefix fallback takes it whole, at a lower score."""
    from redact.text.secrets.slack_token import SlackTokenDetector

    body = "dc9e4e399e5118c60694edc3e369e7d6cebe12bcaace94a5f76fa016f1cccd2a"
    clean = f"SLACK_APP_TOKEN=xapp-1-AQVOMZTHJVX-8355126649559-{body}"
    (exact,) = SlackTokenDetector().find(clean)
    damaged = f"SLACK_APP_TOKEN=xapp- 1-AQVOMZTHIJVX- 8355126649559 -{body[:20]} {body[21:40]} {body[40:]} done"
    (m,) = SlackTokenDetector().find(damaged)
    assert damaged[m.start : m.end] == damaged[damaged.index("xapp") : damaged.index(" done")]
    assert m.score < exact.score
    # the fallback keeps the format's length: a prefix with a short tail is not a token
    assert list(SlackTokenDetector().find("xapp-1-A3 is the app id prefix")) == []


def test_a_jwt_with_doubled_dot_and_bar_for_j_wrapped_over_three_lines() -> None:
    from redact.text.secrets.jwt import JwtDetector

    text = ("id_token =\n\"eyJhbGciOiAiSFMyNTYiLCAidHIwljoglkpXVCJ9.. ey|zdWliOiAIOTQ4NTIZOT\n"
            "MiLCAibmFtZSI6ICJDaGVuliwglmlIhdCl6!|DE30Tc3MjM3NTB9.bYszn6qIGZ\n"
            "rhTay5 5feRSohEZt7TPL5ot6yX7ieOtbbSuvKc\n\"\n")
    (m,) = JwtDetector().find(text)
    assert text[m.start : m.end].startswith("eyJhbGci") and text[m.start : m.end].endswith("SuvKc")


def test_private_key_through_chat_bubbles_and_an_editors_empty_lines() -> None:
    """Chat: each body line its own bubble, wrapped, with stray glyphs from bubble tails between;
    an editor: a '+' read among the dashes and the armour header followed only by line numbers."""
    from redact.text.secrets.private_key import PrivateKeyDetector

    chat = ("---+-BEGIN PRIVATE KEY-----\n\"\nr\nMIIfI8n+kdh1fALCRZEHH7ZL80PZGMEpS51t2ZkUVBERLefbPuNkfeC65w\nv4fV5p\n\"\nr\n"
            "kRAByWn/5bmh6g QUAY 7IV+C4LNiTCbThRIZnEm9m40j7GS8LNbZfudVt\nB+T41+A9\n\"\na\nChen Wei")
    (m,) = PrivateKeyDetector().find(chat)
    assert chat[m.start : m.end].startswith("---+-BEGIN") and chat[m.start : m.end].endswith("B+T41+A9")
    pgp = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n3\n4\nsettings.env\nREADME.md"
    (m,) = PrivateKeyDetector().find(pgp)
    assert pgp[m.start : m.end] == "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2"


def test_private_key_end_takes_bubble_wrapped_body_lines_and_a_colon_read_in_a_line() -> None:
    """Up from END: each body line wrapped in a chat bubble leaves a short remainder ("erMFZ") on
    its own line; OCR read a glyph of the last body line as ":" -- a label it is not."""
    from redact.text.secrets.private_key import PrivateKeyDetector

    chat = ("key.pem\nxh4fAiUJ6jAcdT|qh8k)4jsizmtTLmUSVuHOeFrOMiWIuE4ZTgFQ61UDPS4W\nDVmj\n"
            "cdD3+z18}fZhXMbHY +tGdfkOxhlYBUiDdMOUr56mqTM8RORIGKIOZzgNsV\nmglYlOr\n"
            "XoLnx0sZx82TkBZhPIlwVoiiWe7jPF4uNEC1EWlmfmlaobFVYYK/zIxXSml+\nerMFZ\n-----END RSA PRIVATE KEY-----\ndone")
    (m,) = PrivateKeyDetector().find(chat)
    assert chat[m.start : m.end].startswith("xh4fAiUJ") and chat[m.start : m.end].endswith("KEY-----")
    term = ("$ cat k\nXf/51:1.cpeWhI6cOBdQAgvAz1tArPFc9p+LDBHWdCZKikp7AldjnGZCLAE2ihHgC9\n"
            "-----END RSA PRIVATE KEY-----\n$ ls -la")
    (m,) = PrivateKeyDetector().find(term)
    assert term[m.start : m.end].startswith("Xf/51:1")
    label = "Comment: rotated by ops, see wiki/keys/rotation-2024 for details\n-----END RSA PRIVATE KEY-----"
    (m,) = PrivateKeyDetector().find(label)
    assert label[m.start : m.end] == "-----END RSA PRIVATE KEY-----"


def test_private_key_block_ends_on_a_wrapped_remainder_with_junk_or_a_split() -> None:
    """A key pasted in chat and cut at the bottom of the window: the last line on screen is the
    short remainder of a wrapped body line, read with "!" for "l" or split by a space."""
    from redact.text.secrets.private_key import PrivateKeyDetector

    head = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAKqNRZeraVs9DvtAYOrnsiw912xEYJHImedR\n"
    for tail in ("2pc6vrWbq5Fd06!", "IEchAWcqGF 108C"):
        text = f"$ cat ~/.ssh/id_rsa\n{head}{tail}"
        (m,) = PrivateKeyDetector().find(text)
        assert text[m.start : m.end].endswith(tail)
    text = f"$ cat ~/.ssh/id_rsa\n{head}Thanks a lot"
    (m,) = PrivateKeyDetector().find(text)
    assert text[m.start : m.end].endswith("ImedR")


def test_private_key_wrapped_rests_that_look_like_words_or_numbers() -> None:
    """A bubble wraps every body line; the rest on its own line need not look random ("vicr",
    an accented "q/Lr4fédf9"), and the rest of the last line on screen may be a word or digits
    ("teil", "20") when the line above fills the wrap width. After a short last line it is not."""
    from redact.text.secrets.private_key import PrivateKeyDetector

    full = ["MIIUGRedu6aF 5EGFOIZxBuG6sRkA4d7T2un2uLWIzwWf/w478SSANaS35",
            "5i5guF30ew5frxnmKF5Ad963MYU40cU3U00gE2tYo/FLfHda+iUjV9/ajwu",
            "P+wk0t3ZAzyoiBb2amfvPQIxT/eXARC+0f67 vmtl9+vxOildchj4geZD2F7"]
    for rest in ("vicr", "q/Lr4fédf9"):
        text = "-----BEGIN PRIVATE KEY-----\n" + f"{full[0]}\n{rest}\n{full[1]}\nDiJ\n{full[2]}\nAlice Martin"
        (m,) = PrivateKeyDetector().find(text)
        assert f"\n{rest}\n" in text[m.start : m.end]
    for tail in ("teil", "70p", "20"):
        text = "-----BEGIN PRIVATE KEY-----\n" + "\nab\n".join(full) + f"\n{tail}\nAlice Martin"
        (m,) = PrivateKeyDetector().find(text)
        assert text[m.start : m.end].endswith(tail)
    text = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(full) + "\nQ7nKPTB8en9Y\ndone\nAlice Martin"
    (m,) = PrivateKeyDetector().find(text)
    assert text[m.start : m.end].endswith("Q7nKPTB8en9Y")
    # no marker on screen: a bare run goes on through such a rest
    bare = "key.pem\n" + f"{full[0]}\nxzply\n{full[1]}\nC5R7bhU9Q\n{full[2]}\nAlice Martin"
    (m,) = PrivateKeyDetector().find(bare)
    assert bare[m.start : m.end].startswith("MIIUG") and bare[m.start : m.end].endswith("D2F7")


def test_private_key_rest_of_the_last_full_line_before_a_short_foreign_line() -> None:
    """The rest of the last full-width line on screen ("Geks", "pkkquus") is taken even when a
    short line that is no body ("$ls-la") follows it, with BEGIN on screen and without."""
    from redact.text.secrets.private_key import PrivateKeyDetector

    full = ["MIl/6RBt7 DKkyaKHKmgC1p01rS0aOTxLBXmSF gKmn6Wi301IWFShAyg9e",
            "onVo90v/Tuu9md OfPP3s3 UHQWMkqkA78Zhus2KAnCDTiLla1Ah71e5Kup",
            "juWTOhnF JfEy5j2F57BnrM/zR7/74fyO/bWzLRJ42hl0RipM5WmqNckF1vj9"]
    text = "-----BEGIN RSA PRIVATE KEY-----\n" + "\nmE+DKhX\n".join(full) + "\nGeks\n$ls-la"
    (m,) = PrivateKeyDetector().find(text)
    assert "\nGeks\n" in text[m.start : m.end] + "\n"
    bare = "key.pem\n" + "\nLmiuv\n".join(full) + '\npkkquus\n"'
    (m,) = PrivateKeyDetector().find(bare)
    assert bare[m.start : m.end].endswith("\npkkquus")
    # after a last line shorter than the wrap width, a word below is the next message
    short = "key.pem\n" + "\nLmiuv\n".join(full[:2]) + "\nHIp3/kxT0aa9Qe+2\nthanks\n"
    (m,) = PrivateKeyDetector().find(short)
    assert not short[m.start : m.end].endswith("thanks")


def test_private_key_lines_with_a_quote_or_colon_misread_inside_stay_in_the_block() -> None:
    from redact.text.secrets.private_key import PrivateKeyDetector

    quote = ("-----BEGIN EC PRIVATE KEY-----\n3 MITo0egGXzpPuhUnQelBOurTEMEwGs 3emiUUbaPr2Se8daoOUCk+4eYMqZhj LEaZ\n"
             'Evi2b LOUy69MhBj UA/ iehMj KYOZXj C77KPNwUsing r2"TmQ3GnHco9Mgkmem0/d/o\n-----END EC PRIVATE KEY-----')
    (m,) = PrivateKeyDetector().find(quote)
    assert (m.start, m.end) == (0, len(quote))
    colon = ("-----BEGIN EC PRIVATE KEY-----\nMIIZKJCVGiKS/SiTbdDaalUzxeYQe42cMH/h62iEB+tciuz/ubYBcJ735EYZoIWH\n"
             "v4D:1nwdD FhWSHURy JLyoyy47Mzir LWKH3HVJMtsUxJWIriutj f3V8sQYmSy1bL4S\n"
             "no4Bp9FN2hiaxvS3i/mLOAPKCMhTHe1c+VNJOGMd8BIOFZ7 7vVG8QmBwOZmwJgtj\n-----END EC PRIVATE KEY-----")
    (m,) = PrivateKeyDetector().find(colon)
    assert (m.start, m.end) == (0, len(colon))


def test_private_key_bare_body_line_split_six_times_after_a_line_number() -> None:
    from redact.text.secrets.private_key import PrivateKeyDetector

    text = ("2 # deploy key\n3 BReNMgWoEkapISmnnI1lIkvir BEPbYVAVb2HKolUvcy1tPeYmhpbqpt2/52SQgMOp\n"
            "4 23LAFxj sSuCoA4kJxeS/TU6GeL4/dMxIsdSNXr9lwSws 2BAC swZ1s yupF5FBL6xE\n"
            "5 UAy4FGAHTt0cjqTgULHzpkgCsZZMk 8ngvL78q2DvmaT9Y4uzLd3bNc9g20k9hN82\n6\nsaved.")
    (m,) = PrivateKeyDetector().find(text)
    assert text[m.start : m.end].startswith("3 BReN") and text[m.start : m.end].endswith("hN82")
    prose = ("Build 4521 finished in 42.7s with 0 warnings on CI RUN 8812 ok\n"
             "Deploy 77 of API v2 took 13s on EU West 3 and US East 1 today\n")
    assert list(PrivateKeyDetector().find(prose)) == []
    remainder = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nOYVDFejlz7TSOARFAtPZwiQr04jdxdVUFrzN6IEg11+gDsGd0b1NI8n7ARu8\n$S0j"
    (m,) = PrivateKeyDetector().find(remainder)
    assert remainder[m.start : m.end].endswith("$S0j")


def test_private_key_body_scrolled_into_view_without_either_marker() -> None:
    from redact.text.secrets.private_key import PrivateKeyDetector

    body = ("8IVEWOusGdr RPCgQLFMjCAdtD6Q2I4t 6ikUR7ZczZXcQ7nKPTB8en9YaglY5sc1d0\n"
            "i8ZCVHGO9AMtf3KGWDEDC9h/+Fb83tmmXQYR+csjh2kVgQn1WSP65Yx5cYFDmié6w\n")
    (m,) = PrivateKeyDetector().find("$ less key.pem\n" + body + "(END)")
    assert list(PrivateKeyDetector().find("-----BEGIN CERTIFICATE-----\n" + body)) == []
    one_line = body.split("\n")[0]
    assert list(PrivateKeyDetector().find(one_line + "\nnothing else here")) == []
    prose = "The quick brown fox jumps over the lazy dog and keeps running far\n" * 2
    assert list(PrivateKeyDetector().find(prose)) == []


@pytest.mark.parametrize(
    ("name", "marked"),
    [
        # a code OCR read without its digits, beside one that kept them
        ("recovery_codes", "Your recovery codes\n  [[izmul-4aorq]]    [[elasb-jlgug]]\n  [[kswu0- f401f]]\nDownload"),
        # OCR read the grid one code per line: a code without digits is anchored by the list
        ("recovery_codes", "Backup codes (keep them safe)\n[[4bmzi-1a14o]]\n[[wbdge- qnpo7]]\n[[16b3e-3a8j4]]\n[[qgdso-hfigy]]\nPrint"),
        # glyphs read as "?", "¢", "@" or an accented letter; a space inside a group
        ("recovery_codes", "2FA recovery codes:\n[[xh3z0-kpig?7]] [[ko21¢-yim82]]\n[[ThO2d-7 cnw3]] [[xuwmt-n@ymh]]\n"
                           "[[mué6cn-ngige]]\nDownload Print"),
        # the value starts with a one-glyph piece, "s" read as "$"
        ("url_query_token", "redirect: https://app.example.com/cb?code=[[g -hDXfA15sr-4a5Lu3WLogm5JlaGWW9L]]&state=xyz"),
        ("url_query_token", "https://s.example.net/f.pdf?se=2025-01-01&sp=r&$ig=[[5UZ_qKiYOKY7- fNN6h1zZhhS]]"),
        # the name split by OCR ("s 1g"); the URL wrapped before the "=" or inside the value,
        # whose last glyph then runs into the next parameter
        ("url_query_token", "https: //s.example.net/f. pdf?se=2025 -01-01&sp=r&s 1g=[[HKmKGm7QU8WQv9a40TNY4ES69JA]]"),
        ("url_query_token", "https://s.example.net/f. pdf?se=2025-01-01&sp=r&sig\n=[[2wEzZ-z8rC7UmjYC-WWXVv2b]]\nAlice"),
        ("url_query_token", "https://app.example.com/callback?code=[[eehCfuHhkmE4GZtz] PBamW\nG]]&state=xyz"),
        ("url_query_token", "https://app.example.com/callback?code=[[ZpfBWbtwpGLZ Ze\nV KUpRKtneS50ba8W]]&state=xyz"),
        ("url_query_token", "fetch('https://maps.example.com/api/js?key=[[qA01fRK-qU2q78Bgi2sht0 Loze]]&libraries=places')"),
        # a password split by OCR, alone on its line or in prose; a toggle after a one-space gap
        ("visible_password", "Password\n[[Summer 2024!]]\nSign in"),
        ("visible_password", "Wi-Fi password is [[dragon fly_88]] (guest network)"),
        ("visible_password", "Password [[Blue$ky2025]] Hide"),
        # an OpenAI key with a dot added and "L\\" inside, wrapped twice; "]" right after the prefix
        ("openai_key", "const openaiApiKey =\n'[[sk-proj-jeZObTylf1.45G]LYmnXREBChmPDZOfNg-BDgacdCZSBNXhNht8C\n"
                       "bnYbs712tZYu6aaLSLtcLd1T3BlbkFJmIrL\\VzZzr8uPwS0zRx2aM5npzKX2K\n"
                       "i021x200qy1lasTUa32Y9F p9z3MOCKr3A1kTKTpVLLMfa0]]';\nChen Wei"),
        ("openai_key", "can you try with\n3 [[sk-svcacct-]j Q1pD8ddEQ4y9MdSX4CQoKLb_WIgdviWUFVUjpw2hbQSbBqgJAJuLmLRqsOpCJgOSCiV-"
                       "csZ7uXIT3BLbkF JkiBaCpDZs f2 btbI6B3PZGEKNOW4VIZTyrssxi7013ZkT64Txsj SoMW60CxWZITbHS46wGp3C7]] instead?"),
        # a PyPI token: one glyph left at a line's end before the wrap, a curly closing quote; a
        # piece ending in "!" for "l" ("PHt6j!") is not the end of a sentence
        ("pypi_token", "const pypiToken =\n‘[[pypi-AgElcHlwaSSvemcdT USVBlxsao8tM3AVGIKXANPBz7STV3hin349G 7baHD-0Av82e4KhLQnHF\n"
                       "UjF3A9gtpX2aC TAqR3eAc6nMkDOCbzfl ZODekyUeRksQmiOCsVuILIA1b 7ydkk2JvrWewHiwNwY K\n"
                       "NyfCgRB-jP2qpAuw]]’:\nChen Wei"),
        ("pypi_token", "“pypi_token\":\n“[[pypi-AgElcHlwaS5vcmcaAMJs8RxNEbsOLN5Wcc_VRjSGI)XTrMqf-6 PHt6j!\n"
                       "QjlvXEYqHka9iROU75eMrmPrR_9njvvKPRxmgcmCAyXFOdvrqphm5AG1\nLIzCltMcUvBIJmYcUndbyL1ddwY0Ytjcmu2W4jEM9E_rqQfl9hvFz]]\","),
        # a Mailchimp key with a hex glyph dropped, or an "i" added to its data centre
        ("mailchimp_key", "here's the mailchimp key: [[132dd3c6d73ee96c34f2615eac9a7a8-us6]]\nplease rotate"),
        ("mailchimp_key", "MAILCHIMP_API_KEY=[[5af0d9582530182ca851f ce4383b65e7-usi1]]"),
        # a JWT with a glyph read as "#" in its payload, wrapped by an editor
        ("jwt", "const idToken =\n‘[[eyJhbGcLOLAIUWMyNTYiLCAidHLwIjogIkpXVCI9.eyIzdvILOLAINZU4NDcyODgiLCAibmFtZS161CJCbyIsICJp"
                "YXQi0LAxNZEwMTk4M] Ay #Q.RyE_ftHcuwMPRvJagARm319QkwKQaSMzfY0_AeH9jWeiTMFLsFXRFAIGLDSQinJ\n"
                "OTXcm4iaEcd9pBs9bCktmma]]' ;\napp: py"),
        # a GitLab prefix with its "l" doubled or capital, a body glyph read as "¥"
        ("gitlab_token", "2 GITLAB_TOKEN=[[gLdt -3¥lvbGptEnD315NBce3D]]"),
        ("gitlab_token", "can you try with [[glIrt-Q4rcSs6oMLtOmKL17kEt]] instead?"),
        # a restricted Stripe key whose "r" OCR read as "t", wrapped in a chat bubble
        ("stripe_key", "can you try with\n[[tk_test_7zqlsgBhbg6JiJ3cAlbvk2UqyNLCQG3Uzhr9sx9Xtu4NaFIRRynDDLeiYvrsPkzb4c7Fx6yhHM\n"
                       "eJ8TA45WHC42MF9RJusKONJgG]] instead?"),
        ("stripe_key", "here's the stripe key:[[sk_test_\nTcnTtKC9mdwykJBddJeUBoPo]] please rotate after the demo"),
        # an editor's line number read as a line of its own between the wrapped pieces
        ("jwt", 'config.py\n3 "[[eyJhbGci0iAiU MyNTYiLCAidHlw1j ogl kpXVCJ9 . eyJIZdWILOIAIMTCONZIyNDUyTiwgImS5hbWUi0LAiQm8LLC'
                'ALaWFOIjogMTcZNZEZNTA4MHO.dmPBF_EvDcLQG85qrcL5ruD2\n4\nWwm_2Y5bt 9De -BYx4HQ]]",\nsettings.env\n5\ndone'),
        # a service account's key id after a quote read twice, or with "¢" for "c"
        ("gcp_service_account", '"private_key_id": "“[[e3bd671e57710d5a426ba95fcb1187lba8ef33bb]]",'),
        ("gcp_service_account", '“private_key_id": "[[e5c752773b9aab5d12616462¢555b9818147ef87]]",'),
        # a password after an opening quote read twice, or after ":=" read as "t="
        ("password_assignment", 'smtp_password := "“[[Blue$ky2025]]"'),
        ("password_assignment", 'PGPASSWORD t= "[[letmein-77]]"'),
        # a glyph read as ";" inside the payload
        ("jwt", "id_token =\n3 [[eyJhbGciOiAARVMyNTYALCAidHLWwIj ogIkpXVCJ9.. eyJ zdviTi0i AINJY4MZAxNjIxIiwgImShbWUi0iAiQmB"
                "iLCA;aliFOI j ogMTY yMTYyNTEMXO. ttZQYmYLOuyk- rH7DE1MONSBI61494cj uPeXLobFxj 2nLDUMFXR-YcH-P_1-b0\n4\n"
                "WD} dSTomLebp6yG8NhpkOIz]]\n5"),
        # a code with "#" read for "f"
        # a "j" read as a bracket, with a space after it or ending a group
        ("recovery_codes", "2FA recovery codes:\n[[f11jv-qu7au]] [[16] 1b-onme8]]\n[[0z71b-ikbcj]]\n[[32z]b9-xndqv]]\nDownload"),
        ("recovery_codes", "Backup codes (keep them safe)\n[[s3nge-strv2]] [[jnhl4-gsvuq]]\n[[Tgy5}-84g31]] [[svlol-edybs]]\nBob"),
        ("recovery_codes", "Your recovery codes\n3\n[[q9hkc-tj9xb]] [[12} vx-luejn]]\n4\n[[be73q-erti0]] [[51] 62-dkyns]]\nPrint"),
        ("recovery_codes", "2FA recovery codes:\n3\n[[ze80z-8my79]]\n[[27gt7 -64pop]]\n5\n[[2y27#-9u3il]]\n[[h8bfh-77125]]"),
        # a quoted secret on the line after its "=" (a chat bubble wrapped there)
        ("keyword_assignment", "const azureClientSecret =\n‘[[16Q~LvvjloijuZTdfy8Z2WFIROYpRM1VBWevPWK]]';\nBob"),
        # "l" read as "[", underscores dropped, "S" read as "$"
        ("gitlab_token", "2 GITLAB_TOKEN=[[g[pat-L7UMIf4ZFwNVMoEj NVZk]]\n3"),
        ("stripe_key", "STRIPE_SECRET_KEY=[[sklivekN4NpahoF3G24S8vuZxDNwi0XfFFcAx2a\noMtyHDC612 VONLEwG9mCaoYdhmPft]]\nAlice"),
        ("sendgrid_key", "sendgrid_api_key:\n[[$G.z36BD]5w4rkbd8KSslfrfZ.qmS_VMsVdZDuUIjEmFMKYwBUjw4jlyQIsT\nL6aqzcbqA]]\nBob"),
        # a Telegram body two glyphs longer as OCR read it; an accented letter in a Vault token
        ("telegram_token", "telegram_bot_token = [[7460866234: AABGp4olwWl0QeWZzR_GaDdnPnrvixICDehyG]]\n3"),
        ("vault_token", "can you try with [[hvs.KROdCmGwLé6avhA_LJdtU-y4w]] instead?"),
        # "SG." read as "$6 ."; a Mailchimp key with "£" for "f" and "é" for "6"
        ("sendgrid_key", "Sendgrid key\n[[$6 .GOJOVOqgPOqLaEC1-UHvqxB .UuN3F_MhQqsFTcqeSuMzePUj j_iG1MJ9nYtoE18RsL8]]\nCopy"),
        ("mailchimp_key", "mailchimp_api_key — [[£6041a2b474e8523016e16ca0b0e5671-usé]]"),
        # an assignment value OCR split right after a few glyphs; "¢" in a Basic credential
        ("keyword_assignment", "WEBHOOK_SECRET=[[AOHt 4yv6 t NNWYwu4U8UMfdEps]]"),
        ("auth_header", "Authorization: Basic [[¢c3Zj01J4aEJLeTV1ck1CUw==]]"),
        # a Twilio SID whose "S" OCR read as "$" (not a shell variable), or with "K" doubled
        ("twilio_key", "Twilio sid\n[[$K353e601424120660a587e042ba6ff1f5]]\nCopy"),
        ("twilio_key", "here's the twilio sid: [[SkK85b5b9cab40cbhfcbabf31b7123f64378]] please rotate"),
        # the prefix fallback through a glyph read as "¢" or "?" (glued, or before a split)
        ("slack_token", "const slackAppToken =\n'[[xapp-1-AL7PA2GL2C4-5985918382336-2fab46efal928a5b3c46ff31945ec9691de3365"
                        "8¢24276d0efl\nef4f05bbe6848]]'.\nq"),
        ("slack_token", "slack_app_token:\n[[xapp-1-ADYEWBRB5SLE-9404205314824-3afffef? 1be1f8a9a6bbGadach763f79cd6197cf"
                        "7869af8falet\n1cd0b8f8776f]]\nq"),
        # a space read before the scheme's colon and in the password
        ("url_credentials", "DATABASE_URL=postgres ://app: [[Summer 2024x]]@db. internal :5432/app"),
        # an AWS key id glued to the word before it (a dropped space); "J" read as ")"
        ("aws_access_key", "WARN leaked credential[[ABIALEPEOR3ILRYKXQZZ]] in request body"),
        ("aws_access_key", "can you trywith[[AKIA4CWLCQA2KQYMROII]] instead?"),
        ("aws_access_key", "AWS access key [[ABIAJESF4CIEZ3)VI4YA]] Copy"),
        # a Discord token split five times; a glyph read as ")" or "]"; a doubled glyph in the id
        ("discord_token", "2 can you try with [[MjI2NjY3NZIZNDI4MjUxMj k4Mw. HkUqda. MZIXFit rceF63WfiuxyYis "
                          "JGAKS2m6cRUOhVOj]]} instead?"),
        ("discord_token", '"discord_token":\n"[[MzMxMTU40DY3Mzg4NDAONDU1Mw.lrucnk. WO2NpUAZn6)9yu6KzYES\n'
                          'N4lxlof66umAiKC4N1]]",'),
        ("discord_token", 'discord_token =\n"[[NjJMINTA3MTQ2MDA20Tc30TQXNA.JfVXT].-9kOaSSpwnc 1TZijPx4Y QIST\n'
                          'LwuVIA641za1zq]]"'),
        # a token wrapped at the bubble's edge (last part cut short), its second dot read as a space
        ("discord_token", "DISCORD_TOKEN=[[OTkxMjc2NzAwO TMZNDEOOTU2Ng.02ezx7 HJntoudMY gUcWB73Sb04Uz380\n"
                          "jw61pTRIhOMD]]\nBob"),
        ("discord_token", "leaked credential\n[[NDIZODAOMDU1ODMzNDYxNDkyMQ.xApDov.bOVvfXxrPqgOmUBkQW1-Y7\n"
                          "mTL3UebxYomHWQZm4l]] in request body"),
        # no context: a user id with "Q" read as "0" (two groups spoilt), or with a glyph doubled
        ("discord_token", "can you try with [[NTMwNzIzMDg2MDcyOTA20D05MA.Mb3X3w.XKMwaiokene2BWEyO4nKgR6987PCVYgr9t8qpO]] instead?"),
        ("discord_token", "can you try with [[NTMyMDM4NjES5NZYZNjgxNDg1MA.X2mhcd.Zw8AkWcAQmZiQ1RB4iDPSW3-gw8uqz-mOgGSg8]] instead?"),
        # "$" for "S" in the last part
        ("discord_token", "Discord bot token\n[[ODQ3MDQwODY SMDESOTQIMZMSNA. rD_uEI.hw6EPfNvb77u_Z__GToFCQ5-$97m3Z1j Q5nfi7]]\nCopy"),
        # an Azure AD secret with a glyph doubled before "Q~", or one or two added after it
        ("azure_ad_secret", "can you try with [[cpbW1Q~_UrrXsmGhORnad_Gi0XS8BSbOfvdSeAgGa]] instead?"),
        ("azure_ad_secret", "can you try with [[OBu3Q~MQ2LREZ81Lzd2eSAaMfSMRIZ-dOPOjx8Wf2]] instead?"),
        ("azure_ad_secret", "2 can you try with [[9Z85Q~NinBy1FawW2MhqvwardeqgsntbRgrO1RB1iv]] instead?"),
        # "$" for "S" and "@" for "0" inside a GitHub token (a glyph doubled too)
        ("github_token", "can you try with [[ghr_G7EYSpqZ82MSmnFm7$319jzC2xSbqkKyywdP]] instead?"),
        ("github_token", "Token [[gho_5411iuex@yxlLJ9kOgohqQYAPZwSngAexX9JtX]] Copy"),
        # an accented letter or "@" inside a token in prose
        ("high_entropy", "pasted the private token [[EIb6YctN85rcLyrObDJAAArxVupk8stbq2chPGCOnéIriAdu]] into the runner"),
        ("high_entropy", "Your new API key is shown once:\n[[oSNa@heJbG2UgZgsiaTPs7cYcv7wDjw81QtlvTmAkxSxc]]"),
        # "Q" for "0" in a hex key; "¥" and "{" inside a SendGrid body after a comma for its dot
        ("mailchimp_key", "here's the mailchimp key: [[b9ceQac9a7d5734b581173a67bf04d45-us19]] please rotate"),
        ("sendgrid_key", "sendgrid_api_key =\nAlice\n[[SG.0_80Q02VJvmrWyj5E1XBd2,Vz¥r952j{UBztWWKdp_BivaKiSMDftnBtULQDR7B2VB]]\nBob"),
        # a glyph read as "(" in the second wrapped line of a service-account key
        ("openai_key", "leaked credential\n[[sk-svcacct-sGOIzgwR6vCDCTZUX7PaWR-tnzEpyyatliZgmoJnYQBS6IISNXJWMozR5sUXq5P1IM8Y\n"
                       "Hc85r8T3BlbkFJm9LwBoyiUUgLigiggg64BtpQxJgZplig(Dm3VYEDHgQQEbOwhsTy7WaqkrnW mjkQ\n"
                       "dpFfIBgJDTK]] in request body"),
        # "@" and "}" in a Telegram body; a curly quote after a service account's key id
        ("telegram_token", "can you try with [[9354473369: AAEMQWTzL6-WQPri@CXJAUOWRhrGIrQbg}6]] instead?"),
        ("gcp_service_account", '“private_key_id": "[[d3a94e66cd26797de944ea7d1290ebefaalfaf0a]]’”,'),
        # "npm_" read as "nom_"; a bearer credential on the line after its scheme, a comma for a dot
        ("npm_token", "can you try with [[nom_TqLpgxuSFh6skDvoT 6eArzkNA4NjGKvSRn64]] instead?"),
        ("auth_header", "-H ‘Authorization: Bearer\n[[3MkmikAypAwq,.7IsWu9lqoZCfg.s69cpT6wA6fS]]' \\"),
        # three glyphs before a wrap, the token going on after it
        ("url_query_token", "https://api.example.com/v2/items?page=2&access_token=[[zl-fsndeaA4xKZhF 1BqwzxQtT 6E2Sq9W xxi\n"
                            "LN_nwSkp]] HTTPI1.1"),
        # "\\" read for an "I" in a JWT's header
        ("jwt", '“id_token":\n“[[eyJhbGciOiAIRVMyNTYiLCAidHIw\\joglkpXVCJ9.eyJzdWIiDiAIOTgXxODE2MDQzliwglmShbWUiOiAi\n'
                "QmBiLCAiaWFOljog MTYOODQLMDAyMXO.lyXCIULfLsqjEkaXnYddNuCpb37Ui3IVV1S1e0D6RizziH\n"
                'oWXOgR20zpvIC8w4aX9HQO49xCNV7iLGSTOHSLUF]]",'),
        # a glyph of the prefix or label read twice ("AIlza", "AccountKkey")
        ("gcp_api_key", "here's the API key: [[AIlzau-as4XH2xVxAXhfbwWT-vvNOmwZTH78KcCJKh]] please rotate"),
        ("azure_storage_key", "AccountName=idrdcdxilil;AccountKkey=[[G XtFdHgP3Gem2jOORoytNuD\n"
                              "Tah8MbAxhisubNyaukR 7PkKMSw7SHQy7 Nqh6QGA7wyAyNhloKkXxdsdNZZ+rQGW4==]];EndpointSuff\nix=core.windows.net"),
        # a storage key up to the ";" or the next setting: a "-", "£" or "]" in it, the label or
        # its "=" wrapped, the ";" lost
        ("azure_storage_key", "AccountName=zdtiodjsnq; AccountKey\n=[[ad6JVyUXkn7maxt+MT/21Bs8JyuTWDqQgvTPVUSR2gfUcc-+IRR/brK08\n"
                              "KFwXJKwoCEOyg6+562Uf91 btEv8xDC==]];EndpointSuffix=core.window"),
        ("azure_storage_key", "AccountName=ujowughzla;AccountKe\ny=[[DgaBuStf6ef£ZqjDNANyLVAIFXPPm6FO9BklaPvsjcrIDXzkdsnizm5]9jN\n"
                              "bfD8tLIF+1iKJsB1OWsseFHHOyZ==]];EndpointSuffix=core.windows.net"),
        ("azure_storage_key", "AccountName=nsiw] twtdc ;AccountKey=[[2mwcYvC7DxAOIP8ej]hJ ]7N30uGu8nFFmFp98FuPzt4xIgkOoxfoR/8G+RShVzQyL "
                              "rgpLWhgMbTx+bxHf8207T 1==]]; EndpointSuf fix=core.windows .net"),
        ("azure_storage_key", "AccountName=srtxhtejxaAccountkey=[[JMqm/aCCs8vJpJuKZ7tgdGe\n"
                              "fdiaSfSszilt9RdQAVCGD72LVSMIKFoV+RIMMSxGFM+710Ibj/oqEitGgRwVpZi==]]EndpointSuffix=c"),
        # codes OCR joined with "_", one after a dash, one ending in "?" for "7", one opening on "]"
        ("recovery_codes", "Your recovery codes\n[[8jnbi-70def]] —[[hlgdt-diqn?]]\n[[p2ubi-zdr9a]]_[[fq7op-kfcid]]\n"
                           "[[yys3g-]t7wx]] [[yt48r-3q1nm]]\nDownload Print"),
        # a "W" read as "W/" in a key id; a Vault token without its dot, or cut into glyphs and pairs
        ("aws_access_key", 'aws_access_key_id = “[[ABIAQGB3DUW/SYVM4UJ3]]"'),
        ("vault_token", "can you try with\n[[hvsjXBJtsitLJPsDs5nDY DfXW3-7-nilycy6M39AtPF10WGBbcWdlmS0cNTILfDrySD3VSnOarEwSKqV\n"
                        "jTWARNNipmgLT]] instead?"),
        ("vault_token", "2 here's the vault token: [[hvs.nkSj0iqCBHR1fgCSs -xoPneXbBOQP - -D1iitBq08IDzj j Ej 1ei "
                        "lepswwWRUb- a414VBIPrFQ-Z8vZ0BG7Q_-n_ORy7Yh]] please rotate after the demo"),
        # a PyPI body with "/" for "7" and "}" for "J"; an editor's wrapped line opening on a short piece
        ("pypi_token", "const pypiloken =\n‘[[pypi-AgEIlcHIlwaS5vemcTgq/ZbBrzfOjxXBeLuEF9iwXz-OmL7EYIIPdXSkUO\n"
                       "XXJ6I5u5HeJaokRK6T_r_sl_2vgMG6_wkXh5dbwWybgEUCIODC_xd5Qi8}f\nZIHYAUc9CSgMOa-h9RG74tv5_2DHABb2/9SIIBMrlZPZMDfrri]]';"),
        ("pypi_token", "2 Pypi token\n3 [[pypi-AgEIcHlwaSSvemchIBy -DDwICuvL6CEwnigZLi-260JOBT1cxPLISNpL_A1k8ttQLQ77BOEd- "
                       "qF3g6zzQNQc18egNWCgqFCC34hzBK90E1aB5aityH-4SsyMfqdOgNYqnjWyS\n4 dr -bMRUN6TYQ4W6r EYPHKBjzIurHuONH]]"),
        # a JWT signature split at a "j" read as ";", wrapped; a payload whose "J" was lost
        ("jwt", "WARN leaked credential\n3 [[eyJhbGci OiAAULMyNTY iLCAidHLWIj ogIkpXVCJ9.. eyJ zdW1i0i AiMz203MjMyMDYwIiwgImShbiUi0iAi"
                "QmBiLCAialiFOIjogMTCONTcxNjA3MHO. ry6LIBKWOV6IbTWSXtj vFOPE1; FwK_3ABz1hSFelukFDtQTvawMDmbnL3feyLM9\n"
                "8K_BA73mvSKzAuzikyh2UMX]] in request body"),
        ("jwt", "[[eyJhbGcL01ALULMyNTYLLCAidHLw1j ogIkpXVCJ9. eyzdWILOLAINZYONDMyNjI1IiwgImShbedUi01A1Qm8iLCALaviFOjogMTYwMjY3NTQwNnO . "
                "95Z01ACzJa3eP6ZkKB7nploE7twnrJSkNuEppb6TEIpp]]"),
        # "=" read as a dash before an unquoted password; "passwd" read as "nasswd"
        ("password_assignment", "password — [[mOnkeyBusiness]]"),
        ("password_assignment", '  “nasswd": "[[dragon_fly_88]]",'),
        # a legacy key above a prose word ("instead?" is no wrapped tail); "&" read for "8"
        ("openai_key", "can you try with\n[[sk-z]7sopYGQQHPJHZQDF2Z4T3BIbkF|Q40FcEReoMOx94iWOQOG]]\ninstead?"),
        ("openai_key", '2 openai_api_key =\n3 "[[Sk-proj-pn&tXyMQYUDd2Pe4V JSNjdR_nckC8ZB81_Y6YF4digyuobOQQPqyDSIKHY3UaXOtUCo 7061 '
                       "pxXxT3B1bkF J4v80_jt5YM_RQaJQ-JzfmhQI--91J66GZDW28-MOn4emFJ\n4 uvY-FRseOX719SQR1gIo6CdPw3t]]\""),
        # "@" for "0" in a SendGrid body; "¢" in a generic token; "!" for the ":" before a password
        ("sendgrid_key", "can you try with [[SG.RnZ-_@OVRY_fS7tLeCIyOC.DILqVowFzWr9LIr8mvXUxThwZRN1GOMXL4I5sZTQr2S]] instead?"),
        ("high_entropy", "pasted the private token [[AQYELCSBKr21lvse7LOSMqDHa2UPB2cLe¢jG]] into the runner"),
        ("url_credentials", "redis://default![[Nbo7 QyJw8jhKlbaZ]]@cache.example.com:6379/0"),
        # long keys cut into many pieces, some lower-case runs that pass for words ("dwrfj", "gj"),
        # one opening on "]", the last vowel-less one ending the wrapped line ("jqcw")
        ("openai_key", "3 [[sk-svcacct-R1Ts9 -N3 - 05 JUVzbhEk3y f v4 cpBaRInAfNLHMLULR9OBigwd rfhUyKa93d1yluArBYJPAHN7tNT3BLbkFIxD4bmfmoF_4j "
                       "cQkbSVyxxj dwrfj B-vvALaXcadx0Yg_CIKzPsyrTLyiGizxamdn3NplphvzwbR]]"),
        ("openai_key", "2 OPENAI_API_KEY=[[sk- proj -Sbdt4BrQ0q0i12XqCa3T4cHq lLYXvU2COhRSXnnKLHMV s Qy yFVVgi 03 ]H4HHRKXBZKhS gYON3PdT "
                       "3BL bkF JgNsXG6EKmAc4n9ghEOibPsHz fViTCGLANY gj LNOOocG1YKC2yUQVsKp7 raYIkXEuTSgyc9yw]]\n3"),
        ("openai_key", "[[sk-proj-_68CWDFBtHY-auPjI5vd6UaNhx12rm_GZdwndZugMEEe1pNUFGaeLwX46Bj Ot 4Tgtr tOLVFTtGT3B1bkFIQF J11gT3nUP1_"
                       "VjzaS5nvom19soYaUsCzAyNuat8VZ_daTan941ADCTryAVJm30DJ\n7Fudej jqcw]]"),
        # a JWT wrapped at the dot before its signature, the dot lost
        ("jwt", 'ID_TOKEN="[[eyJhbGciOiAiUIMyNTYILCAidHIwljoglkpXVCJ9.ey}zdWIiOiAIN\nDg4NDEyNjk3liwglm5hbWUiOIAIQW5hliwglmIhdCl6IDE3MjYZODQ3NjN9\n'
                '-qO6c8rvwRn018-GRQ3NIiKhbagS4yDnFrflv6FTeDXzB]]"'),
        # "/" and "\\" inside a Discord token's last part
        ("discord_token", "here's the discord bot token:\n[[ODY1MDM2ODAxOTEOMjI5MzQ5OA.wtDStb.Gayehe30HW9V2wV/p9d2iPD2n3LapNul04Mpa\\s]]\n"
                          "please rotate"),
        # "!" inside a code; a code a glyph longer than the others, without a digit
        ("recovery_codes", "2FA recovery codes:\n[[4qyd7-kxlug]] [[z1cv5-dod24]]\n[[oigp!I-w31bz]] [[4wn9x-prxzq]]"),
        ("recovery_codes", "Backup codes (keep them safe)\n[[4he19-rjmhj]] [[3wzid-xrs3g]]\n[[fspt6-cjcly]] [[jmagqr-ik]ji]]"),
        # the key's last glyph alone at the next line's start; a last piece with "¥" ending the
        # line; a wrapped rest before a closing quote; "/" for "l" inside a project key
        ("openai_key", "can you try with\n[[sk-proj-ECsC5bfS3mStxyle2-LXn7RizpdYBK3G 06LJ8IWKbUvWVOPV5nB820k70-Me8uxeVVW_Gif\n"
                       "yT3BIbkF JIgZD-OYIA3nLv6d3d9Hmpyyfr5TMUSBKn-D2G1XJcXnL7fOP_8ivyF7MLczz-4EFnj8z7s-_O\n3]] instead?"),
        ("openai_key", "3 OPENAI_API_KEY=[[sk- proj -eFCnbmqg521nGSOE8CR3HwOHngxREmNU_3jKeN-elq7Vn7 gE3YoBS)cCO95N0d4z63IsDLZEh7T3BLbkFJ"
                       "AybgZ-UeyJHBxJXLQC1 LUXEInmxqlMsACuafzh -auErvA9nI_HFwMI1009uQ7Ag-zDs r¥q]]"),
        ("openai_key", 'OPENAI API_KEY="[[sk-svcacct-6kdNKNIIQZkt]PbMmkUydJpMIHN y9n9iOy\niRDXbWWR4FLnBMn 7A48ic3Ranb--utN6H5H8w-7 '
                       "DT3BIbkFjz5z8fZIxzJu\nBIlOXp3P9wccrPxoRHswYl7fDdbc_AJ7ntPZXef-5dfCrFOkmrr2f9gS6grJKR\nDs]]\""),
        ("openai_key", "here's the OpenAl key:\n[[sk-svcacct-bWHKi0Js9_N4IQ9ZQXSqSNXXENRsoJtO3__5/lYpsgdKd8BqRU-hEeNhrJSxZbt-bTzXS7\n"
                       "VqRAT 3BIbkFJDu6EneC8cneNcJZxtGBysTfg2ph_XjmEEUbritdot0POePD25!_znH6HA9ezPZHEkmT\nSPtNJEv]] please rotate"),
        # JWT parts with "®", "/" or "(" for a glyph; a signature piece that reads as a flag ("-o")
        ("jwt", '3 "[[eyJhbGciOiAiSFMyNTYiLCAidHlw1j ogl kpXVCJ9 . eyJIZdWILOIAIN] UyNZES3NZciLCAibmF tZSI6 IC JBbmELLCAiaWFOIjogMTcyMTkK5Nj '
                "Ewln®. CUaozuTufNJpFivzs7PaTK8f\n4 FH4n10-vmSLY46q4yPb]]\","),
        ("jwt", "“[[eyJhbGci0iAiRVMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWILOLAIMTY 3NDIxMj QzTiwg ImShbWULOLALOWSh TiwgImlhdC 16IDESNDE4MDE30Dh9. "
                '4joW/ZZ-KKOB-b_HpwjXxcZOobfe1A5i- uUxvlL1LFOFZkKSRrxxBlAgFJIQ-LDV\n6xDT-XObnXzQwA_kN8vyP5G4A]]",'),
        ("jwt", "“[[eyJhbGciOiAIUIMyNTYiLCAidHlwljoglkpXVCJ9.eyJzdWiiOiAIMZk2NTEWNTYiLCAibmFtZSI6ICJCby!\n"
                'sICJpYXQIOIAXNZUSNTENDIS(Q.aGaq5ZUfBIOsIZTKZINWW3Vyp1.JyNSSKOVGHt3Y2Nvd5R201-s\nRimxZ1liLCoOonqzmjSTgT9dIWSPBIjQcKutD]]",'),
        ("jwt", "3 [[eyJhbGci0iALRVMyNTYALCAidH1wI joglkpXVCJ9. eyJZdWILOLALNZY XODKxMDQ3I iwgImS5hbWUi0iAiQm8iLCAiaWFOLj ogMTcSNTE2NTgyOXO . "
                "Br -o 7Kr hYAwNuW5Ft 9vegh4sk\n4 CGr9dVLCVitsRxE51p]] please rotate after the demo"),
        # a Discord token split into pieces that read as caps ("AWNTY"), one with a stray "'"
        ("discord_token", "Discord bot token\n[[MTA50TQ2MDY2Mj AWNTY ONZY4NA . 1g7NKS. V9UOAhr JObYHXSX31YMRzhu- FTLWnkavNqRNs3]]"),
        ("discord_token", '$ export DISCORD_TOKEN="[[NDcOMjExOTQONzMw\'zg10DQ50A.Rqcudt .9vZ3M_CO49a6UEnuoiyJ_NYbijabTL2A2HHzhK]]"'),
        # a code group opening on "|" or holding "/"
        ("recovery_codes", "Backup codes (keep them safe)\n[[um9yr-mtvnb]] [[kpm5y-sjt75]]\n[[c3hmn-|xkif]] [[xwg5/7-80wvq]]"),
        # PyPI: an accented letter, a stray "'", a short flag-like piece, a five-letter stretch
        ("pypi_token", "const pypiToken =\n* [[pypi-AgEIcHlwaSSvemclHBr94H_V2qYQSRXia0M2vFhCm-zé6bGhOr -vUEIW1gSg4JPcPCrSNAXvTapB8Y "
                       "vPm0GOU174E2GukQZHFSSOE0J7IL8j oLbDCRiGSCVVgwLaws45IP5066KAKII7S3ECMAQYOaxVZbETfeGAqv8okB]]' ;"),
        ("pypi_token", '3 PYPI_TOKEN="[[pypi-AgEIcHlwaSSvcmcPyDeORPdx9k1cmOKp2V\'sxqKAmHtj RVI07 zDQq0YwSx-eIBCnb_faIeHTMhS_dnc_RDKW3w-'
                       'NbQs -ZsNzfeT48nCFKXMQSYB7PFyAuwKA2yCzIYvxj80CIJTrmZzoCK_Nq04w01v20j OVRRZCP\n8/1360]]"'),
        ("pypi_token", "3 *[[pypi-AgEIcHlwaS5veme -XawBHR5_3U77 75 rar zm6DQUEHAOWK jQs1IQ3p51.q3VaxXvx9JI7WVjRbff LAtADBt XVHA4Oua_QAvuzP "
                       "-pvj -_WpZKIn0J91JxTRlo2I30UCSh4VIbYX31\n4 -f sYKpC6WESqnyLt iMBYXpWEDW6rmsQuvv]]' ;"),
        ("pypi_token", '3 "[[pypi-AgEIcHlwaS5vcmc2makCpJIPcBmcRv JAUUGGbk5yEx3bEc5Tdd77smVSj Crvjf-sNu29nL_eJwa2usmX7rnaSPP '
                       "jXCeuxX5a3Qdt Z4E0CL4gwJ Efwij UktCI6kdOtEQk1Xt2M\n4 I8r_s4DrwrbhXLkJEqqCVNfb3X3_SFcge]]' ;"),
        # a header credential whose digits OCR read as letters; one wrapped before its closing quote
        ("auth_header", "Authorization: Bearer [[DKaFwBc. YLOYrTKrYf_.Q.kylzzwUBss]]\napp: py"),
        ("auth_header", "headers = {‘Authorization’: ‘Bearer\n[[CiNQrcMoQuhERoZsKBHiXhsWcBYtGyNUmePX6DGV03B3Q8EAw74_Keft\nam]]'}"),
        # "usS" for "us5"; "vI" for "W" and "ASITA" for "ASIA"; "%" inside a GitHub token
        ("mailchimp_key", "here's the mailchimp key: [[fef264e669aa267b57ec79386ab879e8-usS]] please rotate"),
        ("aws_access_key", "WARN leaked credential [[ACCAXvI2SPSUPDSCGJKMS]] in request body"),
        ("aws_access_key", '$ export AWS_ACCESS_KEY_ID="[[ASITAMTAXSQZJDHCAHQR3]]"'),
        ("github_token", "can you try with [[ghp_mfgccvEW853MJr1Yn0U02g024%P8Cs4wnPW]] instead?"),
        # "=" read as a dash before a random secret; a hex piece that spells no word ("eadbf")
        ("keyword_assignment", "webhook_secret — [[oSVO7ydPEebBxttY]]"),
        ("twilio_key", "Twilio sid [[ACcf69b8ef256fd6c5a0 70f0ec421 eadbf]] Copy"),
        # four X in a row inside a long random key are chance, not a mask
        ("anthropic_key", '  "anthropic_api_key": "[[sk-ant-api03-Hm-GRZ70ZBIy72M7sQ1Zt862r htWnCPXLAggg3Z30y_W1Zayx9X9hYAvpCUdX6j '
                          'M5rBxjpYFVYXj H_2eP9YRXXXXIMX85AA]]",'),
        # "é" for "6" and "i" for "1" in a Twilio SID; "ich" for "1cb" in a Mailchimp key
        ("twilio_key", "Twilio sid\n[[AC0a2b6362d5e6e8b97 3a8594435fdaé657]]"),
        ("twilio_key", "here's the twilio sid: [[ACf6086404848e50eef66aca4c78idief8]] please rotate"),
        ("mailchimp_key", "here's the mailchimp key: [[bfe6facich0521da7ed9e2efb16d3842-us16]] please rotate"),
        # a curly quote for a glyph inside an unquoted password; ":=" read as "‘="
        ("password_assignment", "2 DB_PASSWORD=[[mOnkeyBus‘iness]]"),
        ("password_assignment", "passwd ‘= “[[qazWSxX123!]]\""),
        # code groups OCR made seven glyphs long
        ("recovery_codes", "Backup codes (keep them safe)\n[[axwh4 -w9abc]]\n[[pwWjWwo-wxjz7]]\n[[kgtn6-xx01q]] [[wfigwij-kfet7]]"),
        # a quoted token runs to its closing quote, over a word-like piece and a wrap
        ("pypi_token", "pypi_token =\n“[[pypi-AgElcHlwaSSvemchoOxmR2gjL7cVh1tEf4XyN7bUgB6sWmf44S20-0dfiAR2zJt7-HOSEyeLttHm7\n"
                       "Zcbuw3pceLTYD-BpQZXTIMKS5IOgLDNHCOGPIKbQVtSY Pz48qRQw4sitFScySaBjV07JLsY8-j4 Tifef\nKRTqo3hgRn]]\"\nAlice"),
        # a dot OCR put inside a JWT's header; "?" for "7" in a key id; a rest with "é" above END
        ("jwt", "id_token =\n[[eyJhbGciOiAIRVMyNTYiLCAidHljogl kpXVC.J9.eyJzaWIiOiAIMjU3OTQzNjI3lingimShbWUIOIAIQW\n"
                "ShliwglmihdCI6 IDE2NzI3NjcyODZ9.SBd6BBiz1ESDuodn0OjkHot6px9WoHJOXpexiG1ZEGy1NoA_LE\n"
                "s6DnKH6Fj4B-9b5DKIE8sgm8zClz3cgNeLML]]\nAlice"),
        ("gcp_service_account", '“private_key_id": "[[43cbcd3ce5fedef? 2f8588aca4fd80588af0656c]]",'),
        ("private_key", "[[-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAAIJPNS3 Ov 7bkpcjR/iZ5zTIKDFN+WLYFQNX8\n"
                        "9EcmVcxp12VILHm6cklwjrC+FI6sECI9HpWFJFZw2Po49rRRyEAmgeKIxG\n7D2j0tzWOjéd\n-----END OPENSSH PRIVATE KEY-----]]"),
        # a URL signature split around a lone dash; a code value whose "W" OCR read as '"i'
        ("url_query_token", "https://storage.example.net/bucket/file. pdf?se=2025-01-01&sp=r &sig=[[521E7 22p- - Laqhb j5AInE_vS8vRqO0sZkK2]]"),
        ("url_query_token", 'redirect: https://app.example.com/cal lback?code=[["inigZjq3S95VLS3X0rn70]]&s tate=xyz'),
        # brackets for "J" in an Azure AD or AWS secret; "vi" for "W" in a key id
        ("azure_ad_secret", "can you try with [[4Ks7Q~pi8. vGCzr73YH11Sv~B1h69q)kP4mHkCfA]] instead?"),
        ("aws_secret_key", "2 $ export AWS SECRET_ACCESS KEY=[[0jKsNeZsYC/ayV9COdtu00pH4EZTH)OMTqi0qGi0]]"),
        ("aws_access_key", "$ export AWS ACCESS KEY_ID=[[ACCAEIPUY 2viQETG222BF]]"),
        # a Discord user id with two glyphs doubled, no context; a JWT line opening on "{"
        ("discord_token", "can you try with [[NDISNDkK3MTYONTE3NDQ2NTcCxOA.PynUsd. SgsAlpUstMOH_uLpoVkvWZqwOYDFiaYPqCDdnn]] instead?"),
        ("jwt", "ID_TOKEN=[[eyJhbGciOiAiSFMyNTYiLCAidHiwljoglkpXVCJ9.eyJzdWIi0iAIODUOMjM3ODgiLCAibmF\n"
                "{ZSI6ICJBbmEIL CAiaWFOljogMTeyOTgxNjk2M30.wiS9ZfOabQkIhZFIPYqVqwkp7MbUNIMZ9PTGP2\nDoPC6]]\nAlice"),
        # a code's "j" read as ")" and a space: the code before it does not take its first glyph
        ("recovery_codes", "Your recovery codes\n[[pzjOd-2yqhi]] [[c5qz6-qq9sh]]\n[[y7q9m-5910u]] [[x) xdt-fexgd]]\n[[zkuhz-fx86g]]"),
        # a Telegram body split after a run of capitals ("AAIHL" is no word of prose)
        ("telegram_token", "2 telegran_bot_token = [[8009236839: AAIHL cpynkYYBPXOMXRnwit IwtU700gxhl0]]"),
        ("telegram_token", "2 here's the bot token: [[4581277920: AASEZIY JZgFuSB8P5AX8HF kKIZnSRXmvCFrZ]] please rotate"),
        # a Discord user id three glyphs long, or "#" in the last part
        ("discord_token", "Discord bot token\n[[ODAZNTMzZNDY wWMDEXxMTY3NjEwOQ.5-ES03.uCFKr2Syl8KvPWInYWWw-T\n9P-4mmzoAdpkY2Qo]] Copy"),
        ("discord_token", '$ export DISCORD_TOKEN="[[MTg2NjY2NjUQODYw\'jAlMzg3Ng.-OHAZS.HTmOEJeUPKG]l7#ThhPuPtZrRjcRxh6qeYEwFP]]"'),
        # "¢" and "€" in Twilio SIDs; "/" glued inside a wrapped service-account key
        ("twilio_key", "Twilio sid\n[[SK94326af 2afabOadcaacSec95dc¢310632]]"),
        ("twilio_key", "Twilio sid\n[[AC70€2484827a16bf632847ee098ea743d]]"),
        ("openai_key", "Opendl key\n[[sk-svcacct-edkrYmszeakc8M3JYVbSTgexeivkPijqtaEBwCyBwcRpPDv1scinHQG2ntbXIZeONpb7kgs\n"
                       "un4ST3BlbkFJHpOVLcKMiTPQFV6GUP&xXbGKW/5DioZ3dPQt-e9Q3evavigd_16rR9ItPdOyvOsJUMg\nvaj29Ft]] Copy"),
        # a password OCR split before its digits, the rest running to the line's end
        ("password_assignment", "2 smtp_password = [[Summer 2024!]]"),
        ("password_assignment", "DB_PASSWORD: [[Summer 2024!]]\nnext"),
        # a passphrase OCR split before a dash or after one; a key's closing quote read as "!"
        ("password_assignment", "2 PGPASSWORD=[[correct -horse-battery-staple]]"),
        ("password_assignment", "PASSWORD=[[correct -horse-battery- staple]]"),
        ("password_assignment", "‘passwd! => ‘[[qazWSX123!]]',"),
        # a key's closing quote read as ":" at the end of the wrapped last line; a lone dash before a wrap
        ("pypi_token", "const pypiToken =\n‘[[pypi-AgElcHlwaS5vemcAu-xzwqVRcW4wUcAYHudPZIB-FisBRIyW7yTDsF7ohJaY5zTIB27e5BDTk5\n"
                       "sctO3QiEb-ahkHE1cH1xbGA9TEuGuGq9mPiVSXY_ISJD3i3ppS3rD1w44U3SYie-7mYjCKFIDIQSStL\nO340qVWJpecF]]:\nAlice"),
        ("pypi_token", "2 PYPI_TOKEN=[[pypi-AgEIcHLwaSSvomcNayFwMwckfMtp3T4gA8l - ZHeur rRxGZJ30QmyNXZ4mhHaxE LLOk4VdoQg5 15vXIj "
                       "hNC38XLDele8e611c9ag606J OGqp9b-Zyj rseY] 8gevl_XGVpASzSumJ8QrulWlbDyvhOAasS_pv0SEmg -\nachRN]]"),
        # a Telegram bot id with a digit added, an accented letter in the body
        ("telegram_token", "WARN leaked credential [[51631032641:AAyHtUSQX40JhCDJaTZBUcN4ovqfSGIqqy9]] in request body"),
        ("telegram_token", "WARN leaked credential [[3280092849:AAB_UIvfrémzmuhbaBUk19zsqXNUMDoP391]] in request body"),
        # a Discord middle part that lost a glyph; an Anthropic key with the next word glued to it
        ("discord_token", "2 can you try with [[MZUOODA3NDM3Nzc1Nzk10TYSMg.Yisew.iNcOLYSDUASZRZQCctwtbKTMZ8UUCyocMFREL_]] instead?"),
        ("anthropic_key", "can you try with\n[[sk-ant-api03-8kibkaWXeVUmFUZkqlLhdGCFJDURqc-1pradHqnFY-CE8XKvsBj0_KaER2B6Y_ZMI26\n"
                          "WMSskdzC3G61QzHHbdK5Weevw_gAA]]instead?"),
        # a glyph of a wrapped key read as ":" inside a long mixed run ("uwkF:1BQTIUZj78")
        ("openai_key", "const openaiApiKey =\n‘[[sk-svcacct-AvOFXlagGKiBpxdjJXuZ9VGY__aGO9_17iwVb84TeLjULwi2k9dDtYP7ZFOk964KteYtoby\n"
                       "_CT3BIbkFJuwkF:1BQTIUZj78OHICL1tZKRAWwiBWrbWx6KT40-Q4frTiMveh_7k_N9JJ¥csPo2UxrQ\nOFdXw]];"),
        # a closing bracket for a "J" inside a piece of a split key
        ("azure_storage_key", "AccountName=abc;AccountKey=[[GXF L LHfDhNFoH9dFeth+DNDq8upGis sKpvXfX9a4034vRtRNsdf eq) "
                              "UPUSFAVbCovigg rdKMBUjVX8EnvC+0wOG==]]; EndpointSuffix=core.windows.net"),
        ("high_entropy", "pasted the private token [[nczXkMDMNdwV 9nHUotpgrk ra8N5 TWwdOOvmh6UFnEsm]] into the runner"),
    ],
)
def test_ocr_split_values_are_found_whole(name: str, marked: str) -> None:
    text, spans = _parse(marked)
    found = [(m.start, m.end) for m in DETECTORS[name].find(text)]
    for a, b in spans:
        assert any(s <= a and b <= e for s, e in found), (text[a:b], [text[s:e] for s, e in found])


_OPENAI_A = "sk-svcacct-s6wxQ_R_GrSOsutsHEInfap62TtqVKbnKIHrsFintamVC49Qo0"
_OPENAI_B = "8v1bJL438nW9e0AZyIJUdFLFsT3BLbkFIG]JucneQZkPA-BtVOR4chOcW9UppoykKr-9hquwEkhqYufiMTDanFOoA03A4U9LKOYM}_uI7b-o"


@pytest.mark.parametrize(
    "marked",
    [
        # a "j" read as "]" with no space around it: the rest is glued to the token
        f"can you try with [[{_OPENAI_A}]{_OPENAI_B}]] instead?",
        # an editor wrapped the key: more pieces than the fragment limit, then the line number and
        # a piece that reads like a CLI flag ("-bjqj") on the next line
        "2 OPENAT_API_KEY=[[sk -svcacct -5v0a5YX- Ec kwKyTOGHFIO65ANmD3COVvXj DTHMXnf hv3UHF5 pvd uHWLLw6 ke6bGVY6ET "
        "Tr iiHMdT3B1bkFJq_OkRSt 1_ODsRWGaOULkKAxiZgBgDYV\n3 9DvsKuH17 0gimlUVVOcOeZdAMDo2p -bjqj rC9b94K5-C]]\n4\ndone",
        # the line number alone on its line between the wrapped pieces
        "openai_api_key:\n3 [[sk-proj -U_m23-UV7GfbRoLdWw8-FKb3Uc tiADKz4dL1N1zkG9NfS8Eso5YeYYRIMBLeKw4zcYK_lUtmnJT3B1bk"
        "FJTNr9H4xj MK10_XUjJNW836t JEr tcBE5 JCEJEDQxFgAsnF4jVF\n4\nLggJLaJWj0C-EOsScj2INE2Snn]]\n5\ndone in 1.2s",
        # a wrapped tail with no digit and no inner capital
        "openai_api_key —\n[[sk-proj-wsQ3XK0502TSNVUXwN1jUSFW1Rr- tFoqcdvYzp1_FgBmAUFGa1HQDtRkIgJTa6apFoRL9XOndNT3B1bkFJv"
        "9f7gxA214mFUYWk1zhGU53Q4- OLCri€7cySAHIWULrPqJL_C2xsfiwgMo4Ky-R9\nPledvagt_]]\ndone in 1.2s",
    ],
)
def test_a_fixed_size_key_cut_short_by_ocr_is_completed(marked: str) -> None:
    text, ((a, b),) = _parse(marked)
    found = [(m.start, m.end) for m in DETECTORS["openai_key"].find(text)]
    assert any(s <= a and b <= e for s, e in found), [text[s:e] for s, e in found]


def test_completion_stops_at_words_and_needs_the_whole_length() -> None:
    # a complete key takes nothing after it; a short one does not take a word to reach its length
    key = "sk-proj-" + "aB3" * 52
    text = f"OPENAI_API_KEY={key}\nreview later"
    assert [text[m.start : m.end] for m in DETECTORS["openai_key"].find(text)] == [key]
    short = key[:-12]
    text = f"OPENAI_API_KEY={short}\nrotate thisweek"
    assert [text[m.start : m.end] for m in DETECTORS["openai_key"].find(text)] == [short]


def test_hyphenated_words_and_questions_under_a_codes_heading_are_not_codes() -> None:
    text = ("Your recovery codes are below. Lost them?\nwell-known issue: see state-of-the-art work\n"
            "ab12c-d3f4g\nclick sign-in or log-out\nk9x2m-77qwe\nDownload")
    found = [text[m.start : m.end] for m in DETECTORS["recovery_codes"].find(text)]
    assert found == ["ab12c-d3f4g", "k9x2m-77qwe"]


def test_an_aws_prefix_inside_an_upper_case_or_numbered_word_is_not_glued() -> None:
    for text in ("XAKIAIOSFODNN7EXAMPLE2", "9AKIAIOSFODNN7EXAMPLE2", "my_AKIAIOSFODNN7EXAMPLE2"):
        assert list(DETECTORS["aws_access_key"].find(text)) == [], text


def test_a_token_extension_stops_at_a_sentence_and_a_word_after_a_wrap() -> None:
    from redact.text._ocr import extend_fragments

    text = "token ghp_a1B2c3D4e5F6g7H8 done.\nNext"
    end = text.index("H8") + 2
    assert extend_fragments(text, end) == end
    text = "token ghp_a1B2c3D4e5F6g7H8 ok\nThanks a lot"
    assert extend_fragments(text, end) == end
    text = "token ghp_a1B2c3D4e5F6g7H8\n4\ndone in 1.2s"  # a line number, then no token
    assert extend_fragments(text, end, max_wraps=4) == end


def test_empty_quoted_passwords_and_a_t_assignment_in_prose_are_not_passwords() -> None:
    for text in ('password = "" # not set', "password = “”", "password: ''", "the password t=5 seconds"):
        assert list(DETECTORS["password_assignment"].find(text)) == [], text


def test_a_wrapped_assignment_takes_only_a_quoted_value() -> None:
    text = "DB_PASSWORD=\nDB_HOST=localhost\nSECRET_KEY =\nrotate-me-later"
    assert [(d.name, f) for d in DETECTORS.values() for f in d.find(text)] == []


def test_a_short_value_followed_by_words_is_not_extended_into_a_secret() -> None:
    for text in ("API_KEY=ab12 is set", "SECRET_KEY=Xy7 see docs", "TOKEN=abc1 and more text"):
        assert list(DETECTORS["keyword_assignment"].find(text)) == [], text


def test_shell_variables_stay_placeholders() -> None:
    for text in ("TWILIO_API_KEY=$TWILIO_API_KEY_2024", "token: $GITHUB_TOKEN", "key=$SK_LIVE_KEY"):
        assert [(d.name, f) for d in DETECTORS.values() for f in d.find(text)] == [], text


def test_a_query_name_wrapped_before_a_word_is_not_a_token() -> None:
    assert list(DETECTORS["url_query_token"].find("open https://example.com/?code=\nDownloads folder")) == []
    assert list(DETECTORS["url_query_token"].find("https://example.com/a?page=2&sort=\nnewest&x=1")) == []


def test_a_split_password_line_of_plain_words_is_not_a_password() -> None:
    assert list(DETECTORS["visible_password"].find("Password\nForgot password?\nSign in")) == []
    assert list(DETECTORS["visible_password"].find("Password\nSign in now")) == []


def test_more_ocr_damage_found_whole() -> None:
    # 'S/28+4sF' inside a key is not 'HTTP/1.1'; an editor's line number before the wrapped rest
    text = ("Account Key=CWCC0JLUaeF Dg 3Ccpm1aXCzvgMct+ 2EsOF0A7 pr 1u0P+s+Tu3D7 S/28+4sF 9R5SSRrQoIPvz6PH\n"
            "3 YsAFXFY dYcuwn==; EndpointSuffix=core.windows.net")
    (m,) = DETECTORS["azure_storage_key"].find(text)
    assert text[m.start : m.end].endswith("dYcuwn==")
    # a Discord user id whose base64 lost the case of look-alike letters and read 5 as S
    text = "can you try with NTI2NZAZNDYZMTMxMTKSNDISMw.AJJ6uF.Ac9TZ4XNyICiuDWIkNGhQIWtVmnDUpc-VqtgOS instead?"
    assert len(list(DETECTORS["discord_token"].find(text))) == 1
    # a token under its sentence, a bubble tail's stray glyph between them
    text = 'Your new API key is shown once:\n"\nySA9UPrb5 POSwqLa589qmLN5CYwFosrxbZDiu50XYVe\nthanks'
    (m,) = DETECTORS["high_entropy"].find(text)
    assert text[m.start : m.end] == "ySA9UPrb5 POSwqLa589qmLN5CYwFosrxbZDiu50XYVe"


def test_private_key_rests_with_a_dash_or_no_digit_and_body_lines_with_one_digit() -> None:
    from redact.text.secrets.private_key import PrivateKeyDetector

    # up from END: a wrapped rest that does not look random ("Hjlm"), one with a dash ("we-+xfs")
    for rest in ("Hjlm", "we-+xfs"):
        text = (f"# support\nfrDf6+27GkXaaxJII1RpwdZTGe 1AfZ2 W£ff53PgqKrcqOssoOWTJ5hZg8SP\n{rest}\n"
                "7PXbhHKDE|jiW6OFPyoOCWNWQcRxvJA90C9a47jelh|C3lwJODu4RYnAdDI6}\nepdHV\n-----END RSA PRIVATE KEY-----\nAlice")
        (m,) = PrivateKeyDetector().find(text)
        assert text[m.start : m.end].startswith("frDf6")
    # no marker: after the run's first line, a body line with a single digit goes on with it
    bare = ("$ cat ~/.ssh/id_rsa\ngKtpK8Rn9yB7kEWy/7cb6/MAQWHmMzIZBReSEz3xRCYv290NsrHHWbC\n95hJ+BLd5\n"
            "h2y70Kb/T6los 1NA32eV2SCuSoxhrEY2Xquy3nPlrY2zfFcYYNC/ItAhTClwk\nATX\n"
            "IYVslAxwkQDWNcxilOkmHITUHcjXYLqUcORcYX]WSDKSB/wzB1+xNAwiz\nHRY4SDA\n"
            "9g3FkeQpWtC4RKOyUdBW57uTRxFVooUrxm6CkV9zfUEmMW+BMW5w6F\nVuwplskQRQ3\nAlice Martin")
    (m,) = PrivateKeyDetector().find(bare)
    assert bare[m.start : m.end].endswith("VuwplskQRQ3")


@pytest.mark.parametrize(
    ("name", "marked"),
    [
        # three glyphs at a line's end carry a token over the wrap; a short word of prose does not
        ("url_query_token", "https://api.example.com/cb?access_token=[[zl-fsndeaA4xKZhF1BqwzxQtT6E2Sq9W]] for\nLN_nwSkp2Q7 docs"),
        # an "&" before a query parameter's name ends the value
        ("url_query_token", "https://x.example.com/cb?access_token=[[abcDEF123ghiJKL456mno]]&state=xyz"),
        # a word after a wrapped token on its last line is not its tail
        ("openai_key", "[[sk-proj-_68CWDFBtHY-auPjI5vd6UaNhx12rm_GZdwndZugMEEe1pNUFGaeLwX46Bj Ot 4Tgtr tOLVFTtGT3B1bkFIQF J11gT3nUP1_"
                       "VjzaS5nvom19soYaUsCzAyNuat8VZ_daTan941ADCTryAVJm30DJ\n7Fudej]] thanks"),
        # "-o" after a token and before a file name is an option, not a piece of it
        ("auth_header", "curl -H 'Authorization: Bearer [[a1B2c3D4e5F6g7H8i9J0k1]]' -o out.txt https://api.example.com"),
        # a quoted token stops at its closing quote
        ("github_token", 'token = "[[ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5]]" and "other words"'),
        # a password is not joined with the words of prose after it
        ("password_assignment", "password = [[hunter2]] is bad"),
        # a host and port after a token are no piece of it
        ("keyword_assignment", "API_TOKEN=[[a1B2c3D4e5F6g7H8i9J0]] localhost:5432"),
    ],
)
def test_a_token_ends_where_it_ends(name: str, marked: str) -> None:
    text, spans = _parse(marked)
    assert [(m.start, m.end) for m in DETECTORS[name].find(text)] == spans


# What OCR made of a secret on one screenshot each (tuning draws 12347 to 25801, 28813, 31607), the
# whole value the detector must return marked with ⟦ ⟧: a glyph read as a symbol, a separator lost
# or split off, a token cut in two.
OCR_READINGS = [
    ("vault_token", "2\nvault_token: ⟦hvs.nmRS6aSQJxsRTSRTnWj Lgphx⟧\n3"),  # a vowel-less run ends the line
    ("jwt", "3 \"⟦eyJhbGci 0iAiUIMyNTYiLCAidH1w1j ogI kpXVCJ9 . eyJzdWIi0iAiNjEONTUIMjciLCAibmFtZS161C JBbmEiLCAi aWFOI jogMTYxM"
     "TU4MDUZMnO.JDq_uq-A-XTOKPVFiwcvuvYo\n4 FHn6i1XBvb8pvJ syhNSOQWQBKJ sggiwt -t qohDmVv 7HGR8a9Lod7dwWvDO7BsOT⟧\",\n5"),
    # a legacy key completed to its length
    ("openai_key", "can you try with ⟦sk-6QAfgY PPOHgsi050G5MOTSBIbKF JvSFORxXkZONpHL Sigkpx⟧ instead?"),
    ("private_key", "⟦-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAbhP34tRZPOheB 7tozAd2XSSESEBAe92"
     "i4g\n8ERutCGKYgwk\nO00iCq1 DsyLMV9kFocZL2GMaa/jElxyRsKfq3WxrBHDebory8NsBXnhZK2\nX6E;VAFQHLt8\nOoAi7EBw0gv+sU"
     "3 7KFtCykbDtneC30KZAu2g +CYbUHQO+RfeSwgsjt9X\nvyMFjH9LNhONgF⟧"),
    ("pypi_token", "2 pypi_token =\n3 ⟦pypi-AgEIcHlwaSSvcmc2WwGij r1L5xAHY sNulvyE501hSNemmG30SxsdNUgMCBAWYguxBC8kj"
     "LAs9T9 2ASr [RWCvr DGbLBdF TTyR8W3NBhS\n4 uHCZsHONk JxvonYOYeV7N7BqcOK8isFG⟧\n5"),
    ("pypi_token", "can you try with\n⟦pypi-AgEIcHlwaSSvcmc7Tnx8CcufIa2MdPIDalK6BKg23V2pS7Tk6eLbTJEHVuDWqF8I5YCkgme"
     "Lodshn6é - E3j0e0g540EOMSK5s3aXE7730qJOdTV1aRQ-E3geGF27Nf_6L6tMHbc6dUGOGH2criYv7m0\n6tDooPp4JhqpG7f1I⟧ inste"
     "ad?"),
    ("aws_secret_key", "2 $ export AWS _SECRET_ACCESS KEY=\"⟦MnoyfHfoMj 2z5x5QSj 6uwbxTp/w1lsHq4J9deMKWi8⟧\""),
    ("azure_ad_secret", "azure_client_secret: ⟦y'V6Q~kKFnXULLNHMX_aksfalrOh38EKXr7ZVKhDo⟧"),
    ("stripe_key", "WARN leaked credential ⟦rk_test_K67XrkgVWS5YRGjaQo78rRQ3E3Famv5P8LOENh6wbB1cUjqk4xEeVESV30r[tlf"
     "H4kh9sx⟧ in"),
    ("discord_token", "Discord bot token\n⟦NTIINTU2ODc2MTkyMzk30TA3 . 1sS8Qc.. fsK9iWx406bL_KIFYCn1-Ot3bMh9hdNZrkxJ"
     "z5S⟧\nCopy"),
    ("jwt", "can you try with\n⟦eyJhbGciOiAIRVMyNTYiLCAidHMljogl kpXVCJ9.eyJzdWIliOiAIMZUWMTU4MT[SliwgimShbWUiOiIAI"
     "Q\nW5hligimIhdCI6IDE3MDU2MDQ3NTd9.u6aB2yt0PH31hnSNXF-pFxG4rV5AdVIlSzsaqHaxZnb⟧\ninstead?"),
    ("password_assignment", "password — ⟦correct -horse-battery-staple⟧\ndone in 1.2s"),
    ("slack_token", "App token\n⟦Xapp - 1-A01 JBFRQSB7 -4336778174678 - aadef 2dbff063e977b1624b603d28eb27 7Fd8d885"
     "052Fdc92cc99a1090b4F8b2⟧\nCopy"),
    ("telegram_token", "WARN leaked credential ⟦5448176334: AMAII -KL3JfH85LeENGZENE2ZooUpvgRzcRrU⟧ in request body"),
    ("vault_token", "Vault token ⟦hws.r'UKXODVfVeal185eLL71noi6⟧ Copy"),
    ("jwt", "here's the JWT:\n3 ⟦ey JhbGci0iALRVMyNTYiLCAidHlwIjoglkpXxVCJ9. eyJZdWILOLALNTKWMTEALMTgyI iwgIm5hbWUi"
     "0iAi .WpOJuLOBNMoRiqg6Xp1lxuovW\n4 YmGAfj - it T_Pnz8QEsdDnhnniawq9hF 3MBWE_t_1HJSoByjZXjvUgyIx0yJyZ⟧ please"
     " rotate\n5"),
    ("private_key", "⟦-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n8mP1Imb42fqDuONZ8wndgl PBOAzm6t33DY"
     "8QrTtxSi0X6O0gTWkcZvVWP\nSDkqbté!\nBpcGIPn1 OLjcyhjtfQolinPAa27 HoTVIr9IVE3FYchOyrbjfha4D 7}6Y|MhaKdC\nx⟧"),
    # the label wrapped inside its name
    ("azure_storage_key", "DefaultEndpointsProtocol=https;AccountName=pyuqouoohb;AccountK\ney=⟦FkZqlOya/5RC/R+k7uoD"
     "IN3Yq+dTp02qIfN6ulhl/1GbegUItyzitzIHi8Y\n6FE2TjjmZZZKZNlh4pqO06t517nj==⟧;EndpointSuffix=core.windows.net\n\""),
    ("auth_header", "2 -H ‘Authorization: Bearer ⟦O@5IECIoephzj219JSSAK7PUjv.LI7feIWQ3u2HCu8UWJBxhps⟧' \\"),
    ("openai_key", "credential\n⟦sk-sveacct-CC-YqTkn-UkhCIIfJB-OVJit0-yLrBkZsalTW6Nct7evLWFzsFPKZGNEFHWLSJDbCu8gFs_"
     "\nWYT3BibkFJefKmTn-BSbPXWdG-kB84A2W-zhBWTzXxy8l¥ l6mqlFBjH9-NfXR3TeDgebijnezUtMFPca\nidzP2⟧ in request body"),
    ("private_key", "⟦-----BEGIN EC PRIVATE KEY-----\nMIlcWsTI3maJFsVWxX5ZHRE5dSZhVgGqH11w8T+RJ+dtRBZf+Ogjlld+2\nF/"
     "vNixB\n8DImGly3N6f1 forC6nhL1 ggf/6Y4/+K78PUQqeKuJkXM99kCQw87-+hNrUq\nsc+f§j\nh9yv8EtapNIMqwiEU900hWrCEo3Ciu"
     "/18hdNisWCc 1RkkjEFExp6bGEX0n\nATdmeP⟧"),
    ("telegram_token", "Bot token ⟦8254859983 : A391 - LsGVUaeQKTv2LbpWxItJ17jLaW_EX⟧ Copy"),
    ("telegram_token", "WARN leaked credential ⟦5833983706 : A4ae0om30iYO4K6vd) LocmiiYjnQXZxcVGX⟧ in request body"),
    ("azure_ad_secret", "Client secret\n⟦Yc#7Q~LOBbSKwc_Hm818-j HeGXyUGrNo6GuHotJg⟧\nCopy"),
    ("pypi_token", "pypi_token —\n⟦pypi-AgEIcHlwaSSvemcT1YxtpVoyUh8RDstENX11H9kpesBPEJmz_UFeoMddUZKo67c592KPMpJJCW_"
     "EXEdu1s2W2wwV55d‘pbsvDofg1HQqKLPqHOQ8eJrIZ1H1IrjPyODkKEiP] Jf8C00ij gVkgBG97\n-CAc9DZJK2VWStSc⟧\ndone in 1.2"
     "s"),
    ("high_entropy", "Your new API key is shown once:\n⟦yP1j3bE0OJaW4JOCAV6zaFZ{PtOjUe⟧\nh"),
    ("private_key", "⟦-----BEGIN PRIVATE KEY-----\nkyms2817TZ4QSJwHWj6P1tXeMAsKC2Qs1 ELkfwW 38fAbjFcW6D5SjA90C\nuXt"
     "8mdc\nU3FoBI4fUD5BQQm5B05x+)ZwssZq2uezYN1 3LbqUxiOuvEx7PBM/OStiR\n[jxAMd5⟧\n\""),
    # "-i": no flag
    ("pypi_token", "2 PYPI_TOKEN=⟦pypi -AgEIcHLwaSSvcmcD6SxYB8hJXB2CH8BIfiYw61ZMkjGMPdYK21cnIuj SJ OMp -i TDW 1knDp"
     "3GI 2bEM1 xtgLwDpAoFMZpvhpk6yNJGPr7ROvrdRy-FCC96CIKSSStLnoHBBmO3LidSPSiyc_Vz88\n3\n8GCD0⟧\n4\ndone in 1.2s"),
    # opened by a quote read as "*": to the closing one
    ("pypi_token", "2 const pypiToken =\n3 *⟦pypi-AgEIcHlwaS5vcmcRpV-xehFunBPew1lJZ6BXgb2 -3D0UjxxGVSSpCvfvsxFbNZtX"
     "9QwLUxUh4 C2qODE\n4 if 6cN5-vUPpwogydFOg400EGVgE-thntF⟧' ;"),
    ("twilio_key", "here's the twilio sid: ⟦AC5e@11a503d7dd73aalebfiificf79299⟧ please"),
    ("npm_token", "can you try with ⟦npmRbsrsilif6u74uW00roP}B4b7LdctdPpdjnG⟧ instead?"),
    ("jwt", "⟦eyJhbGci OiAIUIMyNTYiLCAid HlwljoglkpXVCJ9.ey|zdWIi OiAINDIWNzY2Mzg\niLCAibmFtZSI6ICJBbmEiLCAiaWFOljo"
     "gMTcyNjA2MjQ50X0.KHIV896KtF-gy\npUhqvMdzrWt3YdzWO)m84amGzfbNxrC8EhIt6 p6MI3n9u6sT794TMQik8&\n08zbxAnNZFZ0EGG"
     "P⟧ in request"),
    ("azure_storage_key", "DefaultEndpointsProtocolshttps;AccountName=cktoalbzil:AccountKkKey=⟦1LFcXOM4qPDVN5|ki4ee"
     "1hul\nThZqwa0GOnXoRAy/92CjjZ8urdWVjW+Da8e6gukaSqiWn+l8w5s9pvOF2zhyvw3n==⟧;EndpointSuffix=c\nore.windows.net"),
    ("url_credentials", "DATABASE_URL=postgres://app:⟦|/mmfpzH3b0iQzlo 7m2Bp⟧@db.internal:5\n432/app"),
    ("private_key", "⟦-----BEGIN EC PRIVATE KEY-----\nNXHdq6lwF xuVAbaCPD5mhCWOuUjliH6RQq41diHqhH|tmBZ9UsnPWX76\nMm"
     "rddpy]\nDKef8ulSHUy9Q6OvhbYsoKr9MOMkfTfxOhZDdQq9x4nq5dY4jRF4hI7}yEi\nwQEkb⟧"),
    # "7ee6ac1" read as a word: still the hex tail
    ("slack_token", "slack_app_token:\n⟦xapp-1-A638B2AEFKD-3642827350641-af0ea3e27684588c27512578d\nTeebacl 5ff9e88"
     "2 d3cffa7043fb67059ab27173⟧\n\""),
    # both J lost; 44 for 43
    ("jwt", "const idToken —\n' ⟦eyhbGciOiAIRVMYNTYILCAidHIWIjogIkpXVCJ9 . eyZdWIi0iAIMjgONTkXODIy1 iwgImShbwUi0iAi"
     " QWShIiwgIm1hdC161DE20DA2NTE2MTJ9. D4t31ZPC- 9ueLUVTWCPN3LrLobo -kHqHBc7G1f6\n1LbG⟧';"),
    # the opening quote read as "*"
    ("keyword_assignment", "const webhookSecret =\n*⟦az4UuFMHXh6F34xI1CiO7UuLUZhkOAawcMdU⟧';\n\""),
    ("url_query_token", "2 redirect: https://app.example. com/callback? code=⟦DVSTLKQj)3XSDvxt74gj ME4VeqxX1MIU⟧&st"
     "ate=xyz"),
    ("private_key", "⟦-----BEGIN RSA PRIVATE KEY-----\nMilflaLn +5 9xf63WeD7kSG6/5VPvnjExZ3OMgaWO0tuN+vEsAyC3/cPZI5"
     "M\nuVpQ4i\nCrzcoiRua3Q3ShfvBFPWgA7F33QEqPLOEq6Er34pSSBgCUitD3gT58Fpng\n@jl4EC\n-----END RSA PRIVATE KEY-----"
     "⟧\n$ls-la"),
    ("private_key", "⟦-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAeKh159CBrMoZuYvl60YZqqSptdL4uLJj"
     "kBR\nT2qcV21QT)\nbYTKspgd6CKH6v+vTHvmNMmhUNyj7d3fR84TWbaA4kGaP]uUdT4UPB\nAR#/QO8938qYehf⟧"),
    # 40 + 3: HS256's 43
    ("jwt", "can you try with\n⟦eyJhbGci0i AURVMyNTYALCAidH1wWI jogIkpXVCJ9. eyJZdWIi0iAIMTY4MDA1MDAZ TiwgImShbWUi0"
     "iAiQWShLiwgI . stZpr Qm9U- 2M5vWW1yj_Keq4AlqEQASPgZ9EJWOZ\nNf-⟧ instead?"),
    ("jwt", "3 ⟦eyJhbGciOiAIRVMyNTYALCAidHLWI1j ogTkpXVCJ9.. eyJzdvi0iAINZEONDU3MDg5LiwgLmShbUi0iAiQ2hLbilsICJpYXQi"
     "0iAXNZAON; gOMjA2fQ.MrSBput yUU8tP7rj 77yj a7GVddcB4vinTm28sRA3UK3zLTSnv4UUbFK8j ze4R\n4\nbkIsouB0noecM3SyDx"
     "dQ0SVoup⟧\n5"),
    ("vault_token", "Vault token\n⟦hvs . sPOWuAOIPRg6JDQcNo-uPcx⟧,\nCopy"),
    ("vault_token", "can you try with ⟦hvs.IWgWRRfEHeeNKDSqebiuuZC⟧ instead?"),
    ("aws_secret_key", "2 $ export AWSSECRET_ACCESS KEY=\"⟦hCksR512hLGwfyvCFj TIFHY 7bqqrwEm\\ZFOAIS3⟧\""),
    ("discord_token", "the discord bot token: ⟦NzczMTk20DE40DMx0Dg1NTQzMw.S4oBug.FBSXDLPivinviv78X3KP9IJhnEL4vi1Jog"
     "OCCt7FyT⟧ please"),
    ("gcp_service_account", "\"private_key_id\": \"⟦4369b3406fbcdee542e03f1f01b7#76albdd6615⟧\","),
    ("visible_password", "2\nPassword\n3\n⟦dragon fly 88⟧\n4\ndone in 1.2s"),
    ("private_key", "⟦-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\nZJ8R1SKJUJ8BSTEAM4w6SZyPSPzIDedRNiV"
     "oAep0TO01xtqukOgJiHECJVNyk\nP5K;\njBojcj0XuEDBu3k0FVCswzUmvoull0oo8wRFC2jOW6kewf1V|pVakIMuv4A\nSIrsl⟧\n\""),
    ("azure_ad_secret", "2 can you try with ⟦HoiiQ~JgcfrhNkK .9T45J83t4bYg~-SmnwiQLE_2g⟧ instead?"),
    ("mailchimp_key", "here's the mailchimp key: ⟦9¢7710ca9368e339dbeb88c5c7d2acc2-us21⟧ please"),
    ("pypi_token", "⟦pypi-AgEIcHlwaSSvemcfcBkt2mxPadXx3DuKBPbPC - Cghoskykj jq1lbLDuHg3uTbivpHnpggICoNdxLOoMwrkQo8⟧"
     " in request"),
    ("jwt", "here's the JWT:\n⟦eyJhbGci0iAIRVMyNTYALCAidHLwIj ogIkpXVCJ9 . eyJzdW1i0i AINDAONj UwMTUwLiwgImShbWUi0i"
     "AiQm8iLCAiaWFOIj ogMTYwNjUZNj Qw'ind . HINSVmnV1vX7ZrFE7g00U0InYqPPoUazEA2C4GAQOITFc80bKiD2RcJC\nXqaRh-8cyl⟧"
     " please rotate"),
    ("private_key", "⟦-----BEGIN EC PRIVATE KEY-----\nMIICSHWEKuemH9RiOfm/SwIBqC6uF3WwYYmnJjCY3rd91nCavE}fp|pyhiv\n"
     "YgZCexX\n11EukaLw4cyR3Adn8yixXPX4exikeGlhCaulT8iOn8/qDjrG5tcKyfFd/Yf/UhV4\n9⟧\n\""),
    ("twilio_key", "here's the twilio sid: ⟦ACa®e279b15d1d3cc7accf21a7098e0557⟧ please rotate"),
    ("twilio_key", "Twilio sid\n⟦SKa3d97795f9c7b5885bes6a3abcbt7945⟧\nCopy"),
    ("telegram_token", "here's the bot token: ⟦3638690786 :AAVBOMI5YZKTPXYH/7fkSMYgyiRS8KS5KZGFE⟧ please"),
    ("telegram_token", "telegram_bot_token =\n⟦8717790379: AAYT qxCwsevOtya9u9wg!ID4caalKSpCTtYD⟧\n\""),
    ("aws_secret_key", "“aws_secret_access key\":\n“⟦qxllT-+y2iA8H9HOKNEC+80EIC2Ncs9bXK/y0+jTb⟧\","),
    ("stripe_key", "can you try with ⟦sk_live_@s80M8XMJrKPxVgbsgULZdDgvN8hDgPIvYUHCax36QqQPF9WgS3dYQa90brK9⟧ instea"
     "d?"),
    ("github_token", "here's the token:\n⟦github_pat_Gq5IZtiOXkIkjXR88aJOJU_2015JYNHaEjdpf04ks1GHSe0iGJgWrwuNaziprZ"
     "v2UyprV8ylA,\nnOldqbMUf⟧ please rotate"),
    ("pypi_token", "3 ⟦pypi-AgEIcHlwaS5vcmcznqPAD6ub JVVhspCXGNGx JZ1 G4swHmF LJInrn 7ASeVTs - ]6_LgZUw9kVQPL0O7 aw"
     "DPqgx9\n4 Qi_jLjCuNcKCLSkxfFXU8gmK8bKe2fwx⟧ instead?"),
    ("vault_token", "vault_token =\n⟦hvs.cuYWQ3N21mI5F3W4-N8log6HSqfoJwnV4S4tylLR5CIkhfXALXUWKHzZPmOmP2ZFZxX7IHCSBW"
     ".\nnffcJY PyOInQKRDRZVA⟧\n\""),
    ("jwt", "⟦eyJhbGciOiAIUIMyNTYiLCAidHiwljoglkpXVCJ9.eyJzdWIiOiAINzce3NjYyNTQwliwglmShbWUIOiAIQ2ZhI\nbilsICJpYXQi"
     "OIAXNZASNDg40DclfQ .gavuwfEOKZE2TIrMxAemu7ANCHOvGxZfzwtXdeR XIB9UVyic\nctfmjb VbbkPGvJPEpeHvGBtG8W DxLw3KTED"
     "1C2⟧ please rotate"),
    ("url_query_token", "https://storage.example.net/bucket/file.pdf?se=2025-01-01 &sp=r&sig=⟦QsuJuiJSbW2EyDkAAoO p"
     "mU\nS⟧\n\""),
    ("visible_password", "Password\n2\n3 ⟦correct -horse-battery-staple⟧\n4"),
    ("recovery_codes", "Your recovery codes\nnk6xl-ratut\nx431f -ffw6g\n⟦$$722-q3el6⟧\nclyxt-msy6t"),
    ("high_entropy", "pasted the private token ⟦uaBagmwfaQavNpFSRipHcfUBNJfoNen⟧ into the runner"),
    ("telegram_token", "TELEGRAM_BOT_TOKEN=⟦259493874 : AASIf y2wROVXvu_n5 - LZel1nxPoie6nXxZ1k⟧\ndone in 1.2s"),
    ("azure_storage_key", "DefaultEndpointsProtocolshttps; AccountName=uufmtkwsyu; AccountKey=⟦U9dtst0OdVO8QyY6YfnZ"
     "D\n+TG2MEgZxaceJDhsSj3EYnqJpJHTiW/B7KPbJUbmfOQM4FT JwépiF4eoXjLt+ONP8==⟧-Endpoint Sufi\nx=core.windows.net"),
    ("high_entropy", "Your new API key is shown once:\n3\n⟦Gdzic yU8m6 3LDyZXIO0iSoI oLNNVJmQYR2tCrbePq3⟧\n4"),
    ("recovery_codes", "Backup codes (keep them safe)\nkitdo-vjcSi ⟦cn06b-08\\m4⟧\nsfbes-gl80u 8tlze-62u3!"),
    ("recovery_codes", "Backup codes (keep them safe)\n9hisb-olucl\ns4fjf-8ev30\n⟦mp1kj-@yh3d⟧\nf74ty-p6y44"),
    ("openai_key", "$ export OPENAI_API_KEY=⟦sk-proj-sGHL1S8DNUOmnt\"8SODT3wEHpQ8Nuo0OqzhdsFAkPznpLGf919zijGa0B-DeU"
     "bg3RLBKVtEjsw3BLbkF.J3xe6QdySTHZTUhJHbNH569dLW3QbGNNtnKjmY9BQYRILOioJrqdOTSVkBnetTgkpGMkfnEzQhv⟧\ndone"),
    ("huggingface_token", "WARN leaked credential\n⟦hfHwBMJUguUHiSCUIARrmQgjjlVzJwoRPtX!⟧ in request body"),
    ("pypi_token", "pypi_token =\n⟦pypi-AgElcHlwaS5vcmcuZCB2SMDar|IM3cgQFOisUM7SDNyq7HYHok_Ux\n4AMCDyDZZS-1IDXbjnez"
     "NvCs8rXgY ggFKnB71ALhCOINSoxgWhk6merp\nNA5Jmqn74GbBNDnmJzghxGq_Q4P0rOXsxpyCfZ_v9LQ8OxPtc2WVfEFm\nC⟧\n\""),
    ("private_key", "⟦-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAz41)G3ALWK3VvunsbJ4BOKrTCbN7Iqsu"
     "xsM\n+7wADqm38q/\nSulR43T6QMxNm4nCUGSu+/dXuM7 b9LWEMZPYqPhbY3QniiRMcLri50sK\nfhGZq7Ji¥xOS3\nwFK16xLNtoxzfMHv"
     "Vq21gZkUqoGyYd7hZPO1R9HhW5jzLdXy/PindgLRbv\nRMCO8tz9Af9z⟧"),
    ("private_key", "key.pem\n⟦g4qUF4WASKUIED 7jUz3KWmvjndmki0y-+FkOZbTCuv5KOxfqOMkPqTpal\n78viD5Gy\nY40w59MXBVZOpD"
     "zhhxX4m8tISMVIb5 5Ra6QaSQYX+VdNMmQzrSBYLp6\n0c849B+ Bar\nnuVYRTKItvl/TAMFLRozW+6+ Txi2luhHfoV DPZIMxK2dxD7kZ"
     "YQbEJfOQnL\n60v28⟧"),
    # a "¥" for a "Y" in a key split once
    ("aws_secret_key", '"aws_secret_access key":\n"⟦ZISPCPRr3 Trj¥pB6Jb06GePV7/7sDdyCw4hzc8B7⟧",'),
    # "}" and "]" for a "J", a "/" added before a "7"
    ("azure_ad_secret", "can you try with ⟦hkM4Q~wSzFmbX5t}om.Oywwo/7qOH~Av-]WJMvFrU⟧\ninstead?"),
    # a wrapped line opening "f{C" (a "{" added inside a piece)
    ("pypi_token", "Pypi token\n⟦pypi-AgElcHwaSSvcmctIAARNRBxvSw308DT-i4EEm_3XT970tCnvdP7HKN8hz7ilUOHDrUvm-cx-Ag\n"
     "f{CTBBELefGc78ytLaToDw2wilaDhODRaZ_RDIM9WrXT gUrcOm8sHK4K3nIzFFUED9x6b63p9ri9TO\nCL_8kO4KuKOT0⟧ Copy"),
    # a curly double quote for a glyph inside a piece
    ("vault_token", "2 Vault token ⟦hvs .6_zchGOf_yZwmHYEQ57KkpgwipZr BfgEDIXht7 tbOvabC8 sMKAe S2RihAoB6kyhqs8Mfg“UdTAOSBbt "
     "Fkrt331tond5⟧\nconfig.py"),
    # the "&" before the next parameter read as a letter: the value runs on into its name
    ("url_query_token", "fetch(‘https://maps.example.com/api/js?key=⟦OpKTdZC28Wznt2TMLnSZ\nbmWaGlibraries⟧=places')"),
    ("url_query_token", "redirect: https://app.example.com/cal lback?code=⟦Ns fnHn8q6qgSKISAKdkywizYuwxzSHistate⟧=xyz"),
    # a password split into pieces of three glyphs
    ("password_assignment", "2\nPASSWD=⟦P@s sw0 rd123⟧\n3"),
    # a revealed field's toggle read as the next line
    ("visible_password", "Password ⟦s3cretSauce!⟧\nHide"),
    # a code whose dash OCR lost and whose digits it read as letters, beside a code on its line
    ("recovery_codes", "Your recovery codes\njymix-fekt7 491b0-I5zva\n⟦rijOfBjy⟧ iys0z-0i9x5\nDownload Print"),
    # a body scrolled in without BEGIN whose second line happens to open like a DER body ("MIl8")
    ("private_key", "$ cat~/ sshiid_rsa\n⟦NGRJT5j3AK8DRGTB/dOW3mP5MD8FWty7VMIiFlylniv4UkwcluePu42jHZ2coRNy\n"
     "MIl8xzcVfORsw/7NnM1UxYKR+LLC6ILIcMIR/NQIDRIG2Zc87m+PXbjhiXyZptEyp\nVXjiX+xcqt0jTOww8 GOkcSoqLIlOYEZsOkPvI9ZR//"
     "msU8sK/ghPTsoS1BN+IAXW\nQviOIhtUBPWIDYWib7BXnbKvVxbF QbTNQtJqMISFIWO2elGQNuwQLvt+87bBBoL\n"
     "----END RSA PRIVATE KEY-----⟧\n$ ls"),
    # a fine-grained token short of its length until a stretch that reads as a word ("lwuty"), with
    # a random piece after it, completes it; the pieces after that go on with it
    ("github_token", "2 gh_pat = ⟦github_pat_FHree7mwmaS3awgKYJVQYo_mTCrcFrKP\\wSQC10ZU35XeNn4XvwIuzkvxWBng vM3wwVeTX lwuty "
     "LXY btRs6⟧\n3 done in 1.2s"),
    # a "j" read as "]" opening the body; the last "-_" split off at the line's end
    ("vault_token", "Vault token ⟦hvs. ]f0QK6wambXMromSDudYU8 -_⟧\nCopy"),
    # the opening quote read twice, curly then straight
    ("keyword_assignment", "2 const webhookSecret = ‘'⟦SXbtLOsbmrChFMnx2Ce30BqMSqwur⟧';\n3"),
    # a signature's last pieces split off at the wrap as a flag, a dash and a stub, its tail wrapped alone
    ("jwt", "JWT\n⟦eyJhbGci0iAISFMyNTYiLCAidHLwIj ogIkpXVCJ9. eyJzdW1i0iAIOTU4Nzgz0Tk2TiwgImShbWUi0iALQM8iLCAiaWFOLjogMTC1NTMXMTA3NXO . "
     "5BZ9Zm1J j hIhxZxJ7XSBL_TDZpuzWkj 00kxC7KueDLo_daWN9-mVYh4D- 6bXY3cmxm9a9s -f - PWk\nbwrwfbYo1_⟧\nCopy\ndone in 1.2s"),
    # ...or wrapped alone reading as a word: it brings the signature to 43 glyphs
    ("jwt", "  id_token:\n⟦eyJhbGci0iAIRVMYNTYALCAidH1wWIjogIkpxXVCJ9. eyJZdWIi0IAINTEZODQ5MZc3LiwgImShbWUi0iAiQ2h1biIsICIpYXQiOiAXNj "
     "gXODEZNT QwfQ .M2Zj4SOhFHRGAXCqN2TSOQD437 IhPHVebD3Kcv\nphity⟧\ndone in 1.2s"),
    # a monospace terminal read in pieces of a few glyphs: fifteen splits
    ("jwt", 'id_token —\n"⟦ey JhbGciOiAIRVMyNTYLLCAidHIWIj og kpXVCJ9 . ey JZdWIi0i AANTUAMDUOMZUWI ing ImShbWUiOi Ai QWShI iwg '
     'Im1hdC16IDESNDA2NJ kxNTZ9. 2i0Qt7cVthOqEpGSjOo8mx1p4gfRtDYI61LOKBbe\nrDhe⟧"\ndone in 1.2s'),    # an editor's next line number alone on its line, then the key's last glyphs on the next
    ("openai_key", "2 OPENAI_API_KEY=⟦sk-proj-PEliegyuZ1mv1gjFJjY -QsGqZX_RHBMoAWi6 1s9FTU9uzCuba rQGT pL XuwUU6 FAFEqjBzhduAmBT "
     "3B1bkF Juoa4Z0pXud9dz5GOWbDYLSSIrXEf74PLGcwqOL_JyMvWoGOvFXBsYT3x8PzjZzpfk9qoT7KG\n3\nhux⟧\nconfig.py\n4\ndone in 1.2s"),
    # the first dot lost outright, the last part wrapped
    ("discord_token", "# support\nDISCORD_TOKEN=⟦NTY1MDMzMDkwNjkxNjUwNzk5MQeleankK.bsRyikM9QbbTMABQQeubJM6Qg\nqgEZ5as3bj8gi⟧\nAlice Martin"),
    # a first glyph read as an opening parenthesis never closed
    ("keyword_assignment", "here's the secret: ⟦(0GLBaDGhlieEchOBUk⟧ please rotate after the demo"),
    # a "%" and a "#" OCR made of glyphs inside a token
    ("high_entropy", "pasted the private token ⟦jh4hpxpjB73e8Rojhy2TDCTdzv0zANP%5⟧ into the runner"),
    ("high_entropy", 'staging webhook secret ->\n⟦UoCJcUZFNnTNV7#54)4EutY9BD3PSSw4MgXgBH15L⟧\n"'),
    # a quoted token's rest after the editor's next line number, alone and before the last piece,
    # a space before the closing quote
    ("jwt", "id_token =\n2\n“⟦eyJhbGci0iALRVMyNTYiLCAidHLwI jogIkpXVCJ9.eyJzdvIL0LAINDc3NZE4MDI11 iwgImShbWUi0i1A10m8iLCAiaviFO1] "
     "ogMTYXxN]AZMTQ50X0..oc19aGchOW8cdbj 8XQx90K4 vuamDzfSXgThj l6gjmTGzBoNadkyfugexCj cyna\n3\n4 4-6hO11DAETx rmJIMNXK9y7P⟧ \"\n"
     "done in 1.2s\n5"),
    # a token of no fixed length: its last glyphs after the editor's next line number
    ("pypi_token", "2 PYPI_TOKEN=⟦pypi -AgEIcHLwaSSvomcLS fPFORBLKwtEGhu_R6U3E-xglgcwRZMKE rt4JOK f6cPv3h6Bj OukQaVvhOWHPH94 "
     "lUCeLOm_vadblJiC8eFei -FBBL83 - E89nFkON18qSeSbuUS gxv8nqV51i8Z9nBZtIRBr0 -EXVOHVPM\n3\nPhihk⟧\nconfig.py\n4\ndone in 1.2s"),
    # the underscore after the kind lost
    ("shopify_token", "can you try with ⟦shpss3abS0ad5b109e6a6128337ebbf11b241⟧ instead?"),
    # a "+" for an "l"
    ("recovery_codes", "2FA recovery codes:\naz6ka-bwecjf va43i-xoadh\nrghad-bg8pi ⟦gxtp+-o596w⟧\nDownload Print"),
    # the "~" of the mark read as a dash
    ("azure_ad_secret", "2 can you try with ⟦PBJ6Q-WG75sGMSbh3nMzf7n6 -Hvm-6QNl~gfwdjY⟧ instead?"),
    # a "#" for an "f" inside the token
    ("github_token", "gh_pat =\n⟦github_pat_klyxVfEh5JY#ldbLOM3Dy_4utOddGnOQbwr2IDMW4CjgMaXlv\nOWkdsmEq/pfYEltz6ZIvjEGFd70qlSy⟧]\nBob Okafor"),
    # an "&" for an "8" opening a split-off piece
    ("stripe_key", "2 STRIPE_SECRET_KEY=⟦sk_live_G1R8wR181Cch4LReKdcFuyKocYSBDciLJWigvkQhbA5SPMaebikb7wPdyevPxdtDmfewj "
     "la&8zCWHoYjundxxKFXJK9ZSeN7aqbO1⟧\nconfig.py"),
    # a piece opening with a "J" read as "]" before the token's "_"
    ("url_query_token", "https: //storage. example.net/bucket/file. pdf ?se=2025 -01-01&sp=r&$ig=⟦AQd4U9XzxmqHY ]_VV6Fje-btWSUw8AF7TPuPOna⟧"
     "\ndone in 1.2s"),
    # a signature one glyph long (OCR doubled one) and its last two glyphs wrapped alone
    ("jwt", "here's the JWT:\n⟦eyJhbGci0iAiSFMyNTYiLCAidHlwI jogIkpXVCJ9. eyIZdWILOIAINDMIMZMZODAiLCAibmF tZSI6ICJBbmEiLCAiaWFO1jogMTcZMj "
     "KOMDQ4MHO. NZ2WhTE3fqrOvrW2NDjmD1S-7hinylouGm1iGk-S-s\ndu⟧ please rotate after the demo"),
    # a "\\" for a "j", a "?" for a "7"
    ("telegram_token", "Bot token ⟦9466563190:AAVGuedNdRBgL2-W63pa2uRJxpEOF\\jETZq⟧ Copy"),
    ("telegram_token", "can you try with ⟦900280678:AAaxZBVnQia?7 TIEZICT-OVMDFeZv6LvosVI⟧ instead?"),
    # a letter read twice, small then capital
    ("aws_access_key", "can you try with ⟦ACCAR25H7ZYPUGX2SL5xX⟧ instead?"),
    # a code's last "j" read as ")"
    ("recovery_codes", "2FA recovery codes:\ngf5j3-9lp2d Oluip-5wg20\n⟦oiif2-j365)⟧ j8i0s-4d4sz\nmosop-pOygo gagd9-gl2i9"),
    # a curly quote made of a glyph inside the header
    ("jwt", "const idToken =\n‘⟦eyJhbGciOiAIUIMyNTYiLCAidHIwjoglkpXV‘CJ9.eyJzdWIiOIAINTY3NZU20DezliwglmShbWUIOIAIQm\n"
     "8iLCAiaWFOljogMTY20TA2NZkwNHO.wdeqK9z9rQQK2H_eNGvECLdEc_gDjX7Gj33SdcGweHf02q5\nm2bD970_U7sXDH8NiKc4Sniaz89l2xWexyWzDj⟧’;"),
    # the "@" before the host read as an accented letter
    ("url_credentials", "DATABASE_URL=postgres : //app:⟦Cy903RgPAWTQqUD r⟧édb. internal :5432/app"),
    # a quoted token's five last pieces, a line number among them
    ("pypi_token", '3 "⟦pypi-AgEIcHlwaS5vcmcLSikclg6LdG_9BcMqhOR1LD -2ZZ0Aw9UU6xF_E8t5pMeDdawK- 8h1NX1SVvBWHP q1Bixnbnze54sQSnZfoj '
     'kZC8R8VxeU5r cMa8A78ar VRHgFT Loclg -V4\n4\n25vt T2NR1sDTON4sd376FKOI5SBolFmyY-⟧"\ndone in 1.2s'),
    # a line ending in a short piece that reads as no token, the editor's next numbered line going on
    ("pypi_token", "3 ⟦pypi-AgEIcHlwaSSvcemcD5aTPK2xfjPMNmRFqddKE_UFDCTu-B6qOtTq7rflr sEmt3SMDJEhr NRcGhP5ndd9De9wS5 "
     "JACUZERD19zWgnzLFyBV82EqF tehoYOlaw79iA7NSf jqflii\n4 BtMOkoRWSOLVLBVTyOIEVIZJ26UAU1i1⟧\n5\ndone in 1.2s"),
    ("jwt", "3 ⟦ey JhbGc 101ALULMyNTYiLCAidH1lwI jogIkpXVCJ9. eyJ ZdWI101A10TM3NZI50DcOL iwgIm5hbWwUi01AiQW5h LiwgImlhdC161DE2Mj "
     "AyNZEWNzZ9. pKnonUteW2mJ6 -ouRNfe- kad\n4 GZ2suCw_ic91Zc8dy2g⟧ please rotate after the demo"),
    # the underscore after "pat" lost
    ("github_token", "GH _PAT=⟦github_patLDWNALnLIRir7tSVBibhAt_yPEc82Sdljzsygjvrdh7FO\n3nmcb119KJG6h1)5beOP8cZg8lyTIV9PGZWV5⟧\nBob"),
    # a "/" for a "7" in the key id; a ">" for the "=" after AccountKey
    ("gcp_service_account", '  “private_key_id": "⟦ee8bd423ee26ecf0ed5/fc39ff2f88c28efd4465⟧",'),
    ("azure_storage_key", "AccountName=qasaieljdq;Accountkey>⟦OwQQUZHTQZBPR2w+/bJ0\nwsYe6FRegfW4BdtKb2ndpChD94LXGzDJPKg65VAcRDfElKe7Wze"
     "inXVk4SrHZZ8CUS==⟧:EndpointS\nuffix=core.windows.net"),
    # the token's first two glyphs split off, under its label (an editor's line number between)
    ("high_entropy", "Your new API key is shown once:\n3\n⟦uj OTT4KOF2ZxvykTVHfKZZABiV jeY23GfI6U0 rY gpiEb⟧\nconfig.py"),
    # a long URL's wrapped end: glued to the request line's protocol, or alone on its line
    ("url_query_token", "GET\nhttps://api.example.com/v2/items?page=2&access_token=⟦WVsDIs-GkULdmEkrja0pE_1LevdYONz04\nZ⟧HTTP/1.1"),
    ("url_query_token", "https://storage.example.net/bucket/file.pdf?se=2025-01-01&sp=r&sig=⟦zyq0if_Fsx6AlxlaFwcoHoaXF_7\nlka⟧\nBob"),
    # a ">" inside the first four glyphs; an "&" for an "8"
    ("azure_ad_secret", "WARN leaked credential ⟦Ln>M2Q~8T7HWv~ZvmYixu-oKSinhdMCS6Vf8ifidm⟧\nin request body"),
    ("telegram_token", "Bot token ⟦4492677567 :AAaTt&t8gSugWvPy-nUubxtmFlgc1Wti_fP⟧ Copy"),
    # a token's last glyphs after the editor's next line number, reading as a word ("uectl")
    ("pypi_token", "3 PYPI_TOKEN=⟦pypi -AgEIcHLwaSSvcmc8XASCSudqm3f- -ZhOyHIKXXPXi30KvCgrXdx0906pnGeuphcPZdx02p0fKMNNa_WngX "
     "rTAPMgb9iddTOp9E rCJu-s9CHe2Wiz9rBN73QZpiB3a1ltBZ10714dpBztY - d796xQnSUzNmgl-Giklw\n4\nuectl⟧\nconfig.py"),
    # a ">" for a "b"
    ("vault_token", "VAULT_TOKEN=⟦hvs. 7>RwzoOtxMOsmp3bl Y7wwqucWVkDpHLWLCILZTsH14FM9xirlz6nd2BraEp-_2\nADXuzICBMjnMWwullBwivhywyuXM⟧\nAlice"),
    # a token under a run of names that a pattern crossing lines takes for its first part
    ("discord_token", "Alice Martin\nBob Okafor\nChen Wei\ncan you try with\n⟦NzAONTA30TewNzl1MTcONjczMA.pH10Tx.DNG4hNACV]pSk_WjTIRuB-Eba\n"
     "dLaFcCqgWYou⟧ instead?"),
    # a prefix's "l" or "o" lost
    ("gitlab_token", "$ cd ~/work/service\nGITLAB_TOKEN=⟦gpat - DT7dt OwydWaZnfJsLsbO⟧"),
    ("slack_token", "User token\n⟦xxp-158723337803-663453033363-1513434466985-360667eb6821715460eb261b06073d12⟧\nCopy"),
    # an "l" read as "!" where the token wraps
    ("openai_key", "WARN leaked credential\n⟦sk-proj-dnPvrgKl2Q3BWET30RzxXDtyb9dwhuMmg4UizjQBEBnoCjQxfl2A3wsS_TIW5Ss7TtMShafYLx!\n"
     "VT3BIbKFJ5¢n30QgXj7EPKN_4P-NsQrkZuZ6rkZ7#XwEHtVaSOZhShSxjNxyi9SmCkFoQgsqmiHETQb\n_90v⟧ in request body"),
    # the key split at its underscore; a "V" read as "/" in a URL's password; a backslash opening a group
    ("gcp_service_account", '2\n“private _key_id": "⟦bce06d352a9d2b2f8b2c8cccfb92beSe08cc549c⟧",\n3'),
    ("url_credentials", "2 DATABASE_URL=postgres : //app :⟦Bdw/PwiuY6xswi7i⟧@db.internal:5432/app"),
    ("recovery_codes", "Backup codes (keep them safe)\nm5rg4-b0c40 30va0-pbz3t\nOqu5x-56940 ⟦67oh9-\\jhfy⟧\n9xl2c-y2q0g abSay-k53i0"),
    # a code's dash read as "#" with the glyph before it
    ("recovery_codes", "Backup codes (keep them safe)\n⟦kjkt#wgd76⟧ cjauw-r7015\nflsv2-yqrxh ztx7d-a2nfb\nDownload Print"),
    # a value's first glyph read as "]" and split off
    ("keyword_assignment", "$ cd ~/work/service\nWEBHOOK_SECRET=⟦] 65zCfkx0aDI1ARZ⟧"),
    # a key's last body line on screen wrapped, its rest split once
    ("private_key", "key.pem\n⟦-----BEGIN RSA PRIVATE KEY-----\nMIlgT8Wwyy8QwNOvrw5nMKjZb0+ Oji1zID5c8rrouhg1 84kgb5bfcV/RjSo\nxkyqo\n"
     "cGD8BjDUwYcaH8JaAB/BMB3 XiwVO0DyZf0AQ3Xzz5G7 KOXgHsZu) vwvRzf\niceh}04\nw043fmL/2OKTQkhf7dLUWVVOW6QGhNIOQUpEXHX]wOXflpwOYEbtTmr\n"
     "ubycGihnB\ni1ScYMdATMv+Car55 UcLTym0IldVL43En2pHmkTICHZLm4PEXUmbOTE1\nws 1fxfSly⟧\nsaved."),
    # a piece shaped like a flag ending the line where the token wraps
    ("pypi_token", "WARN leaked credential\n⟦pypi-AgEIcHlwaSSvcmcpibmcQmeFOvPartquCZtCRzmsmTDMtbw6E4TFy3mgkAcwHrD91G3q63tTZOIW812xCadxI "
     "-HTWanieeKON7ePTGpe7Y33Iru3goQwfHQoc18NknRRkmTr665pQ16exMDt06j -t\n51xYAZCl2pnDayyD⟧ in request body"),
    # the prefix's "i" lost
    ("pypi_token", "const pypiToken =\n‘⟦pyp-AgElcHIwaSSvcmc4ClGy_GZbPmojLQMEfTVx5IS5SYv1TMMOUTgLnuoV192J4iyxdotn_m_RFe\n"
     "OIZtiX7JIZYH4PVPUDE9yLfSRsrD-jsCfGDHelsPJKuUNEKAArcQfKO2xzbedPAK18K8hIr8BWP7I3Vo018\nFOOM42z-T4pj4⟧’"),
    # an "@" for a "0"; two glyphs lost at a wrap; a small last letter; a "{" for an "f"
    ("aws_secret_key", "AWS_SECRET_ACCESS_KEY=⟦/bmWb8KPb2BbJoLUDJwJYUs/K/@Xcj516E/CqFKZ⟧"),
    ("aws_secret_key", "AWS SECRET ACCESS KEY=⟦yJj0jUPVyjl03ax3bwrx}xaagtCFRENQMag5+\n4⟧"),
    ("aws_access_key", "can you try with ⟦ACCAEU74NP5OMTGP2XkKx⟧ instead?"),
    ("twilio_key", "Twilio sid ⟦SKa840783aeaead{37 36faa3441cdab530⟧ Copy"),
    # a glyph doubled in the first part, the next word glued to the last
    ("sendgrid_key", "can you try with\n⟦SG.PqBUZD_6dVIIDI2ZJvwyQWI.MdVejfEtkVOJEMjran2rk8q_EQaz14ldAQdFSOQF9PTi⟧nstead?"),
    # the line's last two glyphs an accented letter and one more, the token wrapping after them
    ("discord_token", "Discord bot token\n⟦NDkyMTkzNDEZNDAxMjg1MTc20A.mcFvTt.ll2mvUjrc9fZ2smXp6tAJovfét\ndHmu5hw3lczy⟧ Copy"),
    # a value's first glyph read as an opening bracket never closed; a dot added in a key id
    ("keyword_assignment", "WEBHOOK_SECRET=⟦[R9ZdHLhKW}j auqwnqQiONDdHOf4kkL⟧"),
    ("gcp_service_account", '  “private_key_id": "⟦bb7c63adbccfdade45fbad8c365ffa5d6e5384.a0⟧",'),
    # a token's first glyphs split off as a short word, the token alone under its label
    ("high_entropy", "2 Your new API key is shown once:\n3\n⟦not FeCxOLDim1XEVYCri1QVL51hZZFfn⟧\n4"),
]


@pytest.mark.parametrize(("name", "marked"), OCR_READINGS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(OCR_READINGS)])
def test_a_secret_as_ocr_read_it_is_found_whole(name: str, marked: str) -> None:
    before, rest = marked.split("⟦")
    value, after = rest.split("⟧")
    text = before + value + after
    assert value in [text[m.start : m.end] for m in DETECTORS[name].find(text)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("huggingface_token", "hfSomethingLongButInOneCaseonlyhere words"),  # one case: no token
        ("high_entropy", "Thanks for the update, see the notes below\nlater today"),
        ("recovery_codes", "Backup codes\nemail me @ home-office later"),
        ("pypi_token", "pypi_token = pypi-AgEIcHlwaS5vcmc\nIn short"),
        ("high_entropy", "the api token class is OAuthTokenRefreshHTTPClientFactory"),  # CamelCase, no digit
        ("aws_secret_key", "name: app-secrets\nid: 240c5aa8-3e96-46b4-a7bf-6539ea117eef\nSKU: AB-37438"),
        ("url_query_token", "?sig=QsuJuiJSbW2EyDkA\nA\nlater"),  # a short line: no wrap, "A" is the next line
        # a signature one word short of a standard length takes no short word of prose
        ("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.stZprQm9U2M5vWW1yjKeq4AlqEQASPgZ9EJWOZNf in short"),
        ("jwt", "see eyhbGci.eyhbGci for short"),  # the J-less opening still needs a header and a payload
        # a signature short of a standard length takes no word that overshoots it
        ("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.stZprQm9U2M5vWW1yjKeq4AlqEQASPgZ9EJWOZNf thanks a lot"),
        ("slack_token", "xapp-1-A638B2AEFKD-3642827350641-af0ea3e27684588c27512578d\nthanks, rotate it In short"),
        ("keyword_assignment", "password = ****\nIn short"),
        ("npm_token", "see npmPackageRegistryMirrorConfigurationX for short"),  # no digit: a name
        ("url_credentials", "https://example.com:443/users/@alice for short"),
        ("pypi_token", "pypi-AgEIcHlwaS5vcmcRpV-xehFunBPew1lJZ6BXgb2 -o TDW see In short"),  # "-o" before words: a flag
        ("high_entropy", "token abc1XYZ23kLmn0pQ - it works In short"),  # a dash, then prose
        # a masked key whose ellipsis OCR read as two dots, the next line's label after it
        ("aws_access_key", "Masked keys: AKIA..5125\nrequest_id: In short"),
        ("vault_token", "hvs.nmRS6aSQJxsRTSRTnWj thanks In short"),  # a word with a vowel after the token
        ("high_entropy", "token abc1XYZ23kLmn0pQ strength -t In short"),  # no random piece follows the run
        ("password_assignment", "Password \u2014 Required for In short"),
        ("url_query_token", "?sig=QsuJuiJSbW2EyDkA (see docs) In short"),
        # a value running on into "name=" takes neither an env file's next setting nor words between
        ("url_query_token", "URL=https://x.com/?token=abcdef123456\nDEBUG=true"),
        ("url_query_token", "?key=OpKTdZC28Wznt2TMLnSZ\nAlice Martin\nbmWaGlibraries=places"),
        ("recovery_codes", "Backup codes\nab12c-d3f4g Download\nWindows10 ab12c-d3f4g"),  # a dash-less run, a word in it
        ("password_assignment", "PASSWD=abc is the default In short"),
        ("keyword_assignment", "token: (see the docs) In short"),  # a parenthesis closed: prose
        # a word that makes a line of code after the next line number is that line, not a token's tail
        ("pypi_token", "2 PYPI_TOKEN=pypi-AgEIcHLwaSSvomcLSfPFORBLKwtEGhu_R6U3E-xglgcwRZMKErt4JOKf6cPv3h6Bj\n3\nreturn"),
        ("high_entropy", "secret: #general and #short channels"),
        # a flag ending the line before prose on the next one
        ("pypi_token", "pypi-AgEIcHlwaSSvcmcpibmcQmeFOvPartquCZtCRzmsmTDMtbw6E4TFy3mgkAcwHrD91G3q63tTZO -t\nthanks In short"),
        # a short word under a long URL; a short URL line, which wrapped nowhere
        ("url_query_token", "https://storage.example.net/bucket/file.pdf?se=2025-01-01&sp=r&sig=zyq0if_Fsx6AlxlaF\nthe\nIn short"),
        ("url_query_token", "see ?sig=zyq0if_Fsx6AlxlaF\nAbc\nIn short"),
        # a short piece ending the line, the next line not the editor's next number
        ("pypi_token", "3 pypi-AgEIcHlwaSSvcemcD5aTPK2xfjPMNmRFqddKE_UFDCTu-B6qOtTq7rflr jqflii\n7 BtMOkoRWSOLV short"),
        # a signature of a size, a short word of prose wrapped after it
        ("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.stZprQm9U2M5vWW1yjKeq4AlqEQASPgZ9EJWOZNf0x\nin short"),
        # a number alone after the key's line that is not the next line number, then a word
        ("openai_key", "2 KEY=sk-proj-PEliegyuZ1mv1gjFJjY -QsGqZX_RHBMoAWi6 1s9FTU9uzCuba rQGT pL XuwUU6 FAFEqjBzhduAmBT "
         "3B1bkF Juoa4Z0pXud9dz5GOWbDYLSSIrXEf74PLGcwqOL_JyMvWoGOvFXBsYT3x8PzjZzpfk9qoT7KG\n7\nshort"),
        ("vault_token", "hvs.nmRS6aSQJxsRTSRTnWj - In short"),  # a dash between words, not at the line's end
        # a key short of a legacy OpenAI key's length: the next line's command is not its rest
        ("openai_key", "$ export STRIPE_KEY=sk_live_2yW4Acq9GFz6Y1t9EwL56nGi\n$ export AWS_ACCESS_KEY_ID=AKIASIGQJTGEV6GW3UN6"),
    ],
)
def test_those_readings_widen_no_ordinary_text_into_a_secret(name: str, text: str) -> None:
    found = [text[m.start : m.end] for m in DETECTORS[name].find(text)]
    assert not any(w in v for v in found
                   for w in ("Something", "Thanks", "home", "In short", "OAuth", "eef", "\nA", "short", "thanks", "*",
                             "..5125", "DEBUG", "Alice", "Windows", "default", "export", "return"))
