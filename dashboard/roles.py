"""The roles of DESIGN.md §6 and who may do what: the one place role names are spelled."""

from __future__ import annotations

# Weakest first. "anonymous" is what a visitor without a session is; a stored user may also
# carry it (an account that exists but may see nothing internal).
ROLES = ("anonymous", "styregruppe", "arbejdsgruppe", "admin")

READ_ROLES = ("styregruppe", "arbejdsgruppe", "admin")  # the internal pages and data
EDIT_ROLES = ("arbejdsgruppe", "admin")  # deliverables, figures, notes, timeline, meetings
ADMIN_ROLES = ("admin",)  # users, uploads
MEETING_NOTE_ROLES = ("styregruppe", "admin")  # notes on a meeting; meetings are admin's
POOL_DECISION_ROLES = ("styregruppe", "admin")  # Bylivspuljen's grants: the committee's
