"""Scrubbing a frame's context: titles, URLs, clipboard text and element labels, with findings but no values.

Two steps, so that a frame and its context teach each other within one call:

1. :func:`analyze_context` runs the text detectors on every string the policy scrubs and
   remembers the secrets it finds in the session memory (so the frame, and later frames, redact
   them wherever OCR reads them);
2. :meth:`ContextAnalysis.render` replaces what was found, what the URL structure says is a value
   (see ``_url``) and every remembered secret (including those the frame taught in between) with
   ``<ENTITY_TYPE>``, and returns a :class:`ScrubbedContext`.

:func:`redact_context` does both at once for a context that comes without an image.
A deny-listed context is not analysed: its title, URL, clipboard and labels are withheld.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from redact.context._model import FrameContext, UiElement
from redact.context._policy import ContextPolicy, FieldMode
from redact.context._url import url_spans

if TYPE_CHECKING:
    from redact._memory import SecretMemory
    from redact.context._denylist import DenyMatch
    from redact.text._model import TextFinding

__all__ = ["WITHHELD", "ContextAnalysis", "ContextFinding", "ScrubbedContext", "analyze_context", "redact_context"]

#: What stands in for a string that is not kept (a deny-listed frame, an over-long clipboard).
WITHHELD = "<WITHHELD>"

Analyze = Callable[[str], Sequence["TextFinding"]]


@dataclass(frozen=True, slots=True)
class ContextFinding:
    """One thing redacted from the context: which field, what type, which detector. No value."""

    field: str  # title | url | clipboard | label
    entity_type: str
    detector: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "entity_type": self.entity_type, "detector": self.detector}


@dataclass(frozen=True, slots=True)
class ScrubbedContext:
    """A frame's context after scrubbing: safe to store. ``denied`` is the deny kind, if any.

    The strings are scrubbed, not proven clean (a detector can miss), so they stay out of
    ``repr``; :meth:`summary` (used in manifests) holds no string from the context at all.
    """

    app: str | None
    title: str | None = field(repr=False)
    url: str | None = field(repr=False)
    clipboard: str | None = field(repr=False)
    focus: UiElement | None
    elements: tuple[UiElement, ...] = field(repr=False)
    secure_input: bool
    denied: str | None
    secure_fields: int
    findings: tuple[ContextFinding, ...]

    @property
    def entity_counts(self) -> dict[str, int]:
        return dict(Counter(f.entity_type for f in self.findings))

    def to_dict(self) -> dict[str, Any]:
        """The scrubbed context in its ``session.json`` form (see ``docs/context.md``)."""
        out: dict[str, Any] = {"app": self.app, "title": self.title, "url": self.url}
        out["focus"] = None if self.focus is None else self.focus.to_dict()
        out["elements"] = [e.to_dict() for e in self.elements]
        out["clipboard"] = self.clipboard
        if self.secure_input:
            out["secure_input"] = True
        return out

    def summary(self) -> dict[str, Any]:
        """The manifest form: deny kind, secure field count and findings; no string from the context."""
        return {
            "denied": self.denied,
            "secure_fields": self.secure_fields,
            "counts": self.entity_counts,
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def withheld(cls, ctx: FrameContext, *, denied: str | None = None) -> ScrubbedContext:
        """Everything but the app, roles and bounds withheld: a deny-listed frame, or analysis failed."""

        def hide(value: str | None) -> str | None:
            return None if value is None else WITHHELD

        def element(e: UiElement) -> UiElement:
            return replace(e, label=hide(e.label))

        return cls(
            app=ctx.app,
            title=hide(ctx.title),
            url=hide(ctx.url),
            clipboard=hide(ctx.clipboard),
            focus=None if ctx.focus is None else element(ctx.focus),
            elements=tuple(element(e) for e in ctx.elements),
            secure_input=ctx.secure_input,
            denied=denied,
            secure_fields=len(ctx.secure_elements),
            findings=(),
        )


#: Findings worth remembering for the rest of a session: secrets and passwords, as on frames.
def _rememberable(entity_type: str) -> bool:
    from redact.text.secrets import SECRET_ENTITY_TYPES

    return entity_type in SECRET_ENTITY_TYPES or entity_type == "PASSWORD"


_Span = tuple[int, int, str, str]  # start, end, entity, detector


class _Field:
    """One string to scrub and the spans found in it so far. Holds the raw text: never printed."""

    __slots__ = ("name", "text", "mode", "spans", "withheld")

    def __init__(self, name: str, text: str | None, mode: FieldMode) -> None:
        self.name = name
        self.text = text
        self.mode = mode
        self.spans: list[_Span] = []
        self.withheld = False

    def __repr__(self) -> str:
        return f"<_Field {self.name} mode={self.mode.value}>"


class ContextAnalysis:
    """What the detectors found in one context, before the memory is applied. Holds raw strings; never printed."""

    __slots__ = ("_ctx", "_title", "_url", "_clipboard", "_labels", "_label_index")

    def __init__(
        self,
        ctx: FrameContext,
        title: _Field,
        url: _Field,
        clipboard: _Field,
        labels: list[_Field],
        label_index: dict[int, int],
    ) -> None:
        self._ctx = ctx
        self._title = title
        self._url = url
        self._clipboard = clipboard
        self._labels = labels
        self._label_index = label_index

    def __repr__(self) -> str:
        return "<ContextAnalysis>"

    def _fields(self) -> list[_Field]:
        return [self._title, self._url, self._clipboard, *self._labels]

    def remember(self, memory: SecretMemory) -> None:
        """Put the secrets found in the context into ``memory``."""
        for f in self._fields():
            if f.text is None or f.mode is not FieldMode.SCRUB:
                continue
            for start, end, entity, _ in f.spans:
                if _rememberable(entity):
                    memory.remember(f.text[start:end], entity)

    def render(self, memory: SecretMemory | None) -> ScrubbedContext:
        """Replace every found span and every remembered secret with ``<ENTITY_TYPE>``."""
        ctx = self._ctx
        findings: list[ContextFinding] = []
        out: dict[str, str | None] = {}
        for f in (self._title, self._url, self._clipboard):
            out[f.name] = _render(f, memory, findings)
        labels = [_render(f, memory, findings) for f in self._labels]

        def element(e: UiElement, i: int) -> UiElement:
            j = self._label_index.get(i)
            return e if j is None else replace(e, label=labels[j])

        focus = None if ctx.focus is None else element(ctx.focus, -1)
        return ScrubbedContext(
            app=ctx.app,
            title=out["title"],
            url=out["url"],
            clipboard=out["clipboard"],
            focus=focus,
            elements=tuple(element(e, i) for i, e in enumerate(ctx.elements)),
            secure_input=ctx.secure_input,
            denied=None,
            secure_fields=len(ctx.secure_elements),
            findings=tuple(findings),
        )


def analyze_context(ctx: FrameContext, *, analyze: Analyze | None, policy: ContextPolicy) -> ContextAnalysis:
    """Run the detectors (``analyze``, e.g. ``TextAnalyzer.analyze``; ``None`` for structure and memory only)
    on the strings ``policy`` scrubs. Element labels are analysed in one call, one label per line.
    """
    title = _Field("title", ctx.title, policy.title)
    url = _Field("url", ctx.url, policy.url)
    clipboard = _Field("clipboard", ctx.clipboard, policy.clipboard)
    if clipboard.text is not None and clipboard.mode is FieldMode.SCRUB and len(clipboard.text) > policy.clipboard_max_chars:
        clipboard.withheld = True
    for f in (title, url, clipboard):
        if f.text and f.mode is FieldMode.SCRUB and not f.withheld:
            f.spans = _detect(f.text, analyze)
    if url.text and url.mode is FieldMode.SCRUB:
        url.spans += [(s, e, entity, "url_structure") for s, e, entity in url_spans(url.text)]

    labels: list[_Field] = []
    index: dict[int, int] = {}
    owners = ([(-1, ctx.focus)] if ctx.focus is not None else []) + list(enumerate(ctx.elements))
    for i, e in owners:
        if e.label is not None:
            index[i] = len(labels)
            labels.append(_Field("label", e.label, policy.labels))
    scan = [f for f in labels if f.text and f.mode is FieldMode.SCRUB]
    if scan and analyze is not None:
        _detect_lines(scan, analyze)
    return ContextAnalysis(ctx, title, url, clipboard, labels, index)


def redact_context(
    ctx: FrameContext,
    *,
    policy: ContextPolicy | None = None,
    analyze: Analyze | None = None,
    memory: SecretMemory | None = None,
) -> ScrubbedContext:
    """Scrub a context that comes without an image (a clipboard event, a title change).

    A deny-listed context is withheld whole. Secrets found are remembered in ``memory``, and
    secrets already in it are redacted here.

    >>> ctx = FrameContext(app="Firefox", url="https://mail.example/inbox?tok=Zx81")
    >>> redact_context(ctx).url
    'https://mail.example/inbox?tok=<QUERY_VALUE>'
    """
    policy = policy if policy is not None else ContextPolicy()
    hit = deny_match(ctx, policy)
    if hit is not None:
        return ScrubbedContext.withheld(ctx, denied=hit.kind)
    analysis = analyze_context(ctx, analyze=analyze, policy=policy)
    if memory is not None:
        analysis.remember(memory)
    return analysis.render(memory)


def deny_match(ctx: FrameContext, policy: ContextPolicy) -> DenyMatch | None:
    """The deny rule a context matches under ``policy``, or ``None``."""
    return policy.deny_list.match(app=ctx.app, title=ctx.title, url=ctx.url)


# --- internals -----------------------------------------------------------------------------------


def _detect(text: str, analyze: Analyze | None) -> list[_Span]:
    if analyze is None:
        return []
    return [(f.start, f.end, f.entity_type, f.detector) for f in analyze(text)]


def _detect_lines(labels: list[_Field], analyze: Analyze) -> None:
    """One analyzer call for all labels: joined by newlines, spans mapped back to their label."""
    texts = [f.text.replace("\n", " ") if f.text else "" for f in labels]
    starts = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    joined = "\n".join(texts)
    for finding in analyze(joined):
        for f, lo, t in zip(labels, starts, texts, strict=True):
            hi = lo + len(t)
            if finding.start < hi and finding.end > lo:
                f.spans.append(
                    (max(finding.start, lo) - lo, min(finding.end, hi) - lo, finding.entity_type, finding.detector)
                )


def _render(f: _Field, memory: SecretMemory | None, findings: list[ContextFinding]) -> str | None:
    text = f.text
    if text is None:
        return None
    if f.mode is FieldMode.KEEP:
        return text
    if f.mode is FieldMode.DROP:
        return None
    if f.withheld:
        findings.append(ContextFinding(f.name, "WITHHELD", "clipboard_max_chars"))
        return WITHHELD
    spans = list(f.spans)
    if memory is not None:
        spans += [(s, e, entity, "session_memory") for s, e, entity in memory.find(text)]
        if f.name == "url":
            spans += _memory_in_segments(text, memory)
    if not spans:
        return text
    merged: list[_Span] = []
    # at one start, the longest span wins; at equal spans a detector's or the memory's entity beats the URL rules'
    for span in sorted(spans, key=lambda s: (s[0], -s[1], s[3] == "url_structure")):
        if merged and span[0] < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], span[1]), last[2], last[3])
            continue
        merged.append(span)
    parts: list[str] = []
    pos = 0
    for start, end, entity, detector in merged:
        parts.append(text[pos:start])
        parts.append(f"<{entity}>")
        findings.append(ContextFinding(f.name, entity, detector))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _memory_in_segments(url: str, memory: SecretMemory) -> list[_Span]:
    """Remembered secrets that fill a whole path segment (``/`` does not open a token for the memory)."""
    from urllib.parse import unquote

    spans: list[_Span] = []
    pos = 0
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    for seg in url[:cut].split("/"):
        hits = memory.find(unquote(seg)) if seg else []
        if hits:
            spans.append((pos, pos + len(seg), hits[0][2], "session_memory"))
        pos += len(seg) + 1
    return spans
