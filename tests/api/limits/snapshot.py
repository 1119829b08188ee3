"""Every row of every table, to show that a refused request changed nothing."""

import duckdb


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    with con.cursor() as cur:
        tables = [r[0] for r in cur.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
            "ORDER BY table_name").fetchall()]
        return {t: sorted(repr(row) for row in cur.execute(f"SELECT * FROM {t}").fetchall())
                for t in tables}
