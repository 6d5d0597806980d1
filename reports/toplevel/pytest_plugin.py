"""pytest plugin (entry point ``pytest11``): lets researchers keep mathematical claims as tests.

Registers the ``claim`` marker::

    from adaproof.testing import assert_equivalent

    @pytest.mark.claim(source="Kingma & Ba 2015, §3", statement="E[v_hat_t] = E[g^2]")
    def test_bias_correction():
        assert_equivalent(...)

A claim test must name its ``source``. The source and statement are attached to
the test's ``user_properties`` (so they reach JUnit XML) and printed in a
"claim" section when the test fails; the terminal summary counts claims held
and failed. Use :func:`adaproof.testing.assert_equivalent` and
:func:`adaproof.testing.assert_bound` inside: their failures are a few lines (the
counterexample values, both sides and the difference) in the test's own symbol
names, with the library's frames hidden from the traceback.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser) -> None:
    parser.addini(
        "adaproof_documents",
        type="linelist",
        help="Markdown/LaTeX documents whose displayed relations are tests (globs, from rootdir)",
        default=[],
    )
    parser.addini("adaproof_budget", help="seconds per decision for adaproof_documents (default 3)")


def pytest_collect_file(file_path, parent):
    """A document named by ``adaproof_documents``: one test item per displayed relation."""
    if file_path.suffix.lower() not in (".md", ".markdown", ".tex", ".txt"):
        return None
    from adaproof.reports.documents.pytest_items import DocumentFile, matches

    if matches(parent.config, file_path):
        return DocumentFile.from_parent(parent, path=file_path)
    return None


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers",
        "claim(source=..., statement=...): a mathematical claim kept as a regression test",
    )
    config._adaproof_claims = {"held": 0, "failed": 0}


def _claim(item):
    return item.get_closest_marker("claim")


def pytest_collection_modifyitems(session, config, items) -> None:
    for item in items:
        mark = _claim(item)
        if mark is None:
            continue
        source = mark.kwargs.get("source", mark.args[0] if mark.args else None)
        if not isinstance(source, str) or not source.strip():
            raise pytest.UsageError(
                f'{item.nodeid}: @pytest.mark.claim needs source="..." (where the claim is from)'
            )
        item.user_properties.append(("claim_source", source))
        if "statement" in mark.kwargs:
            item.user_properties.append(("claim_statement", str(mark.kwargs["statement"])))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    mark = _claim(item)
    if mark is None or report.when != "call":
        return
    counts = getattr(item.config, "_adaproof_claims", None)
    if counts is not None:
        counts["failed" if report.failed else "held"] += 1
    if report.failed:
        props = dict(item.user_properties)
        text = f"source: {props.get('claim_source', '?')}"
        if "claim_statement" in props:
            text += f"\nstatement: {props['claim_statement']}"
        report.sections.append(("claim", text))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    counts = getattr(config, "_adaproof_claims", None)
    if counts and (counts["held"] or counts["failed"]):
        terminalreporter.write_line(
            f"adaproof claims: {counts['held']} held, {counts['failed']} failed"
        )
