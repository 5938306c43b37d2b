"""Fixed vocabularies of the workspace, importable without loading the database layer."""

from __future__ import annotations

from ..values.people import ROLES as ROLES  # a person's role in the TPI team
from ..values.vocabulary import STATUSES as STATUSES
from ..values.vocabulary import TIERS as TIERS

SCHEMA_VERSION = 4  # PRAGMA user_version of a current workspace database
