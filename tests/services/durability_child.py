"""The child process of ``test_durability.py``: keeps changing a workspace until it is killed.

Usage: ``python durability_child.py WORKSPACE SCRATCH SEED``. It imports the services, then
waits for a line on stdin (so the parent can start it early, while another round runs), opens
the workspace, prints ``READY`` and loops: ``set_answer`` on a random node of the ``tpi`` tier
with a random valid value (or clears it), and every few changes ``attach_evidence`` of a small
freshly generated file with unique content. Only after a service call has returned does it
print one line and flush it:

* ``ANS <node> <value>`` — the answer was saved (``-`` for cleared);
* ``EVD <link id> <sha256>`` — the evidence link was saved.

Each node is written at most once per run, so every acknowledged node has exactly one
expected value. The parent kills the process with SIGKILL at a random moment.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

from zi_desktop.lke.loader import load_definition
from zi_desktop.lke.model import ItemType
from zi_desktop.services.workspace import Workspace

UNIT = "U-001"
TIER = "tpi"
LKE = "permenpanrb-90-2021"


def random_value(rng: random.Random, node: str) -> object:
    definition = load_definition(LKE)
    if node in definition.inputs:
        return rng.randrange(0, 500)
    item = definition.items[node]
    if item.type is ItemType.INDEX:
        return Decimal(rng.randrange(0, 401)) / 100
    return rng.choice([o.code for o in item.options])


def main(argv: list[str]) -> int:
    folder, scratch, seed = Path(argv[0]), Path(argv[1]), int(argv[2])
    rng = random.Random(seed)
    definition = load_definition(LKE)
    nodes = definition.answer_ids()
    rng.shuffle(nodes)
    items = [i for i, item in definition.items.items() if item.type is not ItemType.PERCENT]
    sys.stdin.readline()  # wait for the parent's go-ahead
    scratch.mkdir(parents=True, exist_ok=True)
    ws = Workspace.open(folder, create=False, actor=f"child-{seed}")
    print("READY", flush=True)
    step = 0
    while True:
        step += 1
        if step % 4 == 0 or not nodes:
            source = scratch / f"bukti-{seed}-{step}.txt"
            source.write_text(
                f"Bukti dukung {seed}/{step} {rng.getrandbits(64):016x}\n" * rng.randrange(1, 40),
                encoding="utf-8",
            )
            link = ws.attach_evidence(UNIT, TIER, rng.choice(items), source, f"run {seed}")
            print(f"EVD {link.id} {link.sha256}", flush=True)
            continue
        node = nodes.pop()
        value = None if rng.random() < 0.1 else random_value(rng, node)
        ws.set_answer(UNIT, TIER, node, value)
        print(f"ANS {node} {'-' if value is None else value}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
