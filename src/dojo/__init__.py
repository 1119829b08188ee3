"""Dojo: self-hosted envelope budgeting, event-sourced on DuckDB."""

__version__ = "0.1.0"
