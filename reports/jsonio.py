r"""The JSON every command prints: one versioned envelope, numbers as numbers, one ``source``.

Every ``--json`` output is an object that starts with

.. code-block:: json

    {"schema": "adaproof/<command>", "version": 1, ...}

``schema`` names the JSON Schema shipped in the package (``adaproof/reports/schemas/
<command>.json``, loaded by :func:`load_schema`); ``version`` changes only when a field is
removed or changes meaning (new fields may be added within a version). A command that fails
with ``--json`` prints the same envelope with ``"error": {"message": ..., "exit": N}`` (exit
2 bad input, 3 inconclusive, 4 internal error) instead of its result.

Conventions:

- numbers are JSON numbers: counterexample values, both sides and the difference
  (``"difference": -0.666667``, not ``"-0.666667"``); the exact text shown to people
  (``"9/10"``) stays beside them under ``"display"``;
- ``source`` is the short key ``--source`` accepts (``"000"``..``"004"``, ``"papers"``); the
  document or paper it stands for is ``source_document``;
- strict JSON: no NaN or Infinity.

>>> envelope("targets", {"targets": []})
{'schema': 'adaproof/targets', 'version': 1, 'targets': []}
>>> numbers_in_counterexample({"values": {"b": "9/10"}, "lhs": "0.81", "difference": "-0.36"})
{'values': {'b': 0.9}, 'lhs': 0.81, 'difference': -0.36, 'display': {'values': {'b': '9/10'}}}
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

#: The version of every command's JSON (the ``version`` field).
VERSION = 1

#: Commands with a JSON Schema under ``adaproof/reports/schemas/``.
COMMANDS = (
    "bench",
    "check",
    "claims",
    "figure",
    "grade",
    "report",
    "steps",
    "targets",
    "verify",
)

_DECIMAL = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_FRACTION = re.compile(r"([-+]?\d+)/(\d+)")
_NUMERIC_KEYS = ("lhs", "rhs", "difference", "answer", "target", "limit_ratio")


def envelope(command: str, body: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    """``{"schema": "adaproof/<command>", "version": 1}`` followed by ``body`` and ``fields``."""
    out: dict[str, Any] = {"schema": f"adaproof/{command}", "version": VERSION}
    for extra in (body or {}, fields):
        for k, v in extra.items():
            if k not in ("schema", "version"):
                out[k] = v
    return out


def error(command: str, message: str, exit_code: int, **fields: Any) -> dict[str, Any]:
    """The envelope of a failed command: ``"error": {"message": ..., "exit": N}``."""
    return envelope(command, fields, error={"message": message, "exit": int(exit_code)})


def to_number(text: Any) -> Any:
    """``"0.81"`` -> 0.81, ``"9/10"`` -> 0.9, ``"3"`` -> 3; anything else is returned unchanged."""
    if not isinstance(text, str):
        return text
    s = text.strip()
    if _DECIMAL.fullmatch(s):
        if re.fullmatch(r"[-+]?\d+", s) and len(s) < 16:
            return int(s)
        value = float(s)
        return value if value == value and abs(value) != float("inf") else text
    m = _FRACTION.fullmatch(s)
    if m and int(m.group(2)) != 0:
        return float(Fraction(int(m.group(1)), int(m.group(2))))
    return text


def numbers_in_counterexample(ce: Any) -> Any:
    """A counterexample dict with its values and sides as numbers (text kept under display)."""
    if not isinstance(ce, dict):
        return ce
    out: dict[str, Any] = {}
    display: dict[str, Any] = {}
    for k, v in ce.items():
        if k == "values" and isinstance(v, dict):
            nums = {name: to_number(x) for name, x in v.items()}
            out[k] = nums
            shown = {n: x for n, x in v.items() if isinstance(x, str) and _lossy(x, nums[n])}
            if shown:
                display[k] = shown
        elif k in _NUMERIC_KEYS:
            out[k] = to_number(v)
            if isinstance(v, str) and _lossy(v, out[k]):
                display[k] = v
        else:
            out[k] = v
    if display:
        out["display"] = {**out.get("display", {}), **display}
    return out


def _lossy(text: str, value: Any) -> bool:
    """True when ``value`` is a number that does not print back as ``text``."""
    if isinstance(value, str):
        return False
    return str(value) != text.strip()


def normalize(obj: Any) -> Any:
    """Every dict found under a ``counterexample`` key gets numbers (recursively)."""
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k == "counterexample" and isinstance(v, dict):
                out[k] = numbers_in_counterexample(normalize(v))
            elif k == "counterexamples" and isinstance(v, list):
                out[k] = [numbers_in_counterexample(normalize(x)) for x in v]
            else:
                out[k] = normalize(v)
        return out
    if isinstance(obj, list | tuple):
        return [normalize(x) for x in obj]
    return obj


#: The titles of the five source documents, by ``--source`` key.
SOURCE_TITLES = {
    "000": "Week 4 Tutorial Tasks",
    "001": "Problem 3: Adam vs. SGD with Momentum",
    "002": "Lecture Notes 9: Per-Coordinate Learning Rates, AdaGrad and Adam",
    "003": "14-04: Adaptive Learning Rate Methods",
    "004": "Gradient Descent w/ Adaptive Learning Rate",
}


def source_fields(source: str) -> dict[str, str]:
    """``source`` (the ``--source`` key), ``source_document`` (the document's title or the
    paper) and, for a source document, ``source_file`` (the file the claim was read from).

    >>> source_fields("003_b8a56a2a249e5e41.txt")["source_document"]
    '14-04: Adaptive Learning Rate Methods'
    """
    head = source[:3]
    if head in SOURCE_TITLES:
        return {"source": head, "source_document": SOURCE_TITLES[head], "source_file": source}
    return {"source": "papers", "source_document": source}


def dumps(obj: Any) -> str:
    """Strict JSON (no NaN/Infinity), two-space indent, UTF-8 text, trailing newline."""
    return json.dumps(normalize(obj), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


#: files with a schema of their own (not a command's --json output)
FILES = ("results",)


def schema_text(command: str) -> str:
    """The JSON Schema of ``command``'s output (or of a file in ``FILES``, such as a report's
    results.json), as shipped in the package."""
    from importlib.resources import files

    if command not in COMMANDS and command not in FILES:
        known = ", ".join(COMMANDS + FILES)
        raise KeyError(f"no JSON schema for {command!r}; known: {known}")
    return (files("adaproof.reports") / "schemas" / f"{command}.json").read_text(encoding="utf-8")


def load_schema(command: str) -> dict[str, Any]:
    """The JSON Schema of ``command``'s output as a dict."""
    return json.loads(schema_text(command))


__all__ = [
    "COMMANDS",
    "FILES",
    "SOURCE_TITLES",
    "VERSION",
    "dumps",
    "envelope",
    "error",
    "load_schema",
    "normalize",
    "numbers_in_counterexample",
    "schema_text",
    "source_fields",
    "to_number",
]
