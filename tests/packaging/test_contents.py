"""A build ships every file the code loads at run time (packaging/contents.py, the spec).

The build's data files are listed one by one in ``packaging/contents.py``; these tests fail
when a file is added to ``resources/`` or beside the code without being listed (or explained
in ``NOT_SHIPPED``), when the code starts loading a path under ``resources_dir()`` that the
list does not cover, or when the spec stops taking its data files from that list.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

import contents
import pytest
from code_paths import Use, resource_uses

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SPEC = ROOT / "packaging" / "zi_desktop.spec"
CODE = ("zi_desktop", "ui")
# resources_dir() calls that load nothing from a build: the catalog tool runs from source only.
SOURCE_ONLY = {"zi_desktop/i18n_catalog.py"}


def files_under(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def not_shipped(name: str) -> bool:
    return any(fnmatch(name, pattern) for pattern in contents.NOT_SHIPPED)


def covered(name: str, pattern: str) -> bool:
    return fnmatch(name, pattern) or name.startswith(pattern.rstrip("/") + "/")


def test_every_resource_file_is_shipped_or_explained() -> None:
    unlisted = [
        name
        for name in files_under(RESOURCES)
        if name not in contents.RESOURCE_FILES and not not_shipped(name)
    ]
    assert not unlisted, (
        f"add to RESOURCE_FILES or NOT_SHIPPED in packaging/contents.py: {unlisted}"
    )


def test_every_listed_file_exists() -> None:
    listed = [RESOURCES / name for name in contents.RESOURCE_FILES]
    listed += [ROOT / name for name in contents.PACKAGE_FILES]
    assert [str(p) for p in listed if not p.is_file()] == []


def test_every_file_beside_the_code_is_shipped() -> None:
    beside = [
        f"{folder}/{name}"
        for folder in CODE
        for name in files_under(ROOT / folder)
        if not name.endswith((".py", ".pyc"))
    ]
    assert sorted(beside) == sorted(contents.PACKAGE_FILES)


def test_resource_uses_are_found() -> None:
    patterns = {use.pattern for use in resource_uses(ROOT, CODE)}
    assert {"lke", "fonts", "demo/*.json", "excel/lke-zi-template-2021.xlsx"} <= patterns
    assert "locale/*/LC_MESSAGES/zi_desktop.po" in patterns


@pytest.mark.parametrize("use", resource_uses(ROOT, CODE), ids=lambda u: f"{u.file}:{u.line}")
def test_what_the_code_loads_from_resources_is_shipped(use: Use) -> None:
    file, pattern = use.file, use.pattern
    if file in SOURCE_ONLY:
        return
    assert pattern, f"{file}: resources_dir() used without a path below it"
    shipped = [n for n in contents.RESOURCE_FILES if covered(n, pattern)]
    assert shipped, f"{file}: nothing shipped matches resources/{pattern}"
    on_disk = [n for n in files_under(RESOURCES) if covered(n, pattern) and not not_shipped(n)]
    assert sorted(shipped) == on_disk, f"{file}: resources/{pattern} is not shipped whole"


def test_spec_takes_its_data_files_from_contents() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "contents"
        for alias in node.names
    }
    analyses = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Analysis"
    ]
    assert "datas" in imported
    assert analyses
    for call in analyses:
        (value,) = [k.value for k in call.keywords if k.arg == "datas"]
        assert isinstance(value, ast.Call) and getattr(value.func, "id", "") == "datas"


def test_datas_keep_each_file_where_the_code_looks() -> None:
    pairs = contents.datas(str(ROOT))
    assert (str(RESOURCES / "demo" / "KPP-001.json"), "resources/demo") in pairs
    schema = ROOT / "zi_desktop" / "storage" / "schema_v1.sql"
    assert (str(schema), "zi_desktop/storage") in pairs
    assert len(pairs) == len(contents.RESOURCE_FILES) + len(contents.PACKAGE_FILES)
