"""Read functions per subject. Pages, exports and the open data all call these; none write."""
