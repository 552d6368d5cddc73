"""Tryghedsdashboard for Amager Partnerskab."""
