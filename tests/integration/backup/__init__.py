"""Backups, restores and events files (issue 7 part 3, issue 8 part 5)."""
