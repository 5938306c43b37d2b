"""Find, with :mod:`ast`, the files the code names under ``resources_dir()``.

``resources_dir() / "demo" / f"{unit.code}.json"`` gives the pattern ``demo/*.json``: string
parts are kept (as are module-level string constants, such as ``TEMPLATE``), anything
computed becomes ``*``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Use:
    """One call of ``resources_dir()``: where, and the path pattern below it ("" if none)."""

    file: str
    line: int
    pattern: str


def _constants(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Constant):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                found[target.id] = node.value.value
    return found


def _segment(node: ast.expr, constants: dict[str, str]) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id, "*")
    if isinstance(node, ast.JoinedStr):
        return "".join(_segment(part, constants) for part in node.values)
    if isinstance(node, ast.FormattedValue):
        return _segment(node.value, constants)
    return "*"


def _is_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return name == "resources_dir"


def uses_in(path: Path, root: Path) -> list[Use]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not _is_call(node):
            continue
        segments, current = [], node
        while isinstance(parent := parents.get(current), ast.BinOp) and parent.left is current:
            if not isinstance(parent.op, ast.Div):
                break
            segments.append(_segment(parent.right, constants))
            current = parent
        found.append(Use(path.relative_to(root).as_posix(), node.lineno, "/".join(segments)))
    return found


def resource_uses(root: Path, folders: tuple[str, ...]) -> list[Use]:
    """Every ``resources_dir()`` call in the ``.py`` files of ``folders`` under ``root``."""
    found = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            found += uses_in(path, root)
    return found
