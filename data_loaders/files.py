"""Reading raw files safely: size limit, hash, text decoding that tolerates real-world encodings."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from data_loaders.errors import InputError

MAX_FILE_BYTES = 200 * 1024 * 1024  # refuse before reading; plans and sheets are far smaller
MAX_LINE_CHARS = 1_000_000  # a real row is a few hundred characters; far longer is hostile
# An .xlsx/.docx is a zip: refuse archives that unpack to far more than a real sheet needs
# (a "zip bomb"), before any XML parser sees them.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_PACK_RATIO = 200
MAX_ZIP_ENTRIES = 5_000
_LONG_LINE = re.compile(f"[^\n]{{{MAX_LINE_CHARS + 1}}}")
_ENTITY = re.compile(rb"<!(DOCTYPE[^>]*\[|ENTITY)", re.IGNORECASE)


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
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError(file, "the text is neither UTF-8 nor Windows-1252") from exc
    check_line_lengths(text, file)
    return text


def check_line_lengths(text: str, file: str) -> None:
    """Refuse a text with an absurdly long line before a CSV reader splits it into cells."""
    match = _LONG_LINE.search(text)
    if match:
        row = text.count("\n", 0, match.start()) + 1
        raise InputError(
            file, f"line longer than {MAX_LINE_CHARS:,} characters; not a table row", row=row
        )


def check_office_zip(data: bytes, file: str) -> None:
    """Refuse zip bombs and XML with entity declarations (XXE) in .xlsx/.docx files."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        kind = Path(file).suffix.lower() or "Office"
        raise InputError(file, f"not a readable {kind} file (damaged or truncated?)") from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise InputError(file, f"the file holds {len(entries):,} parts; refused as unsafe")
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_PACK_RATIO * max(len(data), 1):
            raise InputError(
                file,
                f"the file would unpack to {unpacked:,} bytes from {len(data):,}; "
                "refused as a possible zip bomb",
            )
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                try:
                    head = archive.read(entry)[:4096]
                except (zipfile.BadZipFile, OSError, EOFError) as exc:
                    raise InputError(file, f"damaged part {entry.filename} ({exc})") from exc
                if _ENTITY.search(head):
                    raise InputError(
                        file,
                        f"{entry.filename} declares XML entities (DOCTYPE/ENTITY); "
                        "refused as unsafe",
                    )
