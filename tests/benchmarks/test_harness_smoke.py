"""The benchmark harness runs end to end in smoke mode, so it never rots."""

import datetime as dt
import json

from benchmarks.run import CONCURRENCY, READS, YEARS, main

from dojo.domain.months import add_months


def test_smoke_run_writes_every_figure(tmp_path):
    out = tmp_path / "results.json"
    assert main(["--smoke", "--out", str(out)]) == 0
    document = json.loads(out.read_text())

    machine = document["machine"]
    for key in ("platform", "cpu_count", "python", "duckdb"):
        assert machine[key]
    assert document["smoke"] is True
    [result] = document["results"]
    assert result["size"] > 0

    command = result["command_latency"]
    for key in ("p50_ms", "p95_ms", "p99_ms"):
        assert command[key] > 0
    assert command["p50_ms"] <= command["p95_ms"] <= command["p99_ms"]

    edits = result["old_edit_latency"]
    assert edits["n"] > 0 and 0 < edits["p50_ms"] <= edits["p99_ms"]
    # the demo's first month: the edits are ten years back
    assert edits["month"] == add_months(dt.date.today().isoformat()[:7], -(12 * YEARS - 1))

    assert [t["clients"] for t in result["throughput"]] == list(CONCURRENCY)
    for level in result["throughput"]:
        assert level["commands"] > 0 and level["commands_per_s"] > 0

    assert set(result["reads"]) == set(READS)
    for figures in result["reads"].values():
        assert 0 < figures["p50_ms"] <= figures["p99_ms"]

    for name in ("replay", "verify"):
        assert result[name]["events"] > 0
        assert result[name]["events_per_s"] > 0
    assert result["verify"]["differences"] == 0
    assert result["peak_rss_mb"] > 0
    assert result["serving_rss_mb"] > 0  # a `dojo serve` process of its own (Linux /proc)

    bulk = result["bulk_import"]
    assert bulk["transactions"] > bulk["batch"] > 0 and bulk["categories"] == 200
    assert bulk["http_seconds"] > 0 and bulk["cli_seconds"] > 0
