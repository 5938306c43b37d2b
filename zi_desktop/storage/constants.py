"""Fixed vocabularies of the workspace, importable without loading the database layer."""

from __future__ import annotations

TIERS = ("unit", "tpi", "tpn")  # unit self-assessment, internal team (TPI), national team (TPN)
STATUSES = ("draft", "submitted", "reviewed")
ROLES = ("anggota", "ketua", "dalnis", "koordinator")
SCHEMA_VERSION = 4  # PRAGMA user_version of a current workspace database
