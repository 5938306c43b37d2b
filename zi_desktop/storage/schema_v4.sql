-- Workspace schema version 4: uploads. Frozen: later versions add upgrade steps.
-- Applied on top of version 3 by database._upgrade_v4. The intake_* tables hold the
-- coordinator's intake (zi serve): upload sessions, the files each still needs, resumable
-- uploads and the receipts given. package_receipt holds, at an evaluator's workspace, the
-- receipts the coordinator signed for packages sent to it.
CREATE TABLE intake_session (
	id VARCHAR NOT NULL, 
	package VARCHAR NOT NULL, 
	size INTEGER NOT NULL, 
	uploader VARCHAR NOT NULL, 
	signer VARCHAR NOT NULL, 
	device_id VARCHAR NOT NULL, 
	sequence INTEGER NOT NULL, 
	state VARCHAR NOT NULL, 
	reason VARCHAR NOT NULL, 
	detail VARCHAR NOT NULL, 
	created VARCHAR NOT NULL, 
	expires VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_intake_session_package ON intake_session (package);

CREATE TABLE intake_blob (
	session_id VARCHAR NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	size INTEGER NOT NULL, 
	PRIMARY KEY (session_id, sha256), 
	FOREIGN KEY(session_id) REFERENCES intake_session (id)
);

CREATE TABLE intake_upload (
	id VARCHAR NOT NULL, 
	session_id VARCHAR NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	size INTEGER NOT NULL, 
	created VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES intake_session (id)
);

CREATE TABLE intake_receipt (
	package VARCHAR NOT NULL, 
	result VARCHAR NOT NULL, 
	receipt VARCHAR NOT NULL, 
	PRIMARY KEY (package)
);

CREATE TABLE package_receipt (
	package VARCHAR NOT NULL, 
	coordinator VARCHAR NOT NULL, 
	result VARCHAR NOT NULL, 
	receipt VARCHAR NOT NULL, 
	received_at VARCHAR NOT NULL, 
	PRIMARY KEY (package)
);
