"""Claims of seed 001 (being written)."""

from __future__ import annotations

from reports.claims.base import Claim

CLAIMS: list[Claim] = []
