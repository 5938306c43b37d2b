"""The layers: the core imports and works without Qt, each package imports only the packages
below it, and the window only the services and their value types (docs/architecture.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'ui'):
            raise ImportError('blocked: ' + name)
        return None
sys.meta_path.insert(0, Block())
import pkgutil, importlib, zi_desktop
for mod in pkgutil.walk_packages(zi_desktop.__path__, 'zi_desktop.'):
    importlib.import_module(mod.name)
print('ok')
"""


def test_core_imports_without_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# -- what each package may import (docs/architecture.md) -------------------------------------

# Modules any package may use: errors, messages, formatting, resource paths, opening inputs.
UTILITIES = {"errors", "i18n", "formatting", "paths", "inputfile", "__init__"}
FLOORS: dict[str, set[str]] = {
    "lke": set(),
    "scoring": {"lke"},
    "values": {"lke", "scoring"},
    "storage": {"lke", "values"},
    "identity": {"storage", "values"},
    "sync": {"lke", "scoring", "values", "storage", "identity"},
    "reports": {"lke", "scoring", "values"},
    "interop": {"lke", "scoring", "values"},
    "services": {"lke", "scoring", "values", "storage", "identity", "sync", "reports", "interop"},
    "intake": {"services", "sync"},
    "transfer": {"services", "sync", "identity", "storage"},
    "cli": {"services", "values", "intake", "transfer"},
}
# The window: the services and their value types, and the upload client for "Kirim paket".
UI_MAY_IMPORT = {"services", "values", "transfer", "errors", "i18n", "formatting"}


def _imports(path: Path, package: str) -> set[str]:
    """The ``zi_desktop`` modules a file imports, as their first component (``sync``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = package.split(".")
            module = [m for m in (node.module or "").split(".") if m]
            target = parts[: len(parts) - node.level + 1] + module
        elif isinstance(node, ast.ImportFrom):
            target = (node.module or "").split(".")
        elif isinstance(node, ast.Import):
            targets = [a.name.split(".") for a in node.names]
            found |= {t[1] for t in targets if t[0] == "zi_desktop" and len(t) > 1}
            continue
        else:
            continue
        if target and target[0] == "zi_desktop":
            found.add(target[1] if len(target) > 1 else "__init__")
    return found


def _package_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1]) if parts[-1] != "__init__" else ".".join(parts)


def test_every_package_imports_only_what_is_below_it() -> None:
    problems = []
    for name, allowed in FLOORS.items():
        for path in sorted((ROOT / "zi_desktop" / name).rglob("*.py")):
            used = _imports(path, _package_of(path)) - UTILITIES - {name}
            for above in sorted(used - allowed):
                problems.append(f"{path.relative_to(ROOT)} imports zi_desktop.{above}")
    assert problems == []


def test_every_package_has_a_floor() -> None:
    packages = {p.name for p in (ROOT / "zi_desktop").iterdir() if (p / "__init__.py").exists()}
    assert packages == set(FLOORS)


def test_the_window_imports_only_the_services_and_their_values() -> None:
    problems = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for used in sorted(_imports(path, _package_of(path)) - UI_MAY_IMPORT):
            problems.append(f"{path.relative_to(ROOT)} imports zi_desktop.{used}")
    assert problems == []


def test_the_floors_themselves_have_no_cycle() -> None:
    seen: dict[str, set[str]] = {}

    def below(name: str, path: tuple[str, ...] = ()) -> set[str]:
        assert name not in path, " -> ".join((*path, name))
        if name not in seen:
            seen[name] = set().union(*(below(n, (*path, name)) | {n} for n in FLOORS[name]))
        return seen[name]

    for name in FLOORS:
        below(name)
