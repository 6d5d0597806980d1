"""Errors that the CLI turns into one line on stderr and an exit code."""


class UsageError(Exception):
    """Bad input from the user: one line, exit code 2."""

    exit_code = 2


class Inconclusive(Exception):
    """The tool could not decide within its limits: exit code 3."""

    exit_code = 3
