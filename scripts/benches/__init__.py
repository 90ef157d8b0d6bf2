"""The benches scripts/bench.py runs, each also runnable alone. Reports, never tests."""
from __future__ import annotations

import statistics


def percentile95(times: list[float]) -> float:
    """The 95th percentile as every bench reports it: interpolated between samples (inclusive method)."""
    return statistics.quantiles(times, n=20, method="inclusive")[18]
