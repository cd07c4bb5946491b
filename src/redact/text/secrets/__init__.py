"""Secret detectors: one per module, specific vendors first, generic context rules last.

``default_detectors()`` returns fresh instances in priority order. Scores follow one scale so the
analyzer's de-duplication (higher score first, then earlier detector) lets a specific detector win
over a generic one on the same span:

* distinctive prefix and length, or a structural check: 0.93-1.0
* context-dependent (Twilio SIDs, connection strings, headers, CLI flags, assignments): 0.8-0.92
* generic high-entropy token near a keyword: 0.65

Spans cover the secret value only (not the key, label or quotes), except private key blocks,
which span the whole block from ``BEGIN`` marker to ``END`` marker. Every span is on the original
text; a token OCR split or wrapped spans its fragments and the whitespace between them.

>>> from redact.text.secrets import default_detectors
>>> [m.score for d in default_detectors() for m in d.find("GITHUB_TOKEN=ghp_" + "a1B2" * 9)]
[0.98, 0.8]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from redact.text._detector import Detector
from redact.text._model import TextFinding
from redact.text.secrets.anthropic_key import AnthropicKeyDetector
from redact.text.secrets.auth_header import AuthHeaderDetector
from redact.text.secrets.aws_access_key import AwsAccessKeyDetector
from redact.text.secrets.aws_secret_key import AwsSecretKeyDetector
from redact.text.secrets.azure_ad_secret import AzureAdSecretDetector
from redact.text.secrets.azure_storage_key import AzureStorageKeyDetector
from redact.text.secrets.cli_password import CliPasswordDetector
from redact.text.secrets.databricks_token import DatabricksTokenDetector
from redact.text.secrets.digitalocean_token import DigitalOceanTokenDetector
from redact.text.secrets.discord_token import DiscordTokenDetector
from redact.text.secrets.gcp_api_key import GcpApiKeyDetector
from redact.text.secrets.gcp_service_account import GcpServiceAccountDetector
from redact.text.secrets.github_token import GithubTokenDetector
from redact.text.secrets.gitlab_token import GitlabTokenDetector
from redact.text.secrets.google_oauth_secret import GoogleOAuthSecretDetector
from redact.text.secrets.high_entropy import HighEntropyDetector
from redact.text.secrets.huggingface_token import HuggingFaceTokenDetector
from redact.text.secrets.jwt import JwtDetector
from redact.text.secrets.keyword_assignment import KeywordAssignmentDetector
from redact.text.secrets.mailchimp_key import MailchimpKeyDetector
from redact.text.secrets.npm_token import NpmTokenDetector
from redact.text.secrets.openai_key import OpenAIKeyDetector
from redact.text.secrets.password_assignment import PasswordAssignmentDetector
from redact.text.secrets.private_key import PrivateKeyDetector
from redact.text.secrets.pypi_token import PypiTokenDetector
from redact.text.secrets.recovery_codes import RecoveryCodesDetector
from redact.text.secrets.sendgrid_key import SendgridKeyDetector
from redact.text.secrets.shopify_token import ShopifyTokenDetector
from redact.text.secrets.slack_token import SlackTokenDetector
from redact.text.secrets.slack_webhook import SlackWebhookDetector
from redact.text.secrets.stripe_key import StripeKeyDetector
from redact.text.secrets.telegram_token import TelegramTokenDetector
from redact.text.secrets.twilio_key import TwilioKeyDetector
from redact.text.secrets.url_credentials import UrlCredentialsDetector
from redact.text.secrets.url_query_token import UrlQueryTokenDetector
from redact.text.secrets.vault_token import VaultTokenDetector
from redact.text.secrets.visible_password import VisiblePasswordDetector

__all__ = ["SECRET_ENTITY_TYPES", "default_detectors", "resolve_overlaps"]

_ORDER: tuple[type[Detector], ...] = (
    # Structural blocks first: they contain other look-alikes.
    PrivateKeyDetector,
    GcpServiceAccountDetector,
    # Distinctive prefixes.
    AnthropicKeyDetector,
    OpenAIKeyDetector,
    StripeKeyDetector,
    GithubTokenDetector,
    GitlabTokenDetector,
    SlackWebhookDetector,
    SlackTokenDetector,
    AwsAccessKeyDetector,
    GcpApiKeyDetector,
    GoogleOAuthSecretDetector,
    AzureStorageKeyDetector,
    HuggingFaceTokenDetector,
    NpmTokenDetector,
    PypiTokenDetector,
    SendgridKeyDetector,
    ShopifyTokenDetector,
    DigitalOceanTokenDetector,
    VaultTokenDetector,
    DatabricksTokenDetector,
    JwtDetector,
    TelegramTokenDetector,
    DiscordTokenDetector,
    AzureAdSecretDetector,
    MailchimpKeyDetector,
    # Context-dependent.
    TwilioKeyDetector,
    AwsSecretKeyDetector,
    UrlCredentialsDetector,
    UrlQueryTokenDetector,
    AuthHeaderDetector,
    CliPasswordDetector,
    PasswordAssignmentDetector,
    VisiblePasswordDetector,
    RecoveryCodesDetector,
    KeywordAssignmentDetector,
    # Generic last resort.
    HighEntropyDetector,
)


def default_detectors() -> list[Detector]:
    """Fresh instances of every secret detector, specific before generic."""
    return [cls() for cls in _ORDER]


SECRET_ENTITY_TYPES: frozenset[str] = frozenset(cls.entity_type for cls in _ORDER)


def resolve_overlaps(findings: Iterable[TextFinding], order: Sequence[str] | None = None) -> list[TextFinding]:
    """Drop findings that lie wholly inside a better finding; keep partial overlaps (union is safe).

    "Better" means a higher score, then an earlier detector in ``order`` (default: the order of
    :func:`default_detectors`). A finding that reaches beyond the better one is kept, so the union
    of kept spans always covers the union of the input spans. Returns findings sorted by start.

    >>> a = TextFinding("GITHUB_TOKEN", 13, 53, 0.98, "github_token")
    >>> b = TextFinding("SECRET", 13, 53, 0.8, "keyword_assignment")
    >>> [f.detector for f in resolve_overlaps([b, a])]
    ['github_token']
    """
    from redact.text._analyzer import resolve_overlaps as resolve  # one rule, shared with the analyzer

    names = list(order) if order is not None else [cls.name for cls in _ORDER]
    return resolve(list(findings), {name: i for i, name in enumerate(names)})
