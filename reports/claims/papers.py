"""Claims of the anchor papers (being written)."""

from __future__ import annotations

from reports.claims.base import Claim

CLAIMS: list[Claim] = []
