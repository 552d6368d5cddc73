"""Reading raw files safely: size limit, hash, text decoding that tolerates real-world encodings."""

from __future__ import annotations

import hashlib
from pathlib import Path

from data_loaders.errors import InputError

MAX_FILE_BYTES = 200 * 1024 * 1024  # refuse before reading; plans and sheets are far smaller


def read_bytes(path: Path) -> bytes:
    """The file's bytes; refuses missing, empty and oversized files."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror})") from exc
    if size == 0:
        raise InputError(str(path), "the file is empty")
    if size > MAX_FILE_BYTES:
        raise InputError(
            str(path), f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"
        )
    return path.read_bytes()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), else cp1252 as Danish Windows exports come; no binaries."""
    if b"\x00" in data[:8192]:
        raise InputError(file, "this is a binary file, not a text export")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError(file, "the text is neither UTF-8 nor Windows-1252") from exc
