"""pytest plugin (entry point ``pytest11``): lets researchers keep mathematical claims as tests.

Registers the ``claim`` marker: ``@pytest.mark.claim(source="Kingma & Ba 2015, §2.1")``.
"""

from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers",
        "claim(source=..., statement=...): a mathematical claim kept as a regression test",
    )
