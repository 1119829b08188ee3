"""Benchmark harness for Dojo: `python -m benchmarks.run` (see docs/benchmarks.md)."""
