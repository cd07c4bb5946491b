"""Azure storage account keys in connection strings: ``AccountKey=`` + 88 base64."""

from __future__ import annotations

import re

from redact.text._ocr import compact, tolerant
from redact.text.secrets._base import TokenDetector


class AzureStorageKeyDetector(TokenDetector):
    name = "azure_storage_key"
    entity_type = "AZURE_STORAGE_KEY"
    score = 0.98
    # 88 characters that OCR of a connection string splits every few characters ("GXF L LHfDh"):
    # the value runs over the pieces that follow and is judged by its joined length
    variable = True
    max_breaks = 24
    patterns = (
        re.compile(tolerant("AccountKey") + r"\s*=\s*(?P<s>[A-Za-z0-9+/|][A-Za-z0-9+/=|)\]}]*)"),
    )

    def validate(self, value: str) -> bool:
        return 70 <= len(compact(value)) <= 100
