"""Per-user application settings kept outside any workspace: the last workspace, the language,
the main window's geometry (Qt's own encoding, as base64 text).

Stored as JSON in the settings folder (portable-aware, see ``storage.location``); a missing
or damaged file gives the defaults, never an error.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..paths import app_icon as app_icon  # the window's icon, for the app
from ..storage.durable import write_bytes
from ..storage.location import default_workspace as default_workspace  # for the app
from ..storage.location import settings_dir

FILE_NAME = "settings.json"


@dataclass(frozen=True)
class AppSettings:
    last_workspace: str = ""
    language: str = DEFAULT_LANGUAGE
    window_geometry: str = ""


def load(folder: Path | None = None) -> AppSettings:
    path = (folder or settings_dir()) / FILE_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppSettings()
    if not isinstance(raw, dict):
        return AppSettings()
    language = raw.get("language")
    return AppSettings(
        last_workspace=str(raw.get("last_workspace", "")),
        language=language if language in LANGUAGES else DEFAULT_LANGUAGE,
        window_geometry=str(raw.get("window_geometry", "")),
    )


def save(settings: AppSettings, folder: Path | None = None) -> None:
    target = folder or settings_dir()
    target.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(settings), ensure_ascii=False, indent=1)
    write_bytes(target / FILE_NAME, text.encode("utf-8"))
