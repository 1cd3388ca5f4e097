"""Golden tables, kwok style: tests/golden/printers/<case>/input.yaml in, output.txt out.

An input names the resource, the virtual ``now`` and kubectl's print options, and lists the
objects as the API server would list them (``watch:`` gives one list per watch event instead).
Run with ``PODLAB_REGEN=1`` to rewrite the expected outputs, then review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from sandbox.kubectl.printers import PrintOptions, TablePrinter, build_table, print_get
from sandbox.sim.timefmt import parse_rfc3339

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "printers"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input.yaml").is_file())


def _render(case: dict) -> str:
    options = PrintOptions(**{k: tuple(v) if isinstance(v, list) else v
                              for k, v in (case.get("options") or {}).items()})
    if "watch" in case:
        printer = TablePrinter(options)
        out = []
        for frame in case["watch"]:
            printer.print(build_table(case["resource"], frame["objects"], parse_rfc3339(frame["now"])))
            out.append(printer.flush())
        return "".join(out)
    return print_get(case["resource"], case["objects"], parse_rfc3339(case["now"]), options)


@pytest.mark.parametrize("name", CASES)
def test_it_prints_golden_tables(name):
    folder = GOLDEN / name
    case = yaml.safe_load((folder / "input.yaml").read_text(encoding="utf-8"))
    actual = _render(case)
    expected_file = folder / "output.txt"
    if os.environ.get("PODLAB_REGEN") == "1":
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
