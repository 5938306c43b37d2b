"""The tables of signed sync packages (schema version 2, ``schema_v2.sql``; keyed by signer in 3).

* *sync_device* — this workspace's random device id (one row), written by the upgrade step;
* *trusted_key* — evaluators' public key cards enrolled by the coordinator;
* *coordinator_pin* — the coordinator key an evaluator pinned on the first assignment (one row);
* *package_in* — every package imported: signer, device, sequence, previous-package hash
  (a sender's sequence is per signing key and device: one key can never advance another's);
* *package_out* — every package exported, per recipient, with its sequence and audit head;
* *export_state* — per recipient and assessment, the digest of every record last exported, so
  that a delta package holds only what changed;
* *peer_evidence* — evidence files a peer is known to hold (sent to it or received from it);
* *record_source* — who last set a record through a package and to what, for merging;
* *sync_conflict* — a record two sources set differently, kept for the coordinator;
* *remote_audit_event* — the audit chain of each sending key and device, as received.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel, UniqueConstraint


class SyncDevice(SQLModel, table=True):
    __tablename__ = "sync_device"
    id: int = Field(primary_key=True)
    device_id: str
    created_at: str


class TrustedKey(SQLModel, table=True):
    __tablename__ = "trusted_key"
    key_id: str = Field(primary_key=True)
    public_key: str  # base64 of the raw 32 bytes
    name: str
    nip: str
    role: str
    instansi: str
    card: str  # the card's canonical JSON, as enrolled
    added_at: str


class CoordinatorPin(SQLModel, table=True):
    __tablename__ = "coordinator_pin"
    id: int = Field(primary_key=True)
    key_id: str
    public_key: str
    name: str
    pinned_at: str


class PackageIn(SQLModel, table=True):
    __tablename__ = "package_in"
    __table_args__ = (
        UniqueConstraint("manifest_sha256"),
        UniqueConstraint("signer", "device_id", "sequence"),
    )
    id: int | None = Field(default=None, primary_key=True)
    manifest_sha256: str
    package_id: str
    kind: str
    mode: str
    device_id: str
    signer: str
    signer_name: str
    sequence: int
    previous: str
    created: str
    imported_at: str
    units: str  # JSON list of unit codes
    summary: str  # JSON: counts of what changed


class PackageOut(SQLModel, table=True):
    __tablename__ = "package_out"
    __table_args__ = (
        UniqueConstraint("manifest_sha256"),
        UniqueConstraint("recipient", "sequence"),
    )
    id: int | None = Field(default=None, primary_key=True)
    manifest_sha256: str
    package_id: str
    kind: str
    mode: str
    recipient: str
    sequence: int
    previous: str
    base_sequence: int | None = None
    audit_seq: int
    audit_hash: str
    created: str
    units: str
    file_name: str


class ExportState(SQLModel, table=True):
    __tablename__ = "export_state"
    recipient: str = Field(primary_key=True)
    unit_code: str = Field(primary_key=True)
    year: int = Field(primary_key=True)
    records: str  # JSON {record key: SHA-256 of the record's canonical value}


class PeerEvidence(SQLModel, table=True):
    __tablename__ = "peer_evidence"
    peer: str = Field(primary_key=True)
    sha256: str = Field(primary_key=True)


class RecordSource(SQLModel, table=True):
    __tablename__ = "record_source"
    assessment_id: int = Field(foreign_key="assessment.id", primary_key=True)
    key: str = Field(primary_key=True)
    signer: str
    value: str  # canonical JSON of the value as imported
    package_id: str


class SyncConflict(SQLModel, table=True):
    __tablename__ = "sync_conflict"
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    key: str
    local_value: str  # canonical JSON
    local_source: str  # key id of the signer it came from, or "" for a local edit
    incoming_value: str
    incoming_signer: str
    incoming_by: str
    package_id: str
    created_at: str
    resolution: str = ""  # "" open | local | incoming
    resolved_at: str = ""


class RemoteAuditEvent(SQLModel, table=True):
    __tablename__ = "remote_audit_event"
    signer: str = Field(primary_key=True)  # key id of the package that brought the event
    device_id: str = Field(primary_key=True)
    seq: int = Field(primary_key=True)
    at: str
    actor: str
    entity: str
    old: str
    new: str
    prev_hash: str
    hash: str
    package_id: str
