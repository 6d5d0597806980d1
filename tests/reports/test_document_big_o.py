"""``A = O(B)`` in a document: |A/B| bounded as the one index variable left in the ratio
goes to infinity (the lecture notes' H_d = O(log d), 002), refuted when it diverges."""

from __future__ import annotations

from adaproof.reports.documents import check_text


def _verdicts(body: str) -> dict[int, str]:
    result = check_text(f"# n\n\n{body}\n", "n.md", 2.0)
    return {e.line: (e.verdict, e.method) for e in result.entries}


def test_harmonic_sum_is_o_of_log_and_a_faster_growth_is_refuted():
    got = _verdicts(
        r"$$D_{\infty} \sqrt{T} \sum_{i=1}^{d} \frac{1}{i} = O(D_{\infty} \log(d) \sqrt{T})$$"
        "\n\n"
        r"$$d^2 = O(d \log(d))$$"
    )
    assert got[3][0] == "true", got[3]
    assert "tends to 1 as d → ∞" in got[3][1]
    assert got[5][0] == "false", got[5]


def test_a_ratio_in_two_variables_is_not_decided():
    got = _verdicts(r"$$d^2 + T = O(d^2 T)$$")
    assert got[3][0] == "inconclusive"
    assert "which limit" in got[3][1]
