"""Bank file imports over HTTP: preview, commit, re-import (issue 8)."""
