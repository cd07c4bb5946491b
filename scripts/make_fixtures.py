"""Regenerate the bundled example screenshots in fixtures/screens/ (seeded, deterministic).

Each screenshot is written with a ``.truth.json`` beside it (format: ``redact.eval._truth``):
the pixel boxes of every planted value, so the demo can report how many were covered.

    .venv/bin/python scripts/make_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from redact.eval._truth import Truth, TruthItem, save_truth
from redact.eval.render import demo_lines, render_screen

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "screens"

# (file stem, layout, theme, font size, scale, canvas)
SCREENS = [
    ("terminal-dark-13px", "terminal", "dark", 13, 1, (1920, 1080)),
    ("form-light-15px", "form", "light", 15, 1, (1920, 1080)),
    ("chat-light-14px", "chat", "light", 14, 1, (1920, 1080)),
    ("chat-dark-12px", "chat", "dark", 12, 1, (1920, 1080)),
    ("ide-dark-14px", "ide", "dark", 14, 1, (1920, 1080)),
    ("settings-light-11px", "settings", "light", 11, 1, (1280, 800)),
    ("form-hidpi-2x", "form", "light", 14, 2, (2560, 1600)),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for i, (stem, layout, theme, size, scale, (w, h)) in enumerate(SCREENS):
        screen = render_screen(
            layout, demo_lines(layout, seed=i, count=28), theme=theme, size=size, scale=scale, width=w, height=h, seed=i
        )
        path = OUT / f"{stem}.png"
        Image.fromarray(screen.image).save(path, optimize=True)
        items = tuple(TruthItem(s.label, True, s.boxes, s.text) for s in screen.spans)
        save_truth(Truth(w, h, items), path)
        print(f"{path.name}: {len(items)} planted values")


if __name__ == "__main__":
    main()
