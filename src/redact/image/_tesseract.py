"""The two Tesseract adapters: tesserocr (in-process, warm model) and pytesseract (subprocess).

Why two: tesserocr keeps one ``TessBaseAPI`` loaded for the life of the engine, which saves the
150-550 ms per call that pytesseract spends starting a process, writing a PNG and reloading the
model; pytesseract is the fallback for machines where the tesserocr wheel cannot load.

Both adapters speak Tesseract's TSV (block/par/line/word rows with boxes and confidences), so a
single parser turns either into ``OcrLine``/``OcrWord`` objects; nothing from tesserocr or
pytesseract leaves this module. How a screenshot is cut into regions and prepared before OCR
lives in ``_regions``; this module only runs Tesseract on prepared grey images.
"""

from __future__ import annotations

import os

# OpenMP inside Tesseract costs 4-6x CPU on screenshots for no gain (field notes, section 1);
# it must be off before the library (or the pytesseract subprocess) starts.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

from redact._errors import EngineError, OcrError  # noqa: E402
from redact.image import _regions  # noqa: E402
from redact.image._model import Box, OcrLine, OcrPage, OcrWord  # noqa: E402

__all__ = [
    "PytesseractEngine",
    "TesserocrEngine",
    "TesseractSettings",
    "find_tessdata",
]

TESSDATA_CANDIDATES: tuple[str, ...] = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
)
INSTALL_HINT = (
    "install Tesseract and its English model with `apt-get install tesseract-ocr tesseract-ocr-eng` "
    "and the Python binding with `pip install tesserocr` (or `pip install pytesseract`)"
)


def find_tessdata(explicit: str | None = None, *, lang: str = "eng") -> str:
    """Return the tessdata directory holding ``<lang>.traineddata``.

    Order: ``explicit``, ``$TESSDATA_PREFIX``, then the Debian/Ubuntu/Fedora locations. The
    tesserocr wheel bundles its own libtesseract whose compiled-in path does not exist on the
    host, so it must always be told where the models are.
    """
    candidates = [explicit] if explicit else []
    env = os.environ.get("TESSDATA_PREFIX")
    if env and not explicit:
        candidates += [env, os.path.join(env, "tessdata")]
    if not explicit:
        candidates += list(TESSDATA_CANDIDATES)
    for c in candidates:
        if c and (Path(c) / f"{lang}.traineddata").is_file():
            return str(Path(c))
    raise EngineError(
        f"no {lang}.traineddata found in {', '.join(c for c in candidates if c)}; {INSTALL_HINT}, "
        "or pass tessdata=... / set TESSDATA_PREFIX",
        code="R301",
    )


# Printable ASCII: what secrets, emails and code are made of. Whitelisting it stops the LSTM from
# reading `l` as `|` in fancy Unicode or `-` as an em dash, which would break exact patterns.
ASCII_WHITELIST = "".join(chr(c) for c in range(32, 127))


@dataclass(frozen=True, slots=True)
class TesseractSettings:
    """Tesseract options that matter on screenshots; every engine takes one.

    ``strategy`` chooses how a screenshot is fed to Tesseract (see ``_regions.STRATEGIES``):
    ``"regions"`` (default: text lines found with OpenCV, each normalised and read alone),
    ``"page"`` (the whole grey image, as Tesseract's defaults would) or ``"page-upscaled"``.
    ``dictionaries=False`` switches Tesseract's word lists off, because tokens and keys are not
    words and the dictionary pulls ``AKIA...`` towards English.

    Speed: Tesseract's LSTM dominates the cost (~0.4 ms per character on one core) and its work
    grows with the width of each line once scaled to the network's input height, so regions are
    narrowed to ``squash`` = 0.85 of their width: on ``benchmarks/bench_ocr.py`` ~10-15 % less
    CPU at the same word recall and secret cover. A 14-16 px ``target_xheight`` saves a little
    more but misreads more ``I``/``1`` and ``O``/``0`` in monospaced keys, and squash 0.75 loses
    exact reads. ``time_limit`` caps one page: past it ``read`` raises ``OcrError`` (the
    pipeline then fails closed).
    """

    strategy: str = "regions"
    lang: str = "eng"
    whitelist: str | None = None
    dictionaries: bool = True
    target_xheight: float = 20.0
    squash: float = 0.85
    time_limit: float = 20.0

    def __post_init__(self) -> None:
        if self.strategy not in _regions.STRATEGIES:
            raise EngineError(
                f"unknown OCR strategy {self.strategy!r}; valid: {', '.join(_regions.STRATEGIES)}",
                code="R302",
            )
        if not 6.0 <= self.target_xheight <= 60.0:
            raise EngineError(f"target_xheight {self.target_xheight} outside 6-60 px", code="R302")
        if not 0.5 <= self.squash <= 1.0:
            raise EngineError(f"squash {self.squash} outside 0.5-1.0", code="R302")
        if not self.time_limit > 0:
            raise EngineError(f"time_limit must be > 0 seconds, got {self.time_limit}", code="R302")

    def variables(self) -> dict[str, str]:
        """Tesseract variables for these settings (set at init: some are init-only)."""
        out: dict[str, str] = {}
        if self.whitelist:
            out["tessedit_char_whitelist"] = self.whitelist
        if self.strategy.startswith("regions"):
            # Regions arrive dark-on-light already; Tesseract's own retry of inverted lines
            # would only cost time.
            out["tessedit_do_invert"] = "0"
            # Fixed-pitch word segmentation is legacy layout work the LSTM does not use: ~3% of
            # Tesseract's instructions on a page, same text on all 1915 fixture regions (two
            # empty words' boxes moved), same redacted fixture images and screenshot recall.
            out["textord_all_prop"] = "1"
        if not self.dictionaries:
            out["load_system_dawg"] = "0"
            out["load_freq_dawg"] = "0"
        return out


# --------------------------------------------------------------------------------------------
# TSV -> lines of words


def parse_tsv(
    tsv: str,
    *,
    scale: float = 1.0,
    xscale: float | None = None,
    dx: float = 0.0,
    dy: float = 0.0,
    keep: Box | None = None,
) -> list[OcrLine]:
    """Tesseract TSV -> ``OcrLine`` list, boxes mapped by ``orig = dx + tsv / scale``.

    ``xscale`` (default ``scale``) is the horizontal factor when the image was resized unevenly.

    Lines keep Tesseract's (block, par, line) grouping; words with empty text are dropped.
    ``keep`` clips boxes to the region they came from (a padded crop may extend past it).
    """
    sx = scale if xscale is None else xscale
    groups: dict[tuple[int, int, int, int], list[OcrWord]] = {}
    order: list[tuple[int, int, int, int]] = []
    for row in tsv.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        try:
            left, top, w, h = (int(c) for c in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        box = Box(
            int(dx + left / sx),
            int(dy + top / scale),
            int(np.ceil(dx + (left + w) / sx)),
            int(np.ceil(dy + (top + h) / scale)),
        )
        if keep is not None:
            box = Box(max(box.x0, keep.x0), max(box.y0, keep.y0), min(box.x1, keep.x1), min(box.y1, keep.y1))
            if box.area <= 0:
                continue
        key = (int(cols[1]), int(cols[2]), int(cols[3]), int(cols[4]))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(OcrWord(text=text, box=box, conf=max(0.0, conf)))
    return [_line(groups[k]) for k in order]


def _line(words: Sequence[OcrWord]) -> OcrLine:
    box = words[0].box
    for w in words[1:]:
        box = box.union(w.box)
    return OcrLine(words=tuple(words), box=box)


def _overran(limit: float) -> OcrError:
    return OcrError(f"OCR overran its time limit of {limit:g} s", code="R312")


def _as_rgb(image: np.ndarray) -> np.ndarray:
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise OcrError("OCR input must be a uint8 numpy array (H x W x 3, RGB)", code="R311")
    if image.ndim == 2:
        return np.repeat(image[:, :, None], 3, axis=2)
    if image.ndim != 3 or image.shape[2] not in (3, 4) or image.shape[0] < 1 or image.shape[1] < 1:
        raise OcrError(f"OCR input has shape {image.shape}; expected H x W x 3 (RGB)", code="R311")
    return image[:, :, :3]


# --------------------------------------------------------------------------------------------
# Engines


class TesserocrEngine:
    """In-process Tesseract through tesserocr, one warm ``PyTessBaseAPI`` per thread.

    Building an API loads the model (~100 ms); it is built once per thread on first use and
    reused. One per thread rather than one behind a lock because a redactor is shared across
    threads and tesserocr releases the GIL while recognising, so threads really run in parallel.

    Example::

        engine = TesserocrEngine()
        page = engine.read(rgb_array)
    """

    name = "tesserocr"

    def __init__(self, *, tessdata: str | None = None, settings: TesseractSettings | None = None) -> None:
        self.settings = settings or TesseractSettings()
        try:
            import tesserocr
        except ImportError as exc:  # pragma: no cover - depends on the machine
            raise EngineError(f"tesserocr cannot be imported ({exc}); {INSTALL_HINT}", code="R301") from exc
        self._tesserocr: Any = tesserocr
        self.tessdata = find_tessdata(tessdata, lang=self.settings.lang)
        self._local = threading.local()
        self._apis: list[Any] = []
        self._lock = threading.Lock()
        self._api()  # fail now, not on the first screenshot

    def _api(self) -> Any:
        api = getattr(self._local, "api", None)
        if api is None:
            tr = self._tesserocr
            try:
                api = tr.PyTessBaseAPI(
                    path=self.tessdata.rstrip("/") + "/",
                    lang=self.settings.lang,
                    psm=tr.PSM.SINGLE_BLOCK,
                    oem=tr.OEM.LSTM_ONLY,
                    variables=self.settings.variables(),
                )
            except RuntimeError as exc:
                raise EngineError(
                    f"tesserocr could not load the {self.settings.lang!r} model from {self.tessdata} "
                    f"({exc}); {INSTALL_HINT}",
                    code="R301",
                ) from exc
            self._local.api = api
            with self._lock:
                self._apis.append(api)
        return api

    def _recognise(self, gray: np.ndarray, psm: int, deadline: float | None = None) -> str:
        """Run Tesseract on one prepared grey image and return its TSV.

        ``deadline`` (a ``time.perf_counter()`` value) bounds the call: Tesseract is told the time
        left and an overrun raises ``OcrError`` rather than returning a partial page.
        """
        timeout_ms = 0
        if deadline is not None:
            timeout_ms = int((deadline - time.perf_counter()) * 1000)
            if timeout_ms <= 0:
                raise _overran(self.settings.time_limit)
        api = self._api()
        gray = np.ascontiguousarray(gray)
        h, w = gray.shape
        api.SetPageSegMode(psm)
        buf = gray.tobytes()  # Tesseract does not copy the buffer: keep it alive until done
        api.SetImageBytes(buf, w, h, 1, w)
        api.SetSourceResolution(96)
        if not api.Recognize(timeout=timeout_ms):
            if deadline is not None and time.perf_counter() >= deadline - 0.005:
                raise _overran(self.settings.time_limit)
            return ""
        return api.GetTSVText(0) or ""

    def read(self, image: np.ndarray, *, cache: _regions.OcrCache | None = None) -> OcrPage:
        """OCR one RGB screenshot; boxes are in its pixel coordinates.

        Raises ``OcrError`` when the page takes longer than ``settings.time_limit`` seconds.
        ``cache`` (from :meth:`new_cache`, one per recording) reuses earlier frames' reads of
        identical regions.
        """
        rgb = _as_rgb(image)
        if cache is not None and cache.namespace != self._cache_namespace():
            raise OcrError("this OCR cache was made for another engine or settings; use engine.new_cache()", code="R311")
        deadline = time.perf_counter() + self.settings.time_limit

        def recognise(gray: np.ndarray, psm: int) -> str:
            return self._recognise(gray, psm, deadline)

        try:
            lines = _regions.run_strategy(
                rgb, recognise, strategy=self.settings.strategy,
                target_xheight=self.settings.target_xheight, squash=self.settings.squash, cache=cache,
            )
        except EngineError:
            raise
        except Exception as exc:
            raise OcrError(f"tesserocr failed on a {rgb.shape[1]}x{rgb.shape[0]} image: {exc}") from exc
        return OcrPage(width=rgb.shape[1], height=rgb.shape[0], lines=tuple(lines), engine=self.name)

    def new_cache(self, max_regions: int = 4096) -> _regions.OcrCache:
        """An empty :class:`~redact.image._regions.OcrCache` for one recording read by this engine."""
        return _regions.OcrCache(max_regions, namespace=self._cache_namespace())

    def _cache_namespace(self) -> str:
        return f"{self.name}|{self.tessdata}|{self.settings!r}"

    def close(self) -> None:
        """Free every thread's Tesseract instance (they are also freed with the engine)."""
        with self._lock:
            for api in self._apis:
                api.End()
            self._apis.clear()
        self._local = threading.local()


class PytesseractEngine:
    """Tesseract through the ``tesseract`` command line (pytesseract); the portable fallback.

    Each call starts a process, so the ``regions`` strategy packs all prepared regions into one
    image (a mosaic) and runs Tesseract once on it instead of once per region.

    Example::

        page = PytesseractEngine().read(rgb_array)
    """

    name = "pytesseract"

    def __init__(self, *, tessdata: str | None = None, settings: TesseractSettings | None = None) -> None:
        self.settings = settings or TesseractSettings()
        try:
            import pytesseract
        except ImportError as exc:  # pragma: no cover - depends on the machine
            raise EngineError(f"pytesseract cannot be imported ({exc}); {INSTALL_HINT}", code="R301") from exc
        self._pt: Any = pytesseract
        try:
            pytesseract.get_tesseract_version()
        except Exception as exc:
            raise EngineError(f"the tesseract program was not found ({exc}); {INSTALL_HINT}", code="R301") from exc
        self.tessdata = find_tessdata(tessdata, lang=self.settings.lang)

    def _config(self, psm: int) -> str:
        parts = [f"--psm {psm}", "--oem 1", f'--tessdata-dir "{self.tessdata}"']
        for k, v in self.settings.variables().items():
            parts.append(f"-c {k}={v}")
        return " ".join(parts)

    def _recognise(self, gray: np.ndarray, psm: int, deadline: float | None = None) -> str:
        from PIL import Image

        timeout = 0.0
        if deadline is not None:
            timeout = deadline - time.perf_counter()
            if timeout <= 0:
                raise _overran(self.settings.time_limit)
        try:
            return str(self._pt.image_to_data(
                Image.fromarray(gray), lang=self.settings.lang, config=self._config(psm), timeout=timeout,
            ))
        except self._pt.TesseractError as exc:
            raise OcrError(f"tesseract exited with an error: {exc}") from exc
        except RuntimeError as exc:  # pytesseract's "Tesseract process timeout"
            if deadline is not None and time.perf_counter() >= deadline - 0.05:
                raise _overran(self.settings.time_limit) from exc
            raise OcrError(f"tesseract failed: {exc}") from exc

    def read(self, image: np.ndarray, *, cache: _regions.OcrCache | None = None) -> OcrPage:
        """OCR one RGB screenshot with the tesseract program (``OcrError`` past ``time_limit``).

        ``cache`` is accepted for the same interface and not used: the regions are read in one
        call per page here, whose cost is mostly starting the program.
        """
        rgb = _as_rgb(image)
        deadline = time.perf_counter() + self.settings.time_limit

        def recognise(gray: np.ndarray, psm: int) -> str:
            return self._recognise(gray, psm, deadline)

        lines = _regions.run_strategy(
            rgb, recognise, strategy=self.settings.strategy,
            target_xheight=self.settings.target_xheight, squash=self.settings.squash, mosaic=True,
        )
        return OcrPage(width=rgb.shape[1], height=rgb.shape[0], lines=tuple(lines), engine=self.name)

