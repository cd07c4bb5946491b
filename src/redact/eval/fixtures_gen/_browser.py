"""Headless Chromium (Debian's, through selenium and chromedriver): render a page, read its truth.

The browser is started once with networking features off and a fresh profile, and every page is
rendered at an exact CSS viewport and device scale factor through the DevTools protocol, so the
PNG has exactly ``width*scale`` x ``height*scale`` pixels. Truth boxes come from the DOM: one
``Range.getClientRects()`` rectangle per line fragment of each marked span, times
``devicePixelRatio``. A marked span that is not wholly visible (past the viewport or clipped by a
scrolling pane) is hidden before the screenshot, so nothing half-visible goes unrecorded.
"""

from __future__ import annotations

import base64
import io
import math
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PIL import Image

_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--hide-scrollbars", "--disable-extensions", "--disable-default-apps")

_READ_BOXES = """
const dpr = window.devicePixelRatio, W = window.innerWidth, H = window.innerHeight;
function clip(el) {
  let c = [0, 0, W, H];
  for (let a = el.parentElement; a; a = a.parentElement) {
    const st = getComputedStyle(a);
    if (st.overflow !== 'visible' || st.overflowX !== 'visible' || st.overflowY !== 'visible') {
      const b = a.getBoundingClientRect();
      c = [Math.max(c[0], b.left), Math.max(c[1], b.top), Math.min(c[2], b.right), Math.min(c[3], b.bottom)];
    }
  }
  return c;
}
const out = [];
for (const el of document.querySelectorAll('[data-t]')) {
  const r = document.createRange();
  r.selectNodeContents(el);
  const rects = Array.from(r.getClientRects()).filter(q => q.width > 0.5 && q.height > 0.5);
  const c = clip(el);
  const ok = rects.length > 0 && rects.every(q => q.left >= c[0] - 0.5 && q.top >= c[1] - 0.5
                                             && q.right <= c[2] + 0.5 && q.bottom <= c[3] + 0.5);
  if (!ok) { el.style.visibility = 'hidden'; continue; }
  out.push({label: el.dataset.t, sensitive: el.dataset.s === '1', value: el.textContent,
            rects: rects.map(q => [q.left, q.top, q.right, q.bottom])});
}
return {dpr: dpr, items: out};
"""


@dataclass(frozen=True, slots=True)
class Rendered:
    """A screenshot and the marked spans on it, boxes in screenshot pixels (one per line)."""

    image: Image.Image
    items: tuple[tuple[str, bool, str, tuple[tuple[int, int, int, int], ...]], ...]


def _merge_lines(rects: list[list[float]], dpr: float, w: int, h: int) -> tuple[tuple[int, int, int, int], ...]:
    """Union the rectangles of each visual line, then scale to device pixels (rounded outward)."""
    lines: list[list[float]] = []
    for x0, y0, x1, y1 in sorted(rects, key=lambda q: (q[1], q[0])):
        for ln in lines:
            if abs((ln[1] + ln[3]) / 2 - (y0 + y1) / 2) < 0.5 * min(ln[3] - ln[1], y1 - y0):
                ln[:] = [min(ln[0], x0), min(ln[1], y0), max(ln[2], x1), max(ln[3], y1)]
                break
        else:
            lines.append([x0, y0, x1, y1])
    out = []
    for x0, y0, x1, y1 in lines:
        b = (math.floor(x0 * dpr), math.floor(y0 * dpr), math.ceil(x1 * dpr), math.ceil(y1 * dpr))
        out.append((max(0, b[0]), max(0, b[1]), min(w, b[2]), min(h, b[3])))
    return tuple(out)


class Browser:
    """One headless Chromium for many pages; use as a context manager.

    >>> with Browser() as b:                                        # doctest: +SKIP
    ...     shot = b.render("<p>hi</p>", width=1280, height=800, scale=1)
    """

    def __init__(self, *, binary: str = "/usr/bin/chromium", driver: str = "/usr/bin/chromedriver") -> None:
        self._binary, self._driver_path = binary, driver
        self._profile = ""
        self._workdir = ""
        self._drv = None

    def __enter__(self) -> Browser:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self._profile = tempfile.mkdtemp(prefix="redact-chromium-")
        self._workdir = tempfile.mkdtemp(prefix="redact-pages-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = self._binary
        for flag in (*_FLAGS, f"--user-data-dir={self._profile}"):
            opts.add_argument(flag)
        self._drv = webdriver.Chrome(service=Service(self._driver_path), options=opts)
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        if self._drv is not None:
            self._drv.quit()
        shutil.rmtree(self._profile, ignore_errors=True)
        shutil.rmtree(self._workdir, ignore_errors=True)

    def render(self, html: str, *, width: int, height: int, scale: int) -> Rendered:
        """Render ``html`` at a ``width`` x ``height`` CSS viewport, ``scale`` device pixels per CSS pixel."""
        assert self._drv is not None, "use Browser as a context manager"
        drv = self._drv
        drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})
        page = Path(self._workdir) / "page.html"
        page.write_text(html, encoding="utf-8")
        drv.get(page.as_uri())
        drv.execute_script("return document.fonts.ready.then(() => true)")
        found = drv.execute_script(_READ_BOXES)
        shot = drv.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})
        image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
        w, h = image.size
        items = tuple(
            (it["label"], bool(it["sensitive"]), it["value"], _merge_lines(it["rects"], float(found["dpr"]), w, h))
            for it in found["items"]
        )
        return Rendered(image=image, items=items)
