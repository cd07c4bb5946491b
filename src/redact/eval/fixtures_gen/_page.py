"""The HTML shell every template renders into: themes, fonts and shared UI components."""

from __future__ import annotations

THEMES: dict[str, dict[str, str]] = {
    "light": {"bg": "#ffffff", "panel": "#f5f6f8", "fg": "#1f2328", "muted": "#656d76", "line": "#d0d7de",
              "accent": "#0969da", "field": "#ffffff", "code": "#f6f8fa", "add": "#e6ffec", "del": "#ffebe9",
              "bubble": "#e9eef6", "mine": "#d7f5dd"},
    "dark": {"bg": "#0d1117", "panel": "#161b22", "fg": "#e6edf3", "muted": "#8d96a0", "line": "#30363d",
             "accent": "#4493f8", "field": "#0d1117", "code": "#010409", "add": "#12261e", "del": "#25171c",
             "bubble": "#21262d", "mine": "#1b3a2a"},
}

SANS = ("DejaVu Sans", "Liberation Sans")
MONO = ("DejaVu Sans Mono", "Liberation Mono")

_CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; overflow: hidden; }
body { background: var(--bg); color: var(--fg); font: var(--fs)/1.45 var(--sans); }
.mono, pre, code { font-family: var(--mono); }
.app { display: flex; flex-direction: column; height: 100vh; }
.top { display: flex; align-items: center; gap: 1.5em; padding: .6em 1.2em; background: var(--panel);
       border-bottom: 1px solid var(--line); }
.top b { color: var(--accent); }
.row { display: flex; flex: 1; min-height: 0; }
.side { width: 15em; padding: 1em; background: var(--panel); border-right: 1px solid var(--line); color: var(--muted); }
.side div { padding: .25em 0; }
.main { flex: 1; padding: 1.2em 1.6em; overflow: hidden; min-width: 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 1em 1.2em; margin-bottom: 1em; }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .8em 2em; }
.grid3 { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .8em 2em; }
.field label { display: block; color: var(--muted); font-size: .85em; margin-bottom: .2em; }
.box { border: 1px solid var(--line); border-radius: 4px; padding: .35em .6em; background: var(--field);
       min-height: 2em; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; background: var(--panel); }
.muted { color: var(--muted); }
.btn { display: inline-block; padding: .35em .9em; border-radius: 4px; background: var(--accent); color: #fff; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; background: var(--code); padding: .8em 1em;
      border: 1px solid var(--line); border-radius: 6px; }
.bubble { max-width: 60%; padding: .5em .8em; border-radius: 10px; background: var(--bubble); margin: .35em 0;
          overflow-wrap: anywhere; }
.mine { margin-left: auto; background: var(--mine); }
.add { background: var(--add); } .del { background: var(--del); }
h1 { font-size: 1.5em; margin: 0 0 .6em; } h2 { font-size: 1.2em; margin: .2em 0 .6em; }
"""


def page(body: str, *, theme: str, font_px: int, sans: str, mono: str, title: str) -> str:
    """A complete HTML document: ``body`` inside the shared stylesheet, themed and sized."""
    t = THEMES[theme]
    vars_ = "".join(f"--{k}: {v}; " for k, v in t.items())
    root = f":root {{ {vars_}--fs: {font_px}px; --sans: '{sans}', sans-serif; --mono: '{mono}', monospace; }}"
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{root}{_CSS}</style></head><body>{body}</body></html>")


def shell(app: str, nav: list[str], main: str, *, user: str = "") -> str:
    """An application frame: top bar with the app name, a sidebar of ``nav`` items, the main pane."""
    side = "".join(f"<div>{n}</div>" for n in nav)
    return (f"<div class='app'><div class='top'><b>{app}</b><span class='muted'>Search…</span>"
            f"<span style='margin-left:auto'>{user}</span></div>"
            f"<div class='row'><div class='side'>{side}</div><div class='main'>{main}</div></div></div>")


def field(label: str, value_html: str) -> str:
    return f"<div class='field'><label>{label}</label><div class='box'>{value_html}</div></div>"


def table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"
