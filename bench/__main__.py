"""``python -m bench [--only TEXT] [--quick]``: run every ``bench/bench_*.py`` benchmark.

Prints one table and writes the same to ``bench/results.json``. A missed target is reported,
not fatal (exit 0); a benchmark that crashes prints its traceback, the others still run, and
the exit status is 1.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import traceback
from pathlib import Path
from typing import Any

from .core import Benchmark, machine_info

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
NO_TARGET = "—"


def discover() -> tuple[list[Benchmark], dict[str, str]]:
    """All benchmarks of the ``bench_*`` modules, and the error of each module that failed."""
    found: list[Benchmark] = []
    broken: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules([str(HERE)]), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        try:
            module = importlib.import_module(f"{__package__}.{info.name}")
            found.extend(module.BENCHMARKS)
        except Exception as exc:  # noqa: BLE001 - a module that fails to load is a row
            traceback.print_exc()
            broken[info.name] = f"{type(exc).__name__}: {exc}"
    return found, broken


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def _row(bench: Benchmark, value: float | None, error: str | None) -> dict[str, Any]:
    return {
        "measure": bench.name,
        "value": value,
        "unit": bench.unit,
        "target": bench.target,
        "comparison": bench.comparison,
        "passed": None if value is None else bench.passed(value),
        "error": error,
    }


def _broken_row(module: str, error: str) -> dict[str, Any]:
    return {
        "measure": f"{module} (module failed to import)",
        "value": None,
        "unit": "",
        "target": None,
        "comparison": None,
        "passed": None,
        "error": error,
    }


def render(rows: list[dict[str, Any]]) -> str:
    head = ("measure", "value", "unit", "target", "pass/fail")
    cells = [head]
    for r in rows:
        value = "CRASHED" if r["error"] else _number(r["value"])
        target = NO_TARGET
        if r["target"] is not None:
            target = f"{'≤' if r['comparison'] == '<=' else '≥'} {_number(r['target'])}"
        verdict = {True: "pass", False: "FAIL", None: NO_TARGET}[r["passed"]]
        cells.append((r["measure"], value, r["unit"], target, verdict))
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    right = {1, 3}  # numbers line up on the right

    def line(c: tuple[str, ...]) -> str:
        parts = [
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(c, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(c) for c in cells[1:])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", metavar="TEXT", help="run benchmarks whose name contains TEXT")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke test)")
    args = parser.parse_args(argv)

    benchmarks, broken = discover()
    if args.only:
        benchmarks = [b for b in benchmarks if args.only.casefold() in b.name.casefold()]
        if not benchmarks and not broken:
            print(f"no benchmark name contains {args.only!r}", file=sys.stderr)
            return 2
    rows = [_broken_row(name, error) for name, error in broken.items()]
    crashed = bool(broken)
    for bench in benchmarks:
        print(f"running: {bench.name} …", file=sys.stderr, flush=True)
        try:
            rows.append(_row(bench, float(bench.run(args.quick)), None))
        except Exception as exc:  # noqa: BLE001 - one failing benchmark, the others run
            traceback.print_exc()
            rows.append(_row(bench, None, f"{type(exc).__name__}: {exc}"))
            crashed = True

    print(render(rows))
    doc = {"machine": {**machine_info(), "quick": args.quick}, "results": rows}
    RESULTS.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {RESULTS.relative_to(HERE.parent)}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
