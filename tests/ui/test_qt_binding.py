"""Guards against a Qt binding that mishandles references (see requirements.lock).

PySide6 6.12.0 drops one reference to ``None`` each time C++ calls a Python model's
``data()`` that returns ``None``; after enough calls the interpreter aborts. Every model of
the app returns ``None`` for roles it does not serve, so such a binding must not ship.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

pytestmark = pytest.mark.qt


class _NoneModel(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return None


def test_returning_none_from_a_model_keeps_references_balanced(qapp: object) -> None:
    model = _NoneModel()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(1000):
        index.data(Qt.ItemDataRole.DecorationRole)  # C++ calls back into Python
    assert sys.getrefcount(None) - before > -10
