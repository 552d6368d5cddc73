"""Is this the same name? One answer for activities, areas, partnerships and indicator labels.

Sources write one name many ways: the plan's overview table says "Lommepengejob" where its
section says "Lommepengejob (13-14 år)", one part capitalises "Opsøgende Familierådgiver",
a table underlines a cell (``<u>…</u>``), a file writes a dash as "–" or doubles a space.
None of that makes another activity or area. Other words in brackets do count:
"Partnerskabsområdet (udvidet)" is not "Partnerskabsområdet (Urbanplanen og Hørgården)".
Imports nothing from the project, so every layer can ask.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"</?u>", re.IGNORECASE)
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-"})
# The target group's ages, in brackets or not: "(13-14 år)", "14-18 år"
_AGE_RANGE = re.compile(r"\b\d+\s*-\s*\d+\s*år\b")
_NOT_A_WORD = re.compile(r"\W+")


def normalise_name(name: str) -> str:
    """The key two names are compared by: case, spacing, dashes, punctuation, brackets,
    underline markup and an age range ("(13-14 år)") do not count."""
    key = _MARKUP.sub("", name).casefold().translate(_DASHES)
    return " ".join(_NOT_A_WORD.sub(" ", _AGE_RANGE.sub(" ", key)).split())
