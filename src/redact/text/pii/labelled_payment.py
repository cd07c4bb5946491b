"""Card numbers, IBANs and bank account numbers next to their label, even when the checksum fails.

Presidio validates card numbers (Luhn) and IBANs (mod 97), which is right for free text but
wrong for screenshots: one misread digit fails the checksum and the number is left in clear.
Beside a "Card number" or "IBAN" label the shape alone is enough. A US account number has no
shape of its own at all (Presidio scores a bare nine-digit number 0.05, and the routing number
beside it looks the same), so only an account label makes it one.
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
    # OCR reads the check digits' 0 as O ("GBO3 NVTT ...")
    value = r"[A-Z]{2}\s?[0-9O]{2}(?:\s?[A-Z0-9]{2,4}){3,8}"
    score = 0.85
    min_digits = 8


class LabelledBankAccountDetector(LabelledValueDetector):
    name = "labelled_bank_account"
    entity_type = "US_BANK_NUMBER"
    labels = (r"account", r"acct\.?", r"bank\s*account", r"checking(?:\s*account)?", r"savings(?:\s*account)?",
              r"deposit\s*account")
    value = r"\d{6,17}"
    score = 0.8
    min_digits = 6
    glued_prefix = False
