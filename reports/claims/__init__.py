"""The claims catalogue: every claim of the five seed documents and the anchor papers.

Each source module (``seed_000`` … ``seed_004``, ``papers``) holds a ``CLAIMS``
list of :class:`~reports.claims.base.Claim` rows. :func:`all_claims` gathers
them in source order and refuses duplicate ids; :func:`get_claim` looks one up;
:func:`select` resolves the ids and source keys a user typed.

>>> claims = all_claims()
>>> len({c.id for c in claims}) == len(claims)
True
"""

from __future__ import annotations

import functools
import importlib

from adaproof.reports.claims.base import Claim, Kind, Result, Verdict

__all__ = [
    "SOURCES",
    "Claim",
    "Kind",
    "Result",
    "Verdict",
    "all_claims",
    "by_id",
    "get_claim",
    "select",
    "source_key",
]

#: Short source key (what ``--source`` accepts) -> module under ``reports.claims``.
SOURCES: dict[str, str] = {
    "000": "seed_000",
    "001": "seed_001",
    "002": "seed_002",
    "003": "seed_003",
    "004": "seed_004",
    "papers": "papers",
}


def _module_claims(key: str) -> list[Claim]:
    mod = importlib.import_module(f"adaproof.reports.claims.{SOURCES[key]}")
    return list(mod.CLAIMS)


@functools.cache
def _catalogue() -> tuple[Claim, ...]:
    claims: list[Claim] = []
    seen: dict[str, str] = {}
    for key in SOURCES:
        for claim in _module_claims(key):
            if claim.id in seen:
                raise ValueError(
                    f"duplicate claim id {claim.id!r} (in {seen[claim.id]} and {SOURCES[key]})"
                )
            seen[claim.id] = SOURCES[key]
            claims.append(claim)
    for claim in claims:
        if claim.corrected_by is not None and claim.corrected_by not in seen:
            raise ValueError(
                f"claim {claim.id!r} names an unknown correction {claim.corrected_by!r}"
            )
    return tuple(claims)


def all_claims() -> list[Claim]:
    """Every catalogued claim, in source order (seeds 000…004, then the papers)."""
    return list(_catalogue())


def by_id() -> dict[str, Claim]:
    """The catalogue as a mapping id -> claim."""
    return {c.id: c for c in _catalogue()}


def get_claim(cid: str) -> Claim:
    """The claim with id ``cid``; ``KeyError`` naming it when there is none."""
    try:
        return by_id()[cid]
    except KeyError:
        raise KeyError(f"no claim with id {cid!r}") from None


def source_key(claim: Claim) -> str:
    """The short key of a claim's source: ``"000"``…``"004"`` or ``"papers"``."""
    head = claim.source[:3]
    return head if head in SOURCES else "papers"


def select(names: list[str] | tuple[str, ...] | None = None) -> list[Claim]:
    """Claims named by id, or all claims of a source key (``"004"``, ``"papers"``).

    Order follows the catalogue; an unknown name raises ``KeyError`` naming it.
    """
    claims = all_claims()
    if not names:
        return claims
    index = by_id()
    wanted: set[str] = set()
    for name in names:
        if name in index:
            wanted.add(name)
        elif name in SOURCES:
            wanted.update(c.id for c in claims if source_key(c) == name)
        else:
            raise KeyError(f"no claim with id {name!r}")
    return [c for c in claims if c.id in wanted]
