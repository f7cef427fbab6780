"""The attack catalogue's size: every case asserts its exact line, exit 1 and the earlier
outputs untouched (the cases ending in a clean build or a warning come on top)."""

from __future__ import annotations

import importlib


def test_the_catalogue_holds_at_least_a_hundred_refusals():
    tables = {
        "test_bad_inputs": "CASES",
        "source.test_files": "CASES",
        "attacks.test_svg": "CASES",
        "attacks.test_messages": "CASES",
        "attacks.test_writes": "CASES",
        "attacks.test_bounded": "CASES",
    }
    sizes = {name: len(getattr(importlib.import_module(name), table)) for name, table in tables.items()}
    assert sum(sizes.values()) >= 100, sizes
