"""Decoding text files: BOM-marked UTF-8/UTF-16, then UTF-8, then cp1252."""

from __future__ import annotations

import codecs


def decode_text(data: bytes) -> str:
    """Decode resume bytes; undecodable bytes never fail a file, they become U+FFFD."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
