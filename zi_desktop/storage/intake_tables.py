"""The tables of uploads (schema version 4, ``schema_v4.sql``).

At the coordinator (``zi serve``):

* *intake_session* — one package being received: its hash and size, who uploads it, who
  signed it (device, sequence), its state (``open`` → ``received`` → ``imported``, or
  ``refused`` with a reason code, or ``expired``) and when unfinished uploads expire;
* *intake_blob* — every file (named by the SHA-256 of its bytes as stored in the package) a
  session needs, whether or not the coordinator already holds it;
* *intake_upload* — a resumable upload of one file of a session; its confirmed offset is the
  size of its file under ``intake/uploads/`` (bytes are fsynced before they are confirmed);
* *intake_receipt* — the signed receipt given for a package, returned again when the same
  package is offered again.

At an evaluator's workspace:

* *package_receipt* — the receipt the coordinator signed for a package sent to it.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

SESSION_STATES = ("open", "received", "imported", "refused", "expired")


class IntakeSession(SQLModel, table=True):
    __tablename__ = "intake_session"
    id: str = Field(primary_key=True)
    package: str = Field(index=True)  # the package hash (SHA-256 of the manifest bytes)
    size: int  # of the package file
    uploader: str  # key id of the authenticated client
    signer: str  # key id of the package's signer
    device_id: str
    sequence: int
    state: str  # SESSION_STATES
    reason: str  # reason code of a refusal, or why an import is pending
    detail: str
    created: str
    expires: str


class IntakeBlob(SQLModel, table=True):
    __tablename__ = "intake_blob"
    session_id: str = Field(foreign_key="intake_session.id", primary_key=True)
    sha256: str = Field(primary_key=True)
    size: int


class IntakeUpload(SQLModel, table=True):
    __tablename__ = "intake_upload"
    id: str = Field(primary_key=True)
    session_id: str = Field(foreign_key="intake_session.id")
    sha256: str
    size: int
    created: str


class IntakeReceipt(SQLModel, table=True):
    __tablename__ = "intake_receipt"
    package: str = Field(primary_key=True)
    result: str  # imported | received
    receipt: str  # the signed receipt document (canonical JSON)


class PackageReceipt(SQLModel, table=True):
    __tablename__ = "package_receipt"
    package: str = Field(primary_key=True)
    coordinator: str  # key id of the coordinator who signed it
    result: str
    receipt: str
    received_at: str
