"""Seeded fake values for the page templates: personal data, secrets and look-alikes.

Every value is generated (Faker for personal data, :mod:`redact.eval.secretgen` for secrets), so
storing it in a truth file is safe. ``Values`` marks each value as it hands it out: ``s(...)``
returns the HTML of a *sensitive* span, ``a(...)`` the HTML of a *look-alike* span; the browser
stage later reads the boxes of every marked span from the DOM.
"""

from __future__ import annotations

import html
import random
import string
from datetime import date, datetime

from faker import Faker

from redact.eval.secretgen import sample

#: secretgen family -> entity type the truth records (the project's own entity names).
SECRET_TYPES: dict[str, str] = {
    "aws_access_key": "AWS_ACCESS_KEY",
    "aws_secret_key": "AWS_SECRET_KEY",
    "gcp_api_key": "GCP_API_KEY",
    "google_oauth_secret": "GOOGLE_OAUTH_SECRET",
    "github_classic": "GITHUB_TOKEN",
    "github_fine_grained": "GITHUB_TOKEN",
    "gitlab_token": "GITLAB_TOKEN",
    "slack_bot_token": "SLACK_TOKEN",
    "stripe_key": "STRIPE_KEY",
    "openai_legacy_key": "OPENAI_KEY",
    "openai_project_key": "OPENAI_KEY",
    "anthropic_key": "ANTHROPIC_KEY",
    "huggingface_token": "HUGGINGFACE_TOKEN",
    "twilio_key": "TWILIO_KEY",
    "sendgrid_key": "SENDGRID_KEY",
    "npm_token": "NPM_TOKEN",
    "jwt": "JWT",
    "generic_secret": "SECRET",
    "vault_token": "VAULT_TOKEN",
    "databricks_token": "DATABRICKS_TOKEN",
    "url_credentials": "URL_CREDENTIALS",
    "auth_header": "AUTH_HEADER",
}

_HUMAN_PASSWORDS = ("hunter2hunter2", "Tr0ub4dor&3", "Summer2024!", "P@ssw0rd123", "letmein-77", "Blue$ky2025",
                    "dragon_fly_88", "s3cretSauce!", "Winter#2023x", "m0nkeyBus1ness", "Kayak!Paddle9", "orange42Tiger")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class Values:
    """Fake values from one seed; ``s``/``a`` wrap a value in a marked span.

    >>> v = Values(3)
    >>> v.s("EMAIL_ADDRESS", "a@b.co")
    '<span data-t="EMAIL_ADDRESS" data-s="1">a@b.co</span>'
    """

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)

    # --- markup ---------------------------------------------------------------------------------

    @staticmethod
    def s(label: str, value: str) -> str:
        """A sensitive value: must be redacted."""
        return f'<span data-t="{label}" data-s="1">{_e(value)}</span>'

    @staticmethod
    def a(label: str, value: str) -> str:
        """A look-alike: should stay readable."""
        return f'<span data-t="{label}" data-s="0">{_e(value)}</span>'

    # --- personal data (returned already marked) ------------------------------------------------

    def name(self) -> str:
        return self.s("PERSON", self.fake.name())

    def email(self, person: str | None = None) -> str:
        if person:
            first, *rest = person.lower().split()
            local = f"{first}.{rest[-1]}" if rest else first
            local = "".join(c for c in local if c.isalnum() or c == ".")
            return self.s("EMAIL_ADDRESS", f"{local}@{self.fake.free_email_domain()}")
        return self.s("EMAIL_ADDRESS", self.fake.email())

    def phone(self) -> str:
        n = self.rng.choice(["({a}) {b}-{c}", "{a}-{b}-{c}", "+1 {a} {b} {c}", "+1 ({a}) {b}-{c}"])
        return self.s("PHONE_NUMBER", n.format(a=self.rng.randint(201, 989), b=self.rng.randint(200, 999),
                                               c=f"{self.rng.randint(0, 9999):04d}"))

    def street(self) -> str:
        return self.s("STREET_ADDRESS", self.fake.street_address())

    def city_line(self) -> str:
        return _e(f"{self.fake.city()}, {self.fake.state_abbr()} {self.fake.zipcode()}")

    def ssn(self) -> str:
        return self.s("US_SSN", self.fake.ssn())

    def card(self, spaced: bool = True) -> str:
        num = self.fake.credit_card_number(card_type=self.rng.choice(["visa16", "mastercard", "amex", "discover"]))
        if spaced:
            step = 4 if len(num) != 15 else 0
            num = " ".join(num[i:i + 4] for i in range(0, len(num), 4)) if step else f"{num[:4]} {num[4:10]} {num[10:]}"
        return self.s("CREDIT_CARD", num)

    def iban(self) -> str:
        raw = self.fake.iban()
        return self.s("IBAN_CODE", " ".join(raw[i:i + 4] for i in range(0, len(raw), 4)))

    def dob(self) -> str:
        d = self.fake.date_between_dates(date(1935, 1, 1), date(2006, 12, 31))  # fixed range: reproducible
        return self.s("DATE_OF_BIRTH", self.rng.choice([d.strftime("%m/%d/%Y"), d.strftime("%B %d, %Y"), d.isoformat()]))

    def bank_account(self) -> str:
        return self.s("US_BANK_NUMBER", "".join(self.rng.choice(string.digits) for _ in range(self.rng.randint(9, 12))))

    def mrn(self) -> str:
        return self.s("MEDICAL_RECORD_NUMBER", f"MRN-{self.rng.randint(10**6, 10**8 - 1)}")

    def insurance_id(self) -> str:
        letters = "".join(self.rng.choice(string.ascii_uppercase) for _ in range(3))
        return self.s("INSURANCE_ID", f"{letters}{self.rng.randint(10**8, 10**9 - 1)}")

    def ip(self) -> str:
        return self.s("IP_ADDRESS", self.fake.ipv4_public())

    def password(self) -> str:
        if self.rng.random() < 0.5:
            return self.s("PASSWORD", self.rng.choice(_HUMAN_PASSWORDS))
        return self.s("PASSWORD", self.fake.password(length=self.rng.randint(10, 16)))

    def plain_password(self) -> str:
        return self.rng.choice(_HUMAN_PASSWORDS)

    def secret(self, family: str) -> str:
        return self.s(SECRET_TYPES[family], self.secret_value(family))

    def secret_value(self, family: str) -> str:
        smp = sample(family, self.rng)
        a, b = smp.spans[0]
        return smp.text[a:b]

    def pem_lines(self, n: int = 6) -> list[str]:
        alphabet = string.ascii_letters + string.digits + "+/"
        raw = "MII" + "".join(self.rng.choice(alphabet) for _ in range(64 * n - 3))
        return [raw[i:i + 64] for i in range(0, len(raw), 64)]

    # --- look-alikes (returned already marked) --------------------------------------------------

    def uuid(self) -> str:
        return self.a("UUID", str(self.fake.uuid4()))

    def sha(self, short: bool = False) -> str:
        h = self.fake.sha1()
        return self.a("SHA", h[:7] if short else h)

    def sha256(self) -> str:
        return self.a("HASH", self.fake.sha256())

    def md5(self) -> str:
        return self.a("HASH", self.fake.md5())

    def version(self) -> str:
        r = self.rng
        return self.a("VERSION", f"v{r.randint(0, 12)}.{r.randint(0, 40)}.{r.randint(0, 99)}"
                      + r.choice(["", "", "-rc.1", "-beta.3", "+build.417"]))

    def timestamp(self) -> str:
        t = self.fake.date_time_between_dates(datetime(2023, 1, 1), datetime(2025, 6, 30))
        return self.a("TIMESTAMP", self.rng.choice([t.isoformat(timespec="seconds") + "Z", t.strftime("%Y-%m-%d %H:%M:%S"),
                                                    t.strftime("%b %d %H:%M"), t.strftime("%d/%m/%Y %H:%M")]))

    def sku(self) -> str:
        r = self.rng
        return self.a("SKU", f"{r.choice(['SKU', 'PRD', 'ITM'])}-{r.randint(1000, 99999)}-"
                      + "".join(r.choice(string.ascii_uppercase) for _ in range(2)))

    def barcode(self) -> str:
        return self.a("BARCODE", self.fake.ean13())

    def order_id(self) -> str:
        return self.a("ORDER_ID", f"#{self.rng.randint(100000, 9999999)}")

    def request_id(self) -> str:
        return self.a("REQUEST_ID", "req_" + "".join(self.rng.choice(string.ascii_lowercase + string.digits)
                                                     for _ in range(20)))

    def placeholder(self) -> str:
        return self.a("PLACEHOLDER", self.rng.choice(["<YOUR_API_KEY>", "${API_TOKEN}", "{{ secrets.DEPLOY_KEY }}",
                                                      "changeme", "xxxxxxxxxxxxxxxxxxxx", "sk_test_XXXXXXXXXXXXXXXX",
                                                      "<password>", "%DB_PASSWORD%", "REPLACE_ME"]))

    def masked_key(self) -> str:
        r = self.rng
        prefix = r.choice(["sk_live_", "ghp_", "AKIA", "xoxb-", "sk-proj-", ""])
        return self.a("MASKED_KEY", prefix + r.choice(["••••••••••••", "************", "…"]) + f"{r.randint(1000, 9999)}")

    def masked_card(self) -> str:
        return self.a("MASKED_KEY", f"•••• •••• •••• {self.rng.randint(1000, 9999)}")

    def bullets(self, n: int | None = None) -> str:
        return self.a("MASKED_PASSWORD", "•" * (n or self.rng.randint(8, 14)))

    def key_id(self) -> str:
        return self.a("KEY_ID", "key_" + "".join(self.rng.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(16)))

    def v_subject(self) -> str:
        return _e(self.rng.choice(["Quarterly report", "Invoice overdue", "Team offsite", "Contract renewal",
                                   "Your order has shipped", "Meeting notes", "Security alert", "Lunch?"]))
