"""Backups of a whole instance and restores into a new database file (decision 0006)."""
