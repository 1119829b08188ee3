"""Bank file parsers, import ids and the import plan (issue 8)."""
