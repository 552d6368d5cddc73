"""The one error type for bad input: it names the file and, where it applies, row and column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputError(Exception):
    """A problem with a file the user gave us. Rows are 1-based as a spreadsheet shows them;
    ``place`` names a spot in a Word document ("oversigtstabellen, række 'Ung i Job', kolonne
    2018"), where a row number would mean nothing to the reader."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    place: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.place is not None:
            where.append(self.place)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


def refuse_warnings(file: str, warnings: list[str] | tuple[str, ...]) -> None:
    """``--strict``: a file the reader had anything to say about is not loaded at all."""
    if warnings:
        listed = "".join(f"\n  - {w}" for w in warnings)
        raise InputError(
            file, f"refused with --strict: the reader has {len(warnings)} warning(s):{listed}"
        )
