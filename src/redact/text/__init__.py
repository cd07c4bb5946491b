"""Text analysis: detectors (one per module), the Presidio adapter and the analyzer that joins them.

The analyzer is what the image, keystroke and text paths share: ``TextAnalyzer(policy).analyze(text)``.
"""

from redact.text._analyzer import TextAnalyzer
from redact.text._detector import Detector, DetectorRegistry
from redact.text._model import Match, TextFinding

__all__ = ["Detector", "DetectorRegistry", "Match", "TextAnalyzer", "TextFinding"]
