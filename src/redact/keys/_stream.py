"""The streaming masker: events in, events that are safe to store out, in the same order.

``KeyMasker.feed`` replays each event into the reconstructor. Keys typed where the context alone
says "password" are masked and released at once. Other typed keys are held back until their run
closes (Enter, Tab, Esc, a click, a focus change): then the password rules, the field rules, the
session memory and the text scanner decide, and the run is released masked or not. Anything that
arrives behind a held key waits too, so the output order is the input order. The hold is bounded
by ``hold_max_events`` and ``hold_max_seconds`` (event time); at the bound the open run is closed
and decided as it stands, with the unknown-context policy for a password-looking token.

Events in a deny-listed context (``redact.context``: password managers, banking, private windows,
lock screens, credential dialogs; matched on app, title or ``url``) have everything typed or
pasted masked as ``DENY_LISTED``, and their ``title`` and ``url`` fields withheld, whatever the
other rules say.

The bulk path (``mask_key_log``) and the command use this same object.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from redact.keys._context import ContextKind
from redact.keys._events import FOCUS_CHANGE, KEY_DOWN, KeyEvent, parse_event
from redact.keys._fields import CardFlow, label_entity
from redact.keys._mask import KEEP, Fate, MaskGroup, Renderer, SecretMemory, span_events
from redact.keys._password import PASSWORD, PasswordJudge, inline_secrets
from redact.keys._policy import KeyPolicy
from redact.keys._reconstruct import KeyKind, Reconstructor, TypedRun, base_key
from redact.keys._scanner import TextScanner

if TYPE_CHECKING:
    from redact.context._denylist import DenyList

__all__ = ["DENY_LISTED", "KeyMasker", "MaskStats"]

#: The entity of keys masked because their context is deny-listed.
DENY_LISTED = "DENY_LISTED"

_HELD = (KeyKind.CHAR, KeyKind.EDIT, KeyKind.PASTE)


@dataclass(slots=True)
class MaskStats:
    """Counts only: how many events went in and out, how many were masked, and why."""

    events_in: int = 0
    events_out: int = 0
    events_masked: int = 0
    runs: int = 0
    runs_masked: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "events_in": self.events_in,
            "events_out": self.events_out,
            "events_masked": self.events_masked,
            "runs": self.runs,
            "runs_masked": self.runs_masked,
            "findings": dict(sorted(self.findings.items())),
            "reasons": dict(sorted(self.reasons.items())),
        }


class KeyMasker:
    """Masks a stream of key events inline. One instance per recording session.

    ``scanner`` is the text analyzer (``None`` runs only the password, field and memory rules);
    ``memory`` lets two maskers share what was found (the bulk path's look-back pass); ``deny``
    is the deny list (``policy.context.deny_list``; ``None`` means the default list).

    >>> from redact.keys import KeyMasker
    >>> m = KeyMasker(scanner=None)
    >>> out = m.feed({"t": 0.0, "type": "key_down", "key": "x", "focus": {"role": "password"}})
    >>> [e.to_dict()["key"] for e in out + m.flush()]
    ['<masked>', '<masked>']
    """

    def __init__(
        self,
        *,
        scanner: TextScanner | None,
        policy: KeyPolicy | None = None,
        memory: SecretMemory | None = None,
        deny: DenyList | None = None,
    ) -> None:
        if deny is None:
            from redact.context._policy import ContextPolicy

            deny = ContextPolicy().deny_list
        self._deny = deny
        self._where: tuple[str | None, str | None, str | None] = (None, None, None)
        self._deny_group: MaskGroup | None = None
        self._policy = policy if policy is not None else KeyPolicy()
        self._scanner = scanner
        self._memory = memory if memory is not None else SecretMemory()
        self._rec = Reconstructor()
        self._judge = PasswordJudge(self._policy)
        self._cards = CardFlow()
        self._renderer = Renderer(self._policy)
        self._queue: deque[tuple[KeyEvent, Fate]] = deque()
        self._open: dict[int, Fate] = {}  # undecided fates of the open run, by event id
        self._pastes: dict[int, KeyEvent] = {}
        self._pressed: dict[str, Fate] = {}
        # scrubbed (title, url) by (title, url, secrets known): a window's title repeats on every
        # key event typed in it, so it is analysed once, and again only when a new secret is learnt
        self._where_cache: dict[tuple[str | None, str | None, int], tuple[str | None, str | None]] = {}
        self._secure_group: MaskGroup | None = None
        self._held_since: float | None = None
        self._eid = 0
        self.stats = MaskStats()

    @property
    def memory(self) -> SecretMemory:
        """The session memory of found secrets (keyed hashes only)."""
        return self._memory

    @property
    def held(self) -> int:
        """How many events are held back right now."""
        return len(self._queue)

    def feed(self, event: KeyEvent | Mapping[str, Any]) -> list[KeyEvent]:
        """Take one event; return the events (possibly none, possibly several) now safe to emit.

        Raises ``KeyLogError`` if ``event`` is malformed; the masker's state is unchanged then.
        """
        ev = event if isinstance(event, KeyEvent) else parse_event(event)
        self.stats.events_in += 1
        eid = self._eid
        self._eid = eid + 1
        kind, closed = self._rec.step(eid, ev)
        for run in closed:
            self._decide(run)
        denied = self._denied(ev)
        if denied is not None:
            ev = _withhold_context(ev)
        else:
            self._deny_group = None
            ev = self._scrub_where(ev)
        if kind in _HELD:
            ctx = self._rec.context
            fate = Fate()
            if denied is not None:
                group = self._deny_group
                if group is None:
                    group = self._deny_group = MaskGroup(DENY_LISTED)
                    stats = self.stats
                    stats.findings[DENY_LISTED] = stats.findings.get(DENY_LISTED, 0) + 1
                    reason = f"deny:{denied}"
                    stats.reasons[reason] = stats.reasons.get(reason, 0) + 1
                fate.mask(group)
                fate.decided = True
            elif ctx is not None and ctx.kind is ContextKind.SECURE:
                group = self._secure_group
                if group is None:
                    group = self._secure_group = MaskGroup(PASSWORD)
                fate.mask(group)
                fate.decided = True
            else:
                if not self._open:
                    self._held_since = ev.t
                self._open[eid] = fate
            if kind is KeyKind.PASTE:
                self._pastes[eid] = ev
            else:
                self._pressed[base_key(ev.key or "")] = fate
        elif kind is KeyKind.KEY_UP:
            fate = self._pressed.pop(base_key(ev.key or ""), KEEP)
        else:
            fate = KEEP
            if ev.type == KEY_DOWN and ev.key:
                self._pressed[base_key(ev.key)] = KEEP
        self._queue.append((ev, fate))
        policy = self._policy
        if self._open and (
            len(self._queue) > policy.hold_max_events or ev.t - (self._held_since or ev.t) > policy.hold_max_seconds
        ):
            self._force("bound")
        return self._release()

    def tick(self, now: float) -> list[KeyEvent]:
        """Apply the time bound at recorder time ``now`` when no event arrives; return what is released."""
        if self._open and self._held_since is not None and now - self._held_since > self._policy.hold_max_seconds:
            self._force("bound")
        return self._release()

    def flush(self) -> list[KeyEvent]:
        """End of the session: decide the open run and release everything held."""
        self._force("end")
        out = self._release()
        assert not self._queue, "every event is decided after flush"
        return out

    # -- internals --------------------------------------------------------------------------

    def _denied(self, ev: KeyEvent) -> str | None:
        """The deny kind of the context ``ev`` happens in: its own app/title/url, the rest inherited
        from earlier events unless a focus change or another app starts a new window."""
        app, title, url = self._where
        raw_url = ev.raw.get("url") if ev.raw is not None else None
        ev_url = raw_url if isinstance(raw_url, str) else None
        if ev.type == FOCUS_CHANGE or (ev.app is not None and ev.app != app):
            where = (ev.app, ev.title, ev_url)
        else:
            where = (app, ev.title if ev.title is not None else title, ev_url if ev_url is not None else url)
        self._where = where
        hit = self._deny.match(app=where[0], title=where[1], url=where[2])
        return None if hit is None else hit.kind

    def _force(self, boundary: str) -> None:
        run = self._rec.close(boundary)
        if run is not None:
            self._decide(run)

    def _release(self) -> list[KeyEvent]:
        out: list[KeyEvent] = []
        queue = self._queue
        render = self._renderer.render
        while queue and queue[0][1].decided:
            ev, fate = queue.popleft()
            render(ev, fate, out)
        stats = self.stats
        stats.events_out = self._renderer.emitted
        stats.events_masked = self._renderer.masked_in
        return out

    def _decide(self, run: TypedRun) -> None:
        stats = self.stats
        stats.runs += 1
        ctx = run.context
        fates = self._open
        verdict = self._judge.judge(run)
        entity = verdict.entity
        reason = verdict.reason
        if entity is None:
            entity = label_entity(ctx.label) or self._cards.entity(run)
            reason = "field"
        if entity is not None:
            self._secure_group = None
            group = MaskGroup(entity)
            for eid in run.events:
                fate = fates.get(eid)
                if fate is not None:
                    fate.mask(group)
            if run.events:
                stats.runs_masked += 1
                stats.reasons[reason] = stats.reasons.get(reason, 0) + 1
                stats.findings[entity] = stats.findings.get(entity, 0) + 1
            if self._policy.remember_secrets and len(run.text.strip()) >= self._policy.min_secret_length:
                self._memory.remember(run.text, entity)
        elif run.events:
            self._mask_findings(run)
        for eid in run.events:
            fate = fates.pop(eid, None)
            if fate is not None:
                fate.decided = True
            self._pastes.pop(eid, None)
        self._held_since = None

    def _mask_findings(self, run: TypedRun) -> None:
        text = run.text
        spans = self._find(text, label=run.context.label)
        if run.context.kind in (ContextKind.TERMINAL, ContextKind.UNKNOWN):
            spans.extend((s, e, PASSWORD) for s, e in inline_secrets(text))
        fates = self._open
        stats = self.stats
        remember = self._policy.remember_secrets
        min_len = self._policy.min_secret_length
        for start, end, entity in spans:
            group = MaskGroup(entity)
            ids, parts = span_events(run, start, end)
            for eid in ids:
                fate = fates.get(eid)
                if fate is not None:
                    fate.mask(group, parts.get(eid) if eid in self._pastes else None)
            stats.findings[entity] = stats.findings.get(entity, 0) + 1
            if entity == "CREDIT_CARD":
                self._cards.card_seen(run)
            if remember and end - start >= min_len:
                self._memory.remember(text[start:end], entity)
        for eid, paste in self._pastes.items():
            fate = fates.get(eid)
            if fate is None or not paste.text:
                continue
            for start, end, entity in self._find(paste.text):
                fate.mask(MaskGroup(entity), [(start, end)])
                if remember and end - start >= min_len:
                    self._memory.remember(paste.text[start:end], entity)
        if spans:
            stats.runs_masked += 1

    def _scrub_where(self, ev: KeyEvent) -> KeyEvent:
        """Scrub the window title and URL an event carries ("Inbox - jane@corp.com", "?token=...").

        The same detectors as everywhere; remembered secrets too. Without a scanner (the caller
        asked for password rules only) the fields pass as they are.
        """
        url = ev.raw.get("url") if ev.raw is not None else None
        if self._scanner is None or (ev.title is None and not isinstance(url, str)):
            return ev
        key = (ev.title, url if isinstance(url, str) else None, len(self._memory))
        hit = self._where_cache.get(key)
        if hit is None:
            from redact.context._model import FrameContext
            from redact.context._scrub import redact_context

            ctx = FrameContext(app=ev.app, title=key[0], url=key[1])
            scrubbed = redact_context(ctx, analyze=self._scanner.analyze, memory=self._memory)
            hit = (scrubbed.title, scrubbed.url)
            if len(self._where_cache) > 512:
                self._where_cache.clear()
            self._where_cache[key] = hit
        if hit == key[:2]:
            return ev
        return _replace_where(ev, hit[0], hit[1])

    def _find(self, text: str, *, label: str | None = None) -> list[tuple[int, int, str]]:
        """Spans of ``text`` that are remembered secrets or that the scanner finds.

        A field's label is given to the scanner as context ("Phone: 415 555 0132"), as it would
        read on a form: a bare number typed into a field is a phone number only because of it.
        """
        spans = self._memory.find(text)
        if self._scanner is not None and len(text.strip()) >= 3:
            policy = self._policy
            prefix = f"{label.strip()}: " if label and label.strip() else ""
            for f in self._scanner.analyze(prefix + text):
                start, end = f.start - len(prefix), f.end - len(prefix)
                if end <= 0:
                    continue  # a finding inside the label itself
                if f.score >= policy.min_score and f.entity_type not in policy.ignore_entities:
                    spans.append((max(0, start), end, f.entity_type))
        return spans


def _replace_where(ev: KeyEvent, title: str | None, url: str | None) -> KeyEvent:
    """``ev`` with its title and URL replaced (in the parsed fields and in ``raw``, which is written)."""
    from dataclasses import replace

    raw = dict(ev.raw) if ev.raw is not None else None
    if raw is not None:
        if raw.get("title") is not None:
            raw["title"] = title
        if raw.get("url") is not None:
            raw["url"] = url
    return replace(ev, title=title, raw=raw)


def _withhold_context(ev: KeyEvent) -> KeyEvent:
    """``ev`` with its title and URL replaced by a placeholder: a deny-listed window's title says too much."""
    from dataclasses import replace

    from redact.context._scrub import WITHHELD

    raw = ev.raw
    if raw is not None and (raw.get("title") is not None or raw.get("url") is not None):
        raw = dict(raw)
        for key in ("title", "url"):
            if raw.get(key) is not None:
                raw[key] = WITHHELD
    title = None if ev.title is None else WITHHELD
    if raw is ev.raw and title == ev.title:
        return ev
    return replace(ev, title=title, raw=raw)  # ``raw`` is what to_dict writes: it carries the placeholder
