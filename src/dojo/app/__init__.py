"""Command handling: load state, decide, append and project in one transaction."""
