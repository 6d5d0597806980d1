"""The lecture notes' Cauchy–Schwarz step (002), read per coordinate: proved at every
dimension and horizon tried, and a look-alike without sqrt(d) is not called true."""

from __future__ import annotations

import pytest
from adaproof.reports.documents import check_text

CS = (
    r"$$\sum_{i=1}^{d} \sqrt{\sum_{t=1}^{T} \mathbf{g}_{t}[i]^{2}} \leq \sqrt{d} "
    r"\sqrt{\sum_{i=1}^{d} \sum_{t=1}^{T} \mathbf{g}_{t}[i]^{2}}$$"
)


@pytest.mark.slow
def test_cauchy_schwarz_per_coordinate_is_true_and_the_look_alike_is_not():
    wrong = CS.replace(r"\sqrt{d} ", "")
    result = check_text(f"# n\n\n{CS}\n\n{wrong}\n", "n.md", 2.0)
    got = {e.line: e for e in result.claims}
    assert got[3].verdict == "true", got[3].method
    assert "d = 1..3, T = 1..8" in got[3].method
    assert got[5].verdict != "true", got[5].method
