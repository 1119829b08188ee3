"""Bank file imports: parsers from bytes to rows (OFX/QFX, QIF, CSV), import ids, and the
previews a commit carries out (issue 8)."""
