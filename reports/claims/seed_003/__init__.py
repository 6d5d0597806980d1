r"""Claims of the course page 14-04, "Adaptive Learning Rate Methods"."""

SOURCE = "003_b8a56a2a249e5e41.txt"

from adaproof.reports.claims.seed_003._legacy import CLAIMS  # noqa: E402, F401
