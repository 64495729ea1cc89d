"""Benchmarks for camunda-hub: ``python -m bench.run`` (see docs/benchmarks.md)."""
