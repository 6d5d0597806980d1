"""Limits on user input, so that no answer can make the parser or SymPy run away.

Each limit is a plain constant; :class:`ParseError` names the token and its position.
"""

from __future__ import annotations

#: longest accepted expression (characters); a typical answer is under 200
MAX_LENGTH = 2000
#: deepest bracket / operator nesting accepted
MAX_DEPTH = 60
#: largest |n| accepted as an integer exponent of a number or a symbol
MAX_EXPONENT = 10_000
#: largest number of bits of an integer power computed exactly (2**MAX_BITS)
MAX_BITS = 20000
#: largest n accepted in factorial(n) with a numeric n
MAX_FACTORIAL = 200
#: most terms a sum with numeric bounds is expanded into
MAX_SUM_TERMS = 1000
#: longest identifier
MAX_NAME = 32


class ParseError(ValueError):
    """The input is not an expression this package accepts.

    ``position`` is the 0-based character offset in the original text (or None)
    and ``token`` the offending piece of text; ``str(error)`` is one line.
    """

    def __init__(self, message: str, *, position: int | None = None, token: str | None = None):
        self.reason = message
        self.position = position
        self.token = token
        where = ""
        if token is not None:
            where += f" {_show(token)}"
        if position is not None:
            where += f" at position {position + 1}"
        super().__init__(f"{message}{':' if where else ''}{where}")


def _show(token: str) -> str:
    """The token quoted, shortened and with control characters made visible."""
    text = token if len(token) <= 40 else token[:37] + "..."
    return repr(text)
