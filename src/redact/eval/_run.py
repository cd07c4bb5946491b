"""Run a redactor over the evaluation fixtures and score it: the engine behind ``redact eval``.

``tool`` is ``"redact"`` (this library, default policy), ``"presidio"`` (Presidio's image
redactor built with the same spaCy model, tesseract on one thread) or the path of a directory of
outputs made by anything, with the fixtures' relative file names (``keys/NAME.jsonl`` there,
one output event per input event with a ``masked`` field, adds the keystroke score).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from PIL import Image

from redact._errors import EngineError, InputError
from redact.eval._report import EvalReport, write_overlays, write_report
from redact.eval._scorer import ImageScore, Scorer, ToolScore
from redact.eval._truth import Truth, load_truth

if TYPE_CHECKING:
    from redact.eval.keygen import KeyScore

__all__ = ["run_eval"]


class _Tool(Protocol):
    name: str

    def redact(self, rel: str, rgb: np.ndarray) -> np.ndarray | None: ...

    def mask_keys(self, rel: str, events: list[dict[str, Any]]) -> list[bool] | None: ...


class _Ours:
    name = "redact"

    def __init__(self) -> None:
        from redact import Policy, Redactor

        self._r = Redactor(Policy())

    def redact(self, rel: str, rgb: np.ndarray) -> np.ndarray:
        return np.asarray(self._r.redact_image(rgb).image)

    def mask_keys(self, rel: str, events: list[dict[str, Any]]) -> list[bool]:
        from redact.keys import KeyPolicy, mask_events

        return [e.masked for e in mask_events(events, scanner=self._r.analyzer, policy=KeyPolicy(keep_length=True))]


class _Presidio:
    name = "presidio"

    def __init__(self) -> None:
        from redact._policy import Policy

        try:
            from presidio_analyzer import AnalyzerEngine
            from presidio_analyzer.nlp_engine import SpacyNlpEngine
            from presidio_image_redactor import ImageAnalyzerEngine, ImageRedactorEngine
        except ImportError as exc:
            raise EngineError("--tool presidio needs presidio-image-redactor: pip install 'redact[dev]'",
                              code="R390") from exc
        from redact.text._presidio import _offline_email_recognizer_class

        nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": Policy().nlp_model}])
        analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
        # Presidio's e-mail check would fetch the public suffix list; use the bundled snapshot.
        analyzer.registry.remove_recognizer("EmailRecognizer")
        analyzer.registry.add_recognizer(_offline_email_recognizer_class()())
        self._engine = ImageRedactorEngine(image_analyzer_engine=ImageAnalyzerEngine(analyzer_engine=analyzer))

    def redact(self, rel: str, rgb: np.ndarray) -> np.ndarray:
        return np.asarray(self._engine.redact(Image.fromarray(rgb), fill=(0, 0, 0)).convert("RGB"))

    def mask_keys(self, rel: str, events: list[dict[str, Any]]) -> None:
        return None  # Presidio has no keystroke masker


class _Directory:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.name = root.name or str(root)

    def redact(self, rel: str, rgb: np.ndarray) -> np.ndarray | None:
        p = self.root / rel
        if not p.is_file():
            return None
        with Image.open(p) as im:
            return np.asarray(im.convert("RGB"))

    def mask_keys(self, rel: str, events: list[dict[str, Any]]) -> list[bool] | None:
        p = self.root / rel
        if not p.is_file():
            return None
        lines = [json.loads(ln) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        return [bool(e.get("masked")) for e in lines]


def _make_tool(tool: str) -> _Tool:
    if tool == "redact":
        return _Ours()
    if tool == "presidio":
        return _Presidio()
    root = Path(tool)
    if not root.is_dir():
        raise InputError(f"--tool {tool!r} is neither 'redact', 'presidio' nor a directory of outputs", code="R160")
    return _Directory(root)


@dataclass(frozen=True, slots=True)
class _Fixture:
    rel: str
    path: Path
    truth: Truth


def _fixtures(root: Path) -> list[_Fixture]:
    if not root.is_dir():
        raise InputError(f"fixture directory {root} does not exist", code="R161")
    out = []
    for p in sorted(root.rglob("*.png")):
        truth = load_truth(p)
        if truth is not None:
            out.append(_Fixture(p.relative_to(root).as_posix(), p, truth))
    if not out:
        raise InputError(f"no PNG with a .truth.json beside it under {root}", code="R162")
    return out


def _score_tool(tool: _Tool, fixtures: list[_Fixture], root: Path, scorer: Scorer, out: Path,
                overlays: dict[str, list[str]], progress: bool) -> ToolScore:
    from tqdm import tqdm

    images: list[ImageScore] = []
    with Image.open(fixtures[0].path) as im:  # one untimed call first: lazy loads stay out of the timings
        tool.redact(fixtures[0].rel, np.asarray(im.convert("RGB")))
    for fx in tqdm(fixtures, desc=f"{tool.name}", unit="img", disable=not progress):
        with Image.open(fx.path) as im:
            rgb = np.asarray(im.convert("RGB"))
        t0 = time.perf_counter()
        result = tool.redact(fx.rel, rgb)
        seconds = None if isinstance(tool, _Directory) else time.perf_counter() - t0
        error = ""
        if result is None or result.shape != rgb.shape:
            error = "missing output" if result is None else f"output size {result.shape[1]}x{result.shape[0]}"
            result = rgb
        score = scorer.score_image(fx.rel, rgb, result, fx.truth, seconds=seconds, error=error)
        images.append(score)
        ov = write_overlays(out, tool.name, score, rgb, result)
        if ov:
            overlays[fx.rel] = ov
    return ToolScore(tool.name, tuple(images), _score_keys(tool, root / "keys"))


def _score_keys(tool: _Tool, keys: Path) -> KeyScore | None:
    if not keys.is_dir():
        return None
    from redact.eval.keygen import KeySession, score

    sessions, outputs = [], []
    for p in sorted(keys.glob("*.jsonl")):
        tp = p.with_name(p.stem + ".truth.json")
        if not tp.is_file():
            continue
        events = [json.loads(ln) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        truth = json.loads(tp.read_text(encoding="utf-8"))
        masked = tool.mask_keys(f"keys/{p.name}", events)
        if masked is None:
            return None
        if len(masked) != len(events):
            raise InputError(f"{tool.name}: keys/{p.name} has {len(masked)} output events for {len(events)} inputs; "
                             "keep one output per input event", code="R163")
        sessions.append(KeySession(p.stem, truth["kind"], tuple(events), tuple(truth["truth"]),
                                   tuple((label, tuple(idx)) for label, idx in truth["items"])))
        outputs.append([{"masked": m} for m in masked])
    return score(sessions, outputs) if sessions else None


def run_eval(
    fixtures: Path,
    *,
    tool: str = "redact",
    compare: str | None = None,
    out: Path,
    progress: bool = True,
) -> EvalReport:
    """Score ``tool`` (and ``compare``, side by side) on ``fixtures``; write the report into ``out``.

    Raises :class:`redact.InputError` for a missing fixture directory or an unknown tool.

    >>> report = run_eval(Path("fixtures/eval"), compare="presidio", out=Path("eval-report"))  # doctest: +SKIP
    >>> report.to_dict()["recall"]                                                             # doctest: +SKIP
    0.93
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"  # tesseract (ours, the scorer's, Presidio's subprocess) on one thread
    fixtures, out = Path(fixtures), Path(out)
    found = _fixtures(fixtures)
    out.mkdir(parents=True, exist_ok=True)
    scorer = Scorer()
    scores, overlays = [], {}
    for name in (tool, compare):
        if name is None:
            continue
        t = _make_tool(name)
        per_image: dict[str, list[str]] = {}
        scores.append(_score_tool(t, found, fixtures, scorer, out, per_image, progress))
        overlays[t.name] = per_image
    report = EvalReport(str(fixtures), tuple(scores), out, overlays)
    write_report(report, out)
    return report
