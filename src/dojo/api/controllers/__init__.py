"""One module per resource of api.md."""
