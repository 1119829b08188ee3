"""The DuckDB event store: append-only, one stream per budget."""
