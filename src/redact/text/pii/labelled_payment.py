"""Card numbers and IBANs next to their label, even when the checksum fails.

Presidio validates card numbers (Luhn) and IBANs (mod 97), which is right for free text but
wrong for screenshots: one misread digit fails the checksum and the number is left in clear.
Beside a "Card number" or "IBAN" label the shape alone is enough.
"""

from __future__ import annotations

from redact.text.pii._labelled import LabelledValueDetector


class LabelledCardDetector(LabelledValueDetector):
    name = "labelled_card"
    entity_type = "CREDIT_CARD"
    labels = (r"card\s*(?:number|no\.?|#)", r"credit\s*card", r"debit\s*card", r"card", r"PAN", r"cc\s*(?:number|no\.?|#)?")
    value = r"\d{4}(?:[ \-]?\d{4}){2}[ \-]?\d{1,7}"
    score = 0.85
    min_digits = 13


class LabelledIbanDetector(LabelledValueDetector):
    name = "labelled_iban"
    entity_type = "IBAN_CODE"
    labels = (r"IBAN", r"international\s*bank\s*account(?:\s*number)?")
    value = r"[A-Z]{2}\s?\d{2}(?:\s?[A-Z0-9]{2,4}){3,8}"
    score = 0.85
    min_digits = 8
