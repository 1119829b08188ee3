"""Measure Dojo over real loopback HTTP: command latency, throughput, reads, replay, RSS.

    python -m benchmarks.run [--smoke] [--sizes 10000,100000] [--out results.json]

For each size (number of demo transactions) a fresh DuckDB file gets a ten-year demo
household, an owner and a bearer token; the API is served in-process by uvicorn on
127.0.0.1 (a free port, a background thread) and measured with httpx. Replay and verify
run after the server stops, on the same connection (DuckDB: one process per file). Last,
the bulk-import figure (benchmarks/bulk.py): 100k transactions into a fresh ten-year budget
with 200 categories, over HTTP in requests of 10,000 and with `dojo import-json`.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import json
import math
import multiprocessing
import os
import platform
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import httpx
import uvicorn

from benchmarks import bulk
from dojo.access import Access
from dojo.api import create_app
from dojo.bootstrap import open_dojo
from dojo.demo import create_demo
from dojo.domain.months import add_months
from dojo.projections.rebuild import differences, replay
from dojo.settings import Settings

CONCURRENCY = (1, 8, 32)
READS = ("month_current", "net_worth_120", "accounts", "transactions_100")
YEARS = 10


@dataclass(frozen=True)
class Plan:
    sizes: list[int]
    commands: int  # sequential commands for the latency figures
    throughput: int  # commands per concurrency level
    reads: int  # requests per read endpoint
    edits: int = 50  # edits of transactions in the budget's first months
    bulk: int = 100_000  # transactions of the bulk-import figure (benchmarks/bulk.py)
    bulk_years: int = YEARS


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "duckdb": duckdb.__version__,
        "load_average": list(os.getloadavg()),
    }


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """uvicorn in a background thread, as `dojo serve` would run it."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_config=None,
                                access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="bench-uvicorn",
                                       daemon=True)
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.base + "/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.__exit__()
        raise RuntimeError("the server did not become ready in 30 s")

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


class Client:
    """What the benchmarks need to know about the budget, and how to post a command."""

    def __init__(self, base: str, secret: str, budget_id: str) -> None:
        self.base = base
        self.headers = {"Authorization": f"Bearer {secret}"}
        self.prefix = f"/api/v1/budgets/{budget_id}"
        with self.http() as http:
            accounts = self._get(http, "/accounts")
            self.account_id = next(a["id"] for a in accounts if a["type"] == "checking")
            categories = self._get(http, "/categories")
            self.category_id = next(c["id"] for c in categories
                                    if c["kind"] != "income" and not c["hidden"]
                                    and c["payment_for_account_id"] is None)
        self.today = datetime.date.today().isoformat()

    def http(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, headers=self.headers, timeout=60)

    def _get(self, http: httpx.Client, path: str) -> Any:
        response = http.get(self.prefix + path)
        response.raise_for_status()
        body = response.json()
        return body["items"] if isinstance(body, dict) and "items" in body else body

    def body(self) -> dict[str, Any]:
        return {"account_id": self.account_id, "date": self.today, "amount": -1234,
                "payee": "Bench", "category_id": self.category_id}

    def record(self, http: httpx.Client) -> None:
        response = http.post(self.prefix + "/transactions", json=self.body())
        if response.status_code != 201:
            raise RuntimeError(f"record: {response.status_code} {response.text[:300]}")


def timed(call: Callable[[], None], count: int) -> list[float]:
    """Milliseconds of each of `count` sequential calls."""
    out = []
    for _ in range(count):
        began = time.perf_counter()
        call()
        out.append((time.perf_counter() - began) * 1000)
    return out


def latency(samples: list[float]) -> dict[str, float]:
    return {"n": len(samples), "p50_ms": percentile(samples, 50),
            "p95_ms": percentile(samples, 95), "p99_ms": percentile(samples, 99)}


def _load(base: str, headers: dict[str, str], path: str, body: dict[str, Any], clients: int,
          each: int) -> tuple[float, list[str]]:
    """In a process of its own: `clients` threads post `each` commands, started together;
    the seconds from the start to the last answer, and any failures."""
    errors: list[str] = []
    barrier = threading.Barrier(clients + 1)

    def work() -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
            barrier.wait()
            try:
                for _ in range(each):
                    answer = http.post(path, json=body)
                    if answer.status_code != 201:
                        errors.append(f"{answer.status_code} {answer.text[:300]}")
                        return
            except httpx.HTTPError as error:
                errors.append(repr(error))

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, errors


def old_edits(client: Client, count: int) -> dict[str, float]:
    """Latency of editing transactions from the budget's first half year (a change in an
    old month: every later month is recomputed): the amount of each moves by one cent."""
    with client.http() as http:
        budget = http.get(client.prefix)
        budget.raise_for_status()
        start = budget.json()["first_month"]
        until = add_months(start, 6) + "-01"
        page = client._get(http, f"/transactions?until={until}&limit=1000")
        edits = [t for t in page if t["transfer_id"] is None and t["cleared"] != "reconciled"
                 ][:count]
        if not edits:
            raise RuntimeError("no old transaction to edit")

        def body(t: dict[str, Any]) -> dict[str, Any]:
            lines = [dict(line) for line in t["lines"]]
            lines[0]["amount"] -= 1
            return {"account_id": t["account_id"], "date": t["date"],
                    "amount": t["amount"] - 1, "payee": t["payee"], "memo": t["memo"],
                    "cleared": t["cleared"], "lines": lines}

        samples = []
        for t in edits:
            began = time.perf_counter()
            answer = http.put(f"{client.prefix}/transactions/{t['id']}", json=body(t))
            samples.append((time.perf_counter() - began) * 1000)
            if answer.status_code != 200:
                raise RuntimeError(f"edit: {answer.status_code} {answer.text[:300]}")
    return {**latency(samples), "month": start}


def throughput(client: Client, clients: int, total: int) -> dict[str, float]:
    """Commands per second with `clients` concurrent clients. The clients run in a process
    of their own, as real clients would, so that their Python does not take the server's
    turns at the interpreter lock."""
    each = max(1, math.ceil(total / clients))
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        seconds, errors = pool.submit(_load, client.base, client.headers,
                                      client.prefix + "/transactions", client.body(),
                                      clients, each).result()
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed: {errors[0]}")
    return {"clients": clients, "commands": each * clients, "seconds": seconds,
            "commands_per_s": each * clients / seconds}


def reads(client: Client, count: int) -> dict[str, dict[str, float]]:
    start = add_months(client.today[:7], -120)
    paths = {
        "month_current": "/months/current",
        "net_worth_120": f"/net-worth?from={start}&to=current",
        "accounts": "/accounts",
        "transactions_100": "/transactions?limit=100",
    }
    out = {}
    with client.http() as http:
        for name, path in paths.items():
            def get(path: str = path) -> None:
                http.get(client.prefix + path).raise_for_status()
            get()  # warm-up, not counted
            samples = timed(get, count)
            out[name] = {"n": count, "p50_ms": percentile(samples, 50),
                         "p99_ms": percentile(samples, 99)}
    return out


def serving_rss_mb(path: Path, secret: str, budget_id: str) -> float | None:
    """Peak RSS of `dojo serve` on the file, as a household would run it, after the requests
    that load everything a server keeps: a write (the budget's state and memo) and each
    read. From /proc (Linux); None elsewhere."""
    port = free_port()
    env = {**os.environ, "DOJO_WRITE_RATE": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "dojo.cli", "serve", "--db", str(path), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        client = Client(base, secret, budget_id)
        with client.http() as http:
            client.record(http)
        reads(client, 1)
        status = Path(f"/proc/{server.pid}/status")
        if not status.exists():
            return None
        peak = next(line for line in status.read_text().splitlines()
                    if line.startswith("VmHWM:"))
        return int(peak.split()[1]) / 1024
    finally:
        server.terminate()
        server.wait(timeout=60)


def bench_size(size: int, plan: Plan, workdir: Path, log: Callable[[str], None]) -> dict:
    path = workdir / f"bench-{size}.duckdb"
    dojo = open_dojo(path)
    began = time.perf_counter()
    budget_id = create_demo(dojo, years=YEARS, transactions=size)
    generate = time.perf_counter() - began
    log(f"[{size}] demo generated in {generate:.1f} s")
    access = Access(dojo)
    user_id = access.add_user("bench", "bench-password-not-secret")
    access.set_member(budget_id, "bench", "owner")
    _, secret = access.issue_token(user_id, "bench")

    result: dict[str, Any] = {"size": size, "years": YEARS, "generate_seconds": generate}
    # write_rate=0: the harness drives ~1,000 commands/s with one token, far beyond the
    # per-token write limit a household instance runs with (DOJO_WRITE_RATE).
    app = create_app(Settings(db=str(path), login_slowdown_seconds=0, write_rate=0), dojo=dojo)
    with Served(app) as served:
        client = Client(served.base, secret, budget_id)
        with client.http() as http:
            client.record(http)  # warm-up, not counted
            result["command_latency"] = latency(timed(lambda: client.record(http),
                                                      plan.commands))
        result["old_edit_latency"] = old_edits(client, plan.edits)
        log(f"[{size}] command latency done")
        result["throughput"] = [throughput(client, n, plan.throughput) for n in CONCURRENCY]
        log(f"[{size}] throughput done")
        result["reads"] = reads(client, plan.reads)
        log(f"[{size}] reads done")

    stats = replay(dojo.con, progress=lambda _: None)
    result["replay"] = {"events": stats.events, "seconds": stats.seconds,
                        "events_per_s": stats.events_per_second}
    began = time.perf_counter()
    found = differences(dojo.con, progress=lambda _: None)
    seconds = time.perf_counter() - began
    result["verify"] = {"events": stats.events, "seconds": seconds,
                        "events_per_s": stats.events / seconds if seconds else 0.0,
                        "differences": len(found)}
    log(f"[{size}] replay and verify done")
    dojo.con.close()
    result["peak_rss_mb"] = peak_rss_mb()
    result["serving_rss_mb"] = serving_rss_mb(path, secret, budget_id)
    log(f"[{size}] serving RSS measured")
    result["bulk_import"] = bulk.measure(
        path, "bench", secret, plan.bulk, plan.bulk_years, datetime.date.today().isoformat(),
        lambda d: Served(create_app(Settings(db=str(path), login_slowdown_seconds=0), dojo=d)))
    log(f"[{size}] bulk import done")
    return result


def table(results: list[dict]) -> str:
    rows: list[tuple[str, ...]] = []
    for r in results:
        size = f"{r['size']:,}"
        c = r["command_latency"]
        rows.append((size, f"record transaction (n={c['n']})", f"p50 {c['p50_ms']:.1f} ms",
                     f"p95 {c['p95_ms']:.1f} ms", f"p99 {c['p99_ms']:.1f} ms"))
        e = r["old_edit_latency"]
        rows.append((size, f"edit a {e['month']} transaction (n={e['n']})",
                     f"p50 {e['p50_ms']:.1f} ms", f"p95 {e['p95_ms']:.1f} ms",
                     f"p99 {e['p99_ms']:.1f} ms"))
        for t in r["throughput"]:
            rows.append((size, f"commands/s, {t['clients']} client(s)",
                         f"{t['commands_per_s']:.1f}/s", f"{t['commands']} cmds", ""))
        for name, x in r["reads"].items():
            rows.append((size, f"GET {name} (n={x['n']})", f"p50 {x['p50_ms']:.1f} ms",
                         "", f"p99 {x['p99_ms']:.1f} ms"))
        for name in ("replay", "verify"):
            x = r[name]
            rows.append((size, name, f"{x['events_per_s']:,.0f} events/s",
                         f"{x['events']:,} events", f"{x['seconds']:.2f} s"))
        rows.append((size, "peak RSS (benchmark process)", f"{r['peak_rss_mb']:.0f} MB", "",
                     ""))
        if r.get("serving_rss_mb") is not None:
            rows.append((size, "peak RSS (dojo serve)", f"{r['serving_rss_mb']:.0f} MB", "",
                         ""))
        b = r["bulk_import"]
        count = f"{b['transactions'] // 1000}k" if b["transactions"] % 1000 == 0 else \
            f"{b['transactions']:,}"
        for way in ("http", "cli"):
            rows.append((size, f"bulk import of {count} transactions ({way.upper()})",
                         f"{b[way + '_seconds']:.2f} s",
                         f"{b['transactions'] / b[way + '_seconds']:,.0f} txns/s",
                         f"batches of {b['batch']:,}"))
    header = ("size", "measure", "value", "", "")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    return "\n".join(lines)


def parse(argv: list[str] | None) -> tuple[argparse.Namespace, Plan]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes and counts: checks the harness, not the speed")
    parser.add_argument("--sizes", help="comma-separated transaction counts (10000,100000)")
    parser.add_argument("--out", default="results.json", help="where to write the JSON")
    parser.add_argument("--commands", type=int, help="sequential commands for latency")
    parser.add_argument("--throughput", type=int, help="commands per concurrency level")
    parser.add_argument("--reads", type=int, help="requests per read endpoint")
    parser.add_argument("--bulk", type=int, help="transactions of the bulk-import figure")
    parser.add_argument("--edits", type=int, help="edits of transactions in the first months")
    args = parser.parse_args(argv)
    smoke = args.smoke
    sizes = ([int(x) for x in args.sizes.split(",") if x.strip()] if args.sizes
             else [300] if smoke else [10000, 100000])
    plan = Plan(sizes=sizes,
                commands=args.commands or (20 if smoke else 200),
                throughput=args.throughput or (32 if smoke else 400),
                reads=args.reads or (10 if smoke else 50),
                edits=args.edits or (5 if smoke else 50),
                bulk=args.bulk or (600 if smoke else 100_000),
                bulk_years=1 if smoke else YEARS)
    return args, plan


def main(argv: list[str] | None = None) -> int:
    args, plan = parse(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    results = []
    with tempfile.TemporaryDirectory(prefix="dojo-bench-") as tmp:
        for size in plan.sizes:
            results.append(bench_size(size, plan, Path(tmp), log))
    document = {
        "machine": machine(),
        "smoke": bool(args.smoke),
        "plan": {"commands": plan.commands, "throughput": plan.throughput,
                 "reads": plan.reads, "concurrency": list(CONCURRENCY)},
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "results": results,
    }
    Path(args.out).write_text(json.dumps(document, indent=2) + "\n")
    print(table(results))
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
