"""Where the person's identity folder is: the signing key and the evaluator profile live there.

Kept apart from :mod:`.store` so that the window can read the profile at start-up without
loading the signing library.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..storage.location import settings_dir

ENV_FOLDER = "ZI_IDENTITY_DIR"


def default_identity_dir() -> Path:
    """``ZI_IDENTITY_DIR`` when set, else ``identity/`` in the per-user settings folder."""
    override = os.environ.get(ENV_FOLDER)
    return Path(override) if override else settings_dir() / "identity"
