"""The core must import and work without Qt (README: the core ``zi_desktop`` has no Qt)."""

from __future__ import annotations

import subprocess
import sys

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
