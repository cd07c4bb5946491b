"""The redactor: engines built once from a policy, then one call per image or string."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from redact._errors import EngineError, InputError
from redact._policy import FailMode, Policy
from redact._results import ImageFinding, ImageResult, Status, TextResult, Timings

if TYPE_CHECKING:
    from redact._memory import SecretMemory
    from redact.context._model import FrameContext
    from redact.context._scrub import ScrubbedContext
    from redact.image._io import ChannelOrder, ImageInput, LoadedImage
    from redact.image._model import Box
    from redact.image._ocr import OcrEngine
    from redact.image._regions import OcrCache
    from redact.text._analyzer import TextAnalyzer

log = logging.getLogger("redact")


class Redactor:
    """Redacts screenshots and text according to a :class:`Policy`.

    Build it once: construction loads the OCR engine, spaCy and Presidio (about a second); every
    call after that costs only the work on its input. One instance can be shared by threads.

    >>> from redact import Redactor, Policy
    >>> r = Redactor(Policy(style="fill"))                           # doctest: +SKIP
    >>> result = r.redact_image("screenshot.png")                    # doctest: +SKIP
    >>> result.status, result.entity_counts                          # doctest: +SKIP
    (<Status.OK: 'ok'>, {'EMAIL_ADDRESS': 2, 'AWS_ACCESS_KEY': 1})
    """

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        ocr: OcrEngine | None = None,
        analyzer: TextAnalyzer | None = None,
    ) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before tesseract loads: OpenMP costs 4-6x CPU
        from redact.image._ocr import make_ocr_engine
        from redact.text._analyzer import TextAnalyzer

        self._policy = policy if policy is not None else Policy()
        self._analyzer = analyzer if analyzer is not None else TextAnalyzer(self._policy)
        self._ocr = ocr if ocr is not None else make_ocr_engine(self._policy.ocr_engine)

    @property
    def policy(self) -> Policy:
        return self._policy

    @property
    def analyzer(self) -> TextAnalyzer:
        return self._analyzer

    def __repr__(self) -> str:
        return f"<Redactor style={self._policy.style.value} ocr={self._ocr.name} entities={len(self._policy.entities)}>"

    def ocr_cache(self, max_regions: int = 4096) -> OcrCache:
        """A new OCR cache for one recording: pass it to every :meth:`redact_image` of its frames.

        Text lines whose pixels are the same as in an earlier frame are not OCR'd again (what
        Tesseract read there is reused, and it reads identical pixels identically), so the frames
        come out the same as without the cache, at less CPU. The cache holds what OCR read (screen
        text, secrets included) until it is dropped: keep one per recording, like its
        :class:`SecretMemory`, never one per process. Raises :class:`EngineError` when the OCR
        engine cannot cache (the pytesseract fallback and custom engines).
        """
        new_cache = getattr(self._ocr, "new_cache", None)
        if new_cache is None:
            raise EngineError(f"OCR engine {self._ocr.name!r} does not cache regions", code="R302")
        cache: OcrCache = new_cache(max_regions)
        return cache

    # --- text --------------------------------------------------------------------------------

    def redact_text(self, text: str) -> TextResult:
        """Findings in ``text`` and the text with ``<ENTITY_TYPE>`` in place of each.

        >>> Redactor().redact_text("write to jane@corp.com").text    # doctest: +SKIP
        'write to <EMAIL_ADDRESS>'
        """
        if not isinstance(text, str):
            raise InputError(f"redact_text takes a str, got {type(text).__name__}", code="R120")
        from redact.text._presidio import anonymize

        findings = tuple(self._analyzer.analyze(text))
        return TextResult(text=anonymize(text, findings), findings=findings)

    # --- images ------------------------------------------------------------------------------

    def redact_image(
        self,
        image: ImageInput,
        *,
        channel_order: ChannelOrder = "rgb",
        memory: SecretMemory | None = None,
        context: FrameContext | None = None,
        ocr_cache: OcrCache | None = None,
    ) -> ImageResult:
        """Redact one screenshot given as a path, bytes, PIL image or numpy array.

        The result's image has the input's kind, size and mode (numpy in, numpy out, in the same
        channel order). Bad input raises :class:`InputError`. If OCR or detection fails or overruns
        ``timeout_seconds``, the fail mode decides: ``blank`` returns a fully filled image with
        status ``blanked``; ``raise`` re-raises the :class:`EngineError`.

        ``memory`` (one :class:`SecretMemory` per recorded session) carries what was learnt from
        earlier frames and key events: secrets found here are remembered, and remembered ones are
        redacted here wherever OCR reads them, even where no detector would fire.

        ``context`` (a :class:`FrameContext`: app, title, URL, UI elements, clipboard) is used as
        ``policy.context`` says: a deny-listed frame is blanked whole without OCR (status
        ``blanked``, ``error_code`` ``"deny:<kind>"``); password elements are redacted whatever
        OCR reads (entity ``PASSWORD``, detector ``secure_field``); title, URL, clipboard and
        labels are scrubbed and returned as ``result.context``.

        ``ocr_cache`` (from :meth:`ocr_cache`, one per recording) saves OCR on the text lines this
        frame shares pixel for pixel with earlier frames of the same recording.
        """
        from redact.image._io import load_image, to_output
        from redact.image._pipeline import redact_pixels

        t0 = time.perf_counter()
        loaded = load_image(image, max_pixels=self._policy.max_pixels, channel_order=channel_order)
        t_load = time.perf_counter() - t0
        h, w = loaded.rgb.shape[:2]
        cpol = self._policy.context
        analysis = None
        forced: tuple[Box, ...] = ()
        if context is not None:
            from redact.context._model import FrameContext
            from redact.context._scrub import ScrubbedContext, analyze_context, deny_match

            if not isinstance(context, FrameContext):
                raise InputError(
                    f"context must be a FrameContext (FrameContext.from_dict(...)), not {type(context).__name__}",
                    code="R143",
                )
            hit = deny_match(context, cpol)
            if hit is not None:
                log.info("frame %s blanked: deny-listed context (%s)", loaded.source, hit.kind)
                return self._blanked(
                    loaded, t0, t_load, f"deny:{hit.kind}", ScrubbedContext.withheld(context, denied=hit.kind)
                )
            if memory is None:
                memory = _new_memory()  # lets the frame and its context teach each other
            if cpol.secure_fields:
                forced = tuple(
                    b for e in context.secure_elements if e.bounds is not None and (b := e.bounds.clip(w, h)).area > 0
                )
        try:
            if context is not None:
                try:
                    analysis = analyze_context(context, analyze=self._analyzer.analyze, policy=cpol)
                except EngineError:
                    raise
                except Exception as exc:
                    raise EngineError(f"context analysis failed: {type(exc).__name__}", code="R322") from None
                assert memory is not None
                analysis.remember(memory)
            px = redact_pixels(
                loaded.rgb,
                loaded.alpha,
                ocr=self._ocr,
                analyze=self._analyzer.analyze,
                analyze_readings=getattr(self._analyzer, "analyze_readings", None),
                ocr_cache=ocr_cache,
                policy=self._policy,
                deadline=t0 + self._policy.timeout_seconds,
                memory=memory,
                forced=forced,
            )
        except EngineError as exc:
            if self._policy.fail_mode is FailMode.RAISE:
                raise
            log.warning("redaction of %s failed (%s); image blanked", loaded.source, exc.code)
            withheld = None
            if context is not None:
                from redact.context._scrub import ScrubbedContext

                withheld = ScrubbedContext.withheld(context)
            return self._blanked(loaded, t0, t_load, exc.code, withheld)
        findings = tuple(
            ImageFinding(loc.finding.entity_type, loc.finding.score, loc.finding.detector, loc.boxes)
            for loc in px.located
        ) + tuple(ImageFinding("PASSWORD", 1.0, "secure_field", (b,)) for b in forced)
        s = px.stage_seconds
        return ImageResult(
            image=to_output(loaded, px.rgb, px.alpha),
            findings=findings,
            timings=Timings(
                load=t_load,
                ocr=s.get("ocr", 0.0),
                analyze=s.get("analyze", 0.0),
                locate=s.get("locate", 0.0),
                paint=s.get("paint", 0.0),
                total=time.perf_counter() - t0,
            ),
            status=Status.OK,
            width=w,
            height=h,
            ocr_engine=px.engine,
            mode=loaded.mode,
            context=None if analysis is None else analysis.render(memory),
        )

    def _blanked(
        self, loaded: LoadedImage, t0: float, t_load: float, code: str, context: ScrubbedContext | None
    ) -> ImageResult:
        """The fail-closed result: every pixel filled, no findings, ``code`` saying why."""
        from redact.image._io import to_output
        from redact.image._paint import blank

        h, w = loaded.rgb.shape[:2]
        rgb = blank(loaded.rgb, fill_color=self._policy.fill_color)
        alpha = None if loaded.alpha is None else np.full_like(loaded.alpha, 255)
        return ImageResult(
            image=to_output(loaded, rgb, alpha),
            findings=(),
            timings=Timings(load=t_load, total=time.perf_counter() - t0),
            status=Status.BLANKED,
            width=w,
            height=h,
            ocr_engine=self._ocr.name,
            error_code=code,
            mode=loaded.mode,
            context=context,
        )

    def redact_file(
        self, src: str | os.PathLike[str], dst: str | os.PathLike[str], *, manifest: str | os.PathLike[str] | None = None
    ) -> ImageResult:
        """Redact ``src`` into a fresh file ``dst`` (and a JSON manifest), each written atomically."""
        result = self.redact_image(src)
        result.save(dst)
        if manifest is not None:
            write_manifest(result, manifest, source=Path(src).name)
        return result


def _new_memory() -> SecretMemory:
    from redact._memory import SecretMemory

    return SecretMemory()


def write_manifest(result: ImageResult, path: str | os.PathLike[str], *, source: str) -> None:
    """Write ``result``'s manifest (no raw values) atomically."""
    import json
    import tempfile

    dest = Path(path)
    data = {"source": source, **result.to_dict()}
    fd, tmp = tempfile.mkstemp(prefix=".redact-", suffix=".json", dir=dest.parent if str(dest.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
