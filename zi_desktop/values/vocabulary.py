"""The fixed vocabularies of an assessment: the tiers of answers and the stored statuses."""

from __future__ import annotations

TIERS = ("unit", "tpi", "tpn")  # unit self-assessment, internal team (TPI), national team (TPN)
STATUSES = ("draft", "submitted", "reviewed")
