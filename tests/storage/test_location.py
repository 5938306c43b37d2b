"""Portable mode: a ``portable`` file beside the executable keeps workspace and settings there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from zi_desktop.services import app_settings
from zi_desktop.storage import location


@pytest.fixture
def frozen_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen build's folder (``tmp_path/app``), with home folders elsewhere in tmp_path."""
    folder = tmp_path / "app"
    folder.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "zi-desktop"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    return folder


def test_portable_marker_puts_workspace_and_settings_beside_the_executable(
    frozen_in: Path,
) -> None:
    (frozen_in / "portable").write_bytes(b"")
    assert location.portable_base() == frozen_in
    assert location.default_workspace() == frozen_in / "workspace"
    assert location.settings_dir() == frozen_in / "settings"


def test_app_settings_are_saved_beside_a_portable_executable(frozen_in: Path) -> None:
    (frozen_in / "portable").write_bytes(b"")
    app_settings.save(app_settings.AppSettings(last_workspace="D:/ws", language="en"))
    assert (frozen_in / "settings" / app_settings.FILE_NAME).is_file()
    assert app_settings.load() == app_settings.AppSettings("D:/ws", "en")


def test_without_the_marker_the_user_folders_are_used(frozen_in: Path) -> None:
    if location.portable_base() is not None:
        pytest.skip("the source tree itself is in portable mode")
    assert not location.default_workspace().is_relative_to(frozen_in)
    assert not location.settings_dir().is_relative_to(frozen_in)


def test_the_log_is_beside_the_settings_of_a_portable_executable(frozen_in: Path) -> None:
    (frozen_in / "portable").write_bytes(b"")
    assert location.log_dir() == frozen_in / "logs"


def test_the_log_is_in_the_platforms_log_folder(
    frozen_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if location.portable_base() is not None:
        pytest.skip("the source tree itself is in portable mode")
    monkeypatch.setattr(
        location.platformdirs, "user_log_dir", lambda name, appauthor: f"/logs/{name}/{appauthor}"
    )
    assert location.log_dir() == Path("/logs/ZI Desktop/False")
