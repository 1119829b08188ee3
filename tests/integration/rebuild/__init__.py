"""Rebuilding read models from the log, verifying them, and the CLI around it (I-4)."""
