"""Azure storage account keys in connection strings: ``AccountKey=`` + 88 base64."""

from __future__ import annotations

import re

from redact.text._ocr import compact, tolerant
from redact.text.secrets._base import TokenDetector


# (the K read up to three times: "AccountKkKey")
_BREAK = r"(?:[ ]|[ \t]*\r?\n[ \t]*)?"  # a stray space, or a wrap inside the name ("AccountK" / "ey=")
_LABEL = tolerant("Account") + _BREAK + "[Kk]{1,3}" + _BREAK + tolerant("ey") + r"\s*[=>]\s*"  # (">": a small "=")
# the next setting's name as far as OCR keeps it ("Endpoint Sufi" / "x=core...": one "f" lost, a wrap)
_NEXT = "|".join(tolerant(k) for k in ("EndpointSuf", "BlobEndpoint", "QueueEndpoint", "TableEndpoint",
                                       "FileEndpoint", "SharedAccessSignature", "DefaultEndpointsProtocol"))
_B64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=|")


class AzureStorageKeyDetector(TokenDetector):
    name = "azure_storage_key"
    entity_type = "AZURE_STORAGE_KEY"
    score = 0.98
    # 88 characters that OCR of a connection string splits every few characters ("GXF L LHfDh"):
    # the value runs over the pieces that follow and is judged by its joined length
    variable = True
    max_breaks = 24
    patterns = (
        # The connection string says where the key ends: at the ";" before the next setting, or
        # at that setting's name when OCR lost the ";" or read it as a dash ("...VpZi==EndpointSuffix",
        # "...NP8==-Endpoint"). Up to there the value is whatever OCR made of 88 base64 glyphs: a
        # "-", "£" or "]" in it, wrapped lines.
        re.compile(_LABEL + r"(?P<s>[^\s;=][^;]{40,160}?)(?=[ \t]*;|\s*[-—_,.:]?\s*(?:" + _NEXT + r")|\s*$)"),
        # a key cut off by the screen's edge: base64 pieces as far as they go
        re.compile(_LABEL + r"(?P<s>[A-Za-z0-9+/|][A-Za-z0-9+/=|)\]}]*)"),
    )

    def validate(self, value: str) -> bool:
        glyphs = compact(value)
        odd = sum(c not in _B64 for c in glyphs)
        return 70 <= len(glyphs) <= 100 and odd <= 0.1 * len(glyphs)
