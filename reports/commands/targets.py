"""``adaproof targets``: the quantities an answer can be checked against, with their symbols."""

from __future__ import annotations

HELP = "list the targets 'verify' checks answers against, with their symbols"


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the list as JSON")


def run(args) -> int:
    from adaproof.derivations.parsing.notation import NOTATION
    from adaproof.derivations.targets import TARGETS, get_target

    rows = []
    for pattern, spec in TARGETS.items():
        example = pattern.replace(":N", ":2")
        try:
            symbols = sorted(get_target(example).allowed)
            available = True
        except (ImportError, AttributeError):
            symbols, available = [], False
        if pattern.endswith(":N"):
            symbols = [s for s in symbols if not (s.startswith("g") and s[1:].isdigit())]
            if "adam.w" in pattern:
                symbols.append("g1..g{N-1}")
            elif any(k in pattern for k in ("adam.", "momentum", "rmsprop", "adagrad")):
                symbols.append("g1..gN")
        domains = [d.describe(s.name) for s, d in spec.assume.items()]
        rows.append(
            {
                "target": pattern,
                "meaning": spec.meaning,
                "symbols": symbols,
                "assume": domains,
                "N": f"1..{spec.max_n}" if spec.max_n else None,
                "lhs": list(spec.lhs(2 if spec.max_n else None)),
                "available": available,
            }
        )
    if args.json:
        from adaproof.reports import jsonio

        body = {"targets": rows, "notation": [list(n) for n in NOTATION]}
        print(jsonio.dumps(jsonio.envelope("targets", body)), end="")
        return 0
    width = max(len(r["target"]) for r in rows)
    for r in rows:
        extra = f"  N in {r['N']}" if r["N"] else ""
        flag = "" if r["available"] else "  (not available yet)"
        print(f"{r['target']:<{width}}  {r['meaning']}{flag}")
        syms = ", ".join(r["symbols"])
        cond = ("; " + ", ".join(r["assume"])) if r["assume"] else ""
        print(f"{'':<{width}}  symbols: {syms}{cond}{extra}")
    print()
    print("Notation (all spellings in a row are the same symbol):")
    for spellings, meaning in NOTATION:
        print(f"  {spellings:<42} {meaning}")
    print("EMA parameters lie in (0, 1); t is an integer >= 1; gradients are real.")
    return 0
