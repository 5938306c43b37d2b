"""The workspace's report settings: the kop surat, its logo, the number pattern, the paper, the
place of signing and the surat tugas. Kept as workspace settings rows, so they travel with the
workspace folder and every change is in the audit chain.

| key | what |
|---|---|
| ``report_instansi`` | first line of the kop surat (default: the unit's instansi) |
| ``report_office`` | the office that issues the report, e.g. Inspektorat Daerah (default: TPI) |
| ``report_address`` | address lines under it (street, telephone, e-mail) |
| ``report_logo`` | the logo: PNG or JPEG, at most 512 KiB, kept in the row (base64) |
| ``report_number_pattern`` | the report number's pattern (``reports.numbering``) |
| ``report_paper`` | ``A4`` or ``F4`` |
| ``report_place`` | the place of signing, e.g. the city |
| ``report_assignment_number``, ``report_assignment_date`` | the surat tugas of the evaluation |

``zi report-settings`` shows and changes them; the app reads the same rows when it prints.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import UserFacingError
from ..i18n import N_, _
from ..reports.images import MAX_LOGO_BYTES, image_size, logo_type
from ..reports.numbering import DEFAULT_PATTERN, check_pattern
from ..reports.paper import PAPERS
from ..storage.tables import Setting
from .workspace import Workspace

LOGO_KEY = "report_logo"


@dataclass(frozen=True)
class ReportSettings:
    """The report settings of a workspace (defaults for a new one)."""

    instansi: str = ""
    office: str = ""
    address: str = ""
    number_pattern: str = DEFAULT_PATTERN
    paper: str = "A4"
    place: str = ""
    assignment_number: str = ""
    assignment_date: str = ""  # ISO date, or "" when unknown
    logo_sha256: str = ""  # of the logo, or "" for none (the image itself: report_logo())


KEYS = {
    "instansi": "report_instansi",
    "office": "report_office",
    "address": "report_address",
    "number_pattern": "report_number_pattern",
    "paper": "report_paper",
    "place": "report_place",
    "assignment_number": "report_assignment_number",
    "assignment_date": "report_assignment_date",
}
TITLES = {
    "instansi": N_("Instansi on the letterhead"),
    "office": N_("Office on the letterhead"),
    "address": N_("Address on the letterhead"),
    "number_pattern": N_("Report number pattern"),
    "paper": N_("Paper"),
    "place": N_("Place of signing"),
    "assignment_number": N_("Surat tugas number"),
    "assignment_date": N_("Surat tugas date"),
    "logo_sha256": N_("Logo (SHA-256)"),
}


def load_report_settings(ws: Workspace) -> ReportSettings:
    """The settings stored in ``ws``; a missing or malformed row gives its default."""
    defaults = ReportSettings()
    values: dict[str, Any] = {}
    for name, key in KEYS.items():
        stored = ws.setting(key, None)
        values[name] = stored if isinstance(stored, str) else getattr(defaults, name)
    logo = ws.setting(LOGO_KEY, None)
    if isinstance(logo, dict) and isinstance(logo.get("sha256"), str):
        values["logo_sha256"] = logo["sha256"]
    return ReportSettings(**values)


def check_date(text: str) -> str:
    """An ISO date (or "" for none), else a UserFacingError."""
    text = text.strip()
    if not text:
        return ""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise UserFacingError(
            _("{date} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23.").format(date=text)
        ) from None


def check_paper(name: str) -> str:
    """``A4`` or ``F4`` (any case), else a UserFacingError."""
    paper = name.strip().upper()
    if paper not in PAPERS:
        raise UserFacingError(
            _("Unknown paper {paper}; use one of {papers}.").format(
                paper=name, papers=", ".join(PAPERS)
            )
        )
    return paper


def _checked(changes: dict[str, str]) -> dict[str, str]:
    out = {}
    for name, value in changes.items():
        if name not in KEYS:
            raise ValueError(f"unknown report setting {name!r}")
        if name == "number_pattern":
            value = check_pattern(value)
        elif name == "paper":
            value = check_paper(value)
        elif name == "assignment_date":
            value = check_date(value)
        out[name] = value.strip()
    return out


def save_report_settings(ws: Workspace, **changes: str) -> ReportSettings:
    """Check every change first, then store them; nothing is stored if one is wrong."""
    checked = _checked(changes)
    for name, value in checked.items():
        ws.set_setting(KEYS[name], value)
    return load_report_settings(ws)


def set_report_logo(ws: Workspace, path: Path | None) -> ReportSettings:
    """Take the logo from ``path`` (PNG or JPEG), or remove it with None.

    The audit chain records the logo's SHA-256, type and size, not its bytes.
    """
    value: dict[str, Any] | None = None
    if path is not None:
        data = _read_logo(Path(path))
        value = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "mime": logo_type(data),
            "size": len(data),
            "data": base64.b64encode(data).decode("ascii"),
        }
    with ws.transaction() as s:
        row = s.get(Setting, LOGO_KEY)
        old = json.loads(row.value) if row is not None else None
        if _summary(old) == _summary(value):
            return load_report_settings(ws)
        if value is None:
            if row is not None:
                s.delete(row)
        else:
            row = row or Setting(key=LOGO_KEY, value="")
            row.value = json.dumps(value)
            s.add(row)
        ws.audit(s, f"setting/{LOGO_KEY}", _summary(old), _summary(value))
    return load_report_settings(ws)


def _summary(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    return {k: value.get(k) for k in ("sha256", "mime", "size")}


def _read_logo(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise UserFacingError(
                _("The logo {file} is {size} KiB; it may be at most {limit} KiB.").format(
                    file=path.name, size=(size + 1023) // 1024, limit=MAX_LOGO_BYTES // 1024
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UserFacingError(
            _("Cannot read {file}: {error}").format(file=path, error=exc.strerror or exc)
        ) from None
    if image_size(data) is None:
        raise UserFacingError(
            _("The logo {file} is not a PNG or JPEG image that can be drawn.").format(
                file=path.name
            )
        )
    return data


def report_logo(ws: Workspace) -> bytes:
    """The logo's bytes, or empty when there is none (or the row is damaged)."""
    stored = ws.setting(LOGO_KEY, None)
    if not isinstance(stored, dict) or not isinstance(stored.get("data"), str):
        return b""
    try:
        return base64.b64decode(stored["data"], validate=True)
    except ValueError:
        return b""


def describe(settings: ReportSettings) -> list[tuple[str, str]]:
    """(translated title, value) for every setting, in declaration order."""
    return [(_(TITLES[f.name]), getattr(settings, f.name)) for f in fields(settings)]
