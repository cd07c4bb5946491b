"""Azure storage account keys in connection strings: ``AccountKey=`` + 88 base64."""

from __future__ import annotations

import re

from redact.text._ocr import body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class AzureStorageKeyDetector(TokenDetector):
    name = "azure_storage_key"
    entity_type = "AZURE_STORAGE_KEY"
    score = 0.98
    patterns = (
        re.compile(tolerant("AccountKey") + r"\s*=\s*(?P<s>" + body(r"[A-Za-z0-9+/=|]", 86, 88) + r")(?![A-Za-z0-9+/=])"),
    )
