"""``adaproof claims [ID...] [--source SEED] [--json]``: list the catalogued claims.

With claim ids, shows each claim in full: its statement, where its check is (file:line) and
the derivation and numerics functions the check calls, so the code behind a verdict is one
command away.
"""

from __future__ import annotations

import argparse

from adaproof.reports.errors import UsageError

HELP = "list the catalogued claims: id, source, statement, expected verdict"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="show these claims in full")
    parser.add_argument(
        "--source",
        metavar="SEED",
        help="only this source: 000..004 (seed documents) or 'papers'",
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")


def run(args: argparse.Namespace) -> int:
    from adaproof.reports.claims import SOURCES, all_claims, source_key

    claims = all_claims()
    if args.ids:
        return _show(args)
    if args.source is not None:
        key = args.source.strip()
        if key not in SOURCES:
            key = next((k for k in SOURCES if key.startswith(k) and k != "papers"), key)
        if key not in SOURCES:
            raise UsageError(f"unknown source {args.source!r}; choose one of {', '.join(SOURCES)}")
        claims = [c for c in claims if source_key(c) == key]
    if args.json:
        rows = [
            {
                "id": c.id,
                "source": c.source,
                "location": c.location,
                "inventory": c.inventory,
                "title": c.title,
                "statement": c.statement,
                "kind": str(c.kind),
                "expected": str(c.expected),
                "corrected_by": c.corrected_by,
                "slow": c.slow,
            }
            for c in claims
        ]
        from adaproof.reports import jsonio

        rows = [{**r, **jsonio.source_fields(r["source"])} for r in rows]
        print(jsonio.dumps(jsonio.envelope("claims", claims=rows)), end="")
        return 0
    if not claims:
        return 0
    wid = max(len(c.id) for c in claims)
    wexp = max(len(str(c.expected)) for c in claims)
    for c in claims:
        src = source_key(c) if source_key(c) != "papers" else c.source.split(",")[0]
        print(f"{c.id:<{wid}}  {c.expected!s:<{wexp}}  {src:<8}  {c.title}")
        print(f"{'':<{wid}}  {'':<{wexp}}  {'':<8}  {c.location}: {c.statement}")
    print(f"{len(claims)} claims")
    return 0


def _show(args: argparse.Namespace) -> int:
    """Each named claim in full, with the file:line of its check and what it calls."""
    import os

    from adaproof.reports.claims import select
    from adaproof.reports.claims.evidence import calls_into, where

    try:
        claims = select(args.ids)
    except KeyError as exc:
        raise UsageError(f"{exc.args[0]}; 'adaproof claims' lists the ids") from None
    rows = []
    for c in claims:
        path, line = where(c)
        try:
            path = os.path.relpath(path)
        except ValueError:
            pass
        rows.append(
            {
                "id": c.id,
                "title": c.title,
                "source": c.source,
                "location": c.location,
                "statement": c.statement,
                "kind": str(c.kind),
                "expected": str(c.expected),
                "corrected_by": c.corrected_by,
                "figure": c.figure,
                "check": f"{path}:{line}",
                "calls": calls_into(c),
            }
        )
    if args.json:
        from adaproof.reports import jsonio

        rows = [{**r, **jsonio.source_fields(r["source"])} for r in rows]
        print(jsonio.dumps(jsonio.envelope("claims", claims=rows)), end="")
        return 0
    for row in rows:
        print(f"{row['id']}: {row['title']}")
        for key in ("source", "location", "statement", "kind", "expected", "check"):
            print(f"  {key + ':':<11}{row[key]}")
        for key in ("corrected_by", "figure"):
            if row[key]:
                print(f"  {key + ':':<11}{row[key]}")
        print(f"  {'calls:':<11}{', '.join(row['calls']) or '(nothing from derivations/numerics)'}")
    return 0
