"""Tooling beside the product path: benchmarks, load, golden answers, dev-set evaluation."""
