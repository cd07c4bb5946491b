"""Secret samples rendered into screenshots, for per-family recall on pixels.

:mod:`redact.eval.secretgen` places a fake, format-valid secret in a realistic line (code, env
file, shell, chat, config); this module draws that line into a UI with the screenshot renderer,
marking the secret so the renderer reports the pixel box of every fragment. The same samples
thus measure recall on text (the detectors) and on screens (OCR, detectors, location, paint).
"""

from __future__ import annotations

from collections.abc import Iterator

from redact.eval.render import Line, RenderedScreen, Segment, render_screen
from redact.eval.secretgen import SecretSample

#: (layout, theme, font size, font): monospace and proportional, light and dark, 11-16 px.
VARIANTS: tuple[tuple[str, str, int, str | None], ...] = (
    ("terminal", "dark", 13, "dejavu-sans-mono"),
    ("ide", "light", 14, "liberation-mono"),
    ("chat", "light", 15, "dejavu-sans"),
    ("terminal", "light", 16, "liberation-mono"),
    ("chat", "dark", 12, "liberation-sans"),
    ("ide", "dark", 11, "dejavu-sans-mono"),
)


def sample_lines(sample: SecretSample, label: str = "secret") -> list[Line]:
    """The sample's text as renderer lines, the secret's characters marked on every line they touch."""
    out: list[Line] = []
    offset = 0
    for raw in sample.text.split("\n"):
        parts: list[str | Segment] = []
        pos = 0
        for a, b in sorted(sample.spans):
            lo, hi = max(a - offset, 0), min(b - offset, len(raw))
            if lo >= hi or lo < pos:
                continue
            if lo > pos:
                parts.append(raw[pos:lo])
            parts.append(Segment(raw[lo:hi], label))
            pos = hi
        if pos < len(raw):
            parts.append(raw[pos:])
        out.append(parts or [""])
        offset += len(raw) + 1
    return out


def render_sample(sample: SecretSample, variant: tuple[str, str, int, str | None], *, seed: int = 0) -> RenderedScreen:
    """One sample drawn in one UI variant, between a few lines of ordinary text.

    In a chat the sample is one message, its lines in one bubble: a key, snippet or list of codes
    is pasted as one message, not sent line by line (the other layouts draw lines in sequence).
    """
    layout, theme, size, font = variant
    body = sample_lines(sample)
    lines: list[Line] = ["$ cd ~/work/service", *body, "done in 1.2s"]
    return render_screen(layout, lines, theme=theme, size=size, font=font, width=1500, height=360, seed=seed,
                         messages=[1, len(body), 1])


def variants_for(n: int) -> Iterator[tuple[str, str, int, str | None]]:
    """``n`` variants, cycling through :data:`VARIANTS`."""
    for i in range(n):
        yield VARIANTS[i % len(VARIANTS)]
