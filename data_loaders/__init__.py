"""Readers that turn source files into plain data, and the writers that load it in one transaction.

Parsing (file -> plain objects) never touches the database; loading (objects -> database)
never reads files. Every user-caused problem is an ``InputError`` naming file, row and column.
"""
