"""Errors that the CLI turns into one line on stderr and an exit code."""


class UsageError(Exception):
    """Bad input from the user: one line, exit code 2."""

    exit_code = 2


class Inconclusive(Exception):
    """The tool could not decide within its limits: exit code 3."""

    exit_code = 3


class InternalError(Exception):
    """A bug in adaproof, not in the input: one line naming the command, exit code 4."""

    exit_code = 4
