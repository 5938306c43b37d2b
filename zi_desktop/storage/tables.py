"""The workspace's SQLite tables of schema version 1 (version 2 adds ``sync_tables``).

* *instansi* — the government agency a unit belongs to;
* *unit kerja* — an evaluated unit, with its current and target predikat;
* *period* — an evaluation year and the LKE version it is scored under;
* *assessment* — one unit in one period, status draft → submitted → reviewed;
* *answer* — one node's answer in one tier (``unit`` self-assessment, ``tpi`` evaluator,
  ``tpn`` national team), with its note; values are stored as exact text;
* *evidence* — a link from an item of a tier to a stored file (``stored_file``);
* *survey* — IPAK/IPKP survey metadata (the index itself is the answer to B.I.a / B.II.a);
* *score_cache* — the last computed score summary per assessment and tier, so that lists
  of thousands of units open without rescoring;
* *audit_event* — the append-only hash chain of every change.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from .constants import ROLES, SCHEMA_VERSION, STATUSES, TIERS

__all__ = ["ROLES", "SCHEMA_VERSION", "STATUSES", "TIERS"]


class Instansi(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    name: str


class Unit(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    name: str = Field(index=True)
    instansi_id: int = Field(foreign_key="instansi.id", index=True)
    address: str = ""
    head: str = ""
    service_type: str = ""
    current_predikat: str = "none"  # none | WBK | WBBM
    target_predikat: str = "WBK"  # WBK | WBBM


class Period(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("year", "lke_version"),)
    id: int | None = Field(default=None, primary_key=True)
    year: int
    lke_version: str


class Assessment(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("unit_id", "period_id"),)
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    period_id: int = Field(foreign_key="period.id")
    status: str = "draft"
    evaluation_date: str = ""  # ISO date of the TPI visit
    created_at: datetime
    updated_at: datetime


class Answer(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("assessment_id", "tier", "node_id"),)
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    tier: str
    node_id: str
    option: str | None = None  # option code of a choice item
    number: str | None = None  # exact decimal text of a count or survey index
    note: str = ""
    updated_by: str = ""
    updated_at: datetime


class StoredFile(SQLModel, table=True):
    __tablename__ = "stored_file"
    sha256: str = Field(primary_key=True)
    size: int
    mime: str
    stored_at: datetime


class Evidence(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    tier: str
    node_id: str
    sha256: str = Field(foreign_key="stored_file.sha256", index=True)
    file_name: str
    caption: str = ""
    added_by: str = ""
    added_at: datetime


class Survey(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("assessment_id", "tier", "kind"),)
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    tier: str
    kind: str  # IPAK | IPKP
    respondents: int | None = None
    period: str = ""
    conducted_by: str = ""
    report_sha256: str | None = Field(default=None, foreign_key="stored_file.sha256")


class Evaluator(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    nip: str
    role: str  # anggota | ketua | dalnis | koordinator
    instansi: str = ""


class Recommendation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("assessment_id", "area"),)
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    area: int
    text: str = ""
    updated_at: datetime


class ScoreCache(SQLModel, table=True):
    __tablename__ = "score_cache"
    assessment_id: int = Field(foreign_key="assessment.id", primary_key=True)
    tier: str = Field(primary_key=True)
    total: str  # exact fraction "n/d"
    answered: int
    required: int
    wbk: str
    wbbm: str


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str  # JSON


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    seq: int = Field(primary_key=True)
    at: str
    actor: str
    entity: str
    old: str  # canonical JSON
    new: str  # canonical JSON
    prev_hash: str
    hash: str
