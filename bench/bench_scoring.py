"""Scoring speed: the engine on a full LKE, a one-answer rescore, and ``zi score --json``.

The engine targets (≤ 1 ms) are the bar for rescoring live as a person edits the worksheet.
The CLI measures are informational: one process over 1,000 generated answers files.
"""

from __future__ import annotations

import functools
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from zi_desktop.lke.loader import available_definitions, load_definition
from zi_desktop.scoring import score

from .core import Benchmark, median_time, temp_dir
from .workload import other_answer, random_answers, write_answers_files

LKE = "permenpanrb-90-2021"
SEED = 2021
CLI_FILES = 1000
MS = 1000.0


def _reps(quick: bool) -> tuple[int, int]:
    """(repeat, number) for the engine timings."""
    return (5, 20) if quick else (41, 100)


def full_score_ms(quick: bool) -> float:
    definition = load_definition(LKE)
    answers = random_answers(definition, random.Random(SEED))
    assert len(answers) == len(definition.answer_ids()), "every question must be answered"
    result = score(definition, answers)
    assert not result.missing, result.missing
    return median_time(lambda: score(definition, answers), *_reps(quick)) * MS


def rescore_one_change_ms(quick: bool) -> float:
    """Change one answer, then score the whole LKE again (what an edit in the UI costs)."""
    definition = load_definition(LKE)
    rng = random.Random(SEED + 1)
    answers = random_answers(definition, rng)
    shadow = dict(answers)
    changes = []
    for node_id in rng.choices(definition.answer_ids(), k=257):  # a prime: no sync with reps
        new = other_answer(definition, node_id, shadow[node_id], rng)
        changes.append((node_id, new))
        shadow[node_id] = new
    cycle = itertools.cycle(changes)

    def edit_and_rescore() -> object:
        node_id, value = next(cycle)
        answers[node_id] = value
        return score(definition, answers)

    return median_time(edit_and_rescore, *_reps(quick)) * MS


def _zi_command() -> list[str]:
    script = Path(sys.executable).with_name("zi")
    if script.exists():
        return [str(script)]
    found = shutil.which("zi")
    if found is None:
        raise RuntimeError("the zi command is not installed (run `make venv`)")
    return [found]


def _run_zi(cmd: list[str], cwd: Path, env: dict[str, str], expect: int) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"zi score exited {done.returncode}: {done.stderr[-2000:]!r}")
    lines = done.stdout.count(b"\n")
    if lines != expect:
        raise RuntimeError(f"zi score printed {lines} results for {expect} files")
    return elapsed


@functools.cache
def _cli_seconds(quick: bool) -> float:
    """Median wall time of one ``zi score --json`` process over CLI_FILES files.

    The child compiles into a bytecode cache of its own (PYTHONPYCACHEPREFIX), filled by an
    untimed one-file call, so it starts like an installed app even where the environment
    disables bytecode writing, and nothing is written into the source tree.
    """
    definitions = [load_definition(d) for d in available_definitions()]
    with temp_dir() as folder, temp_dir("zi-bench-pyc-") as pyc:
        names = write_answers_files(definitions, folder, CLI_FILES, SEED)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(pyc)
        zi = [*_zi_command(), "score", "--json"]
        _run_zi([*zi, names[0]], folder, env, 1)
        runs = [_run_zi([*zi, *names], folder, env, CLI_FILES) for _ in range(1 if quick else 3)]
    return statistics.median(runs)


BENCHMARKS = [
    Benchmark("score a full LKE (engine)", "ms", full_score_ms, 1.0, "<="),
    Benchmark("rescore after one answer changes", "ms", rescore_one_change_ms, 1.0, "<="),
    Benchmark(f"zi score --json, {CLI_FILES:,} files (1 process)", "s", _cli_seconds),
    Benchmark("zi score --json throughput", "files/s", lambda q: CLI_FILES / _cli_seconds(q)),
]
