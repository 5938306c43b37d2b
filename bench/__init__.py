"""Benchmarks against the quality bars: ``python -m bench`` (see bench/README.md)."""
