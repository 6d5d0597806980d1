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


def test_a_variable_that_is_not_in_the_bound_is_not_taken_to_infinity():
    # T d = O(d): the bound is in d, and T may be one of O's constants (was refuted as T -> oo)
    got = _verdicts(r"$$T d = O(d)$$" "\n\n" r"$$D \sqrt{T} \log d = O(\sqrt{T})$$")
    assert got[3][0] == "inconclusive", got[3]
    assert "does not contain" in got[3][1]
    assert got[5][0] == "inconclusive", got[5]


def test_o_of_a_constant_takes_the_variable_of_the_left_side():
    got = _verdicts(r"$$T = O(1)$$" "\n\n" r"$$\frac{1}{T} = O(1)$$")
    assert got[3][0] == "false", got[3]
    assert got[5][0] == "true", got[5]
