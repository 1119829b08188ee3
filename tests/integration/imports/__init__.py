"""Imports through the command service and the CLI, on DuckDB (issue 8)."""
