"""Reading a Tryghedsplan document: lines, the overview table, the activity sections, the
cross-checks between them, and the approvals and periods. ``document.parse_plan_file`` is the
way in; nothing here touches the database."""
