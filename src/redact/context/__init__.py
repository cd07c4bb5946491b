"""Recording context: what a recorder knows about a frame besides its pixels, and how it is made safe.

The data flow: a recorder's JSON (``session.json`` per frame) -> :class:`FrameContext`
(``_model``) -> the deny list decides whether the frame is blanked whole (``_denylist``) ->
titles, URLs, clipboard and labels are scrubbed with the text detectors, the URL rules and the
session memory (``_scrub``, ``_url``) -> :class:`ScrubbedContext`. Secure fields (password
elements) are redacted on the frame by the image path. Options live in :class:`ContextPolicy`
(``_policy``), embedded in the global policy as ``policy.context``. See ``docs/context.md``.

>>> from redact.context import FrameContext, redact_context
>>> redact_context(FrameContext(app="1Password")).denied
'password_manager'
"""

from redact.context._denylist import DEFAULT_DENY_RULES, DenyList, DenyMatch, DenyRule
from redact.context._model import FrameContext, UiElement, is_secure_role
from redact.context._policy import ContextPolicy, FieldMode
from redact.context._scrub import (
    WITHHELD,
    ContextAnalysis,
    ContextFinding,
    ScrubbedContext,
    analyze_context,
    deny_match,
    redact_context,
)

__all__ = [
    "DEFAULT_DENY_RULES",
    "WITHHELD",
    "ContextAnalysis",
    "ContextFinding",
    "ContextPolicy",
    "DenyList",
    "DenyMatch",
    "DenyRule",
    "FieldMode",
    "FrameContext",
    "ScrubbedContext",
    "UiElement",
    "analyze_context",
    "deny_match",
    "is_secure_role",
    "redact_context",
]
