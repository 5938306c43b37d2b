-- Workspace schema version 2: signed sync packages. Frozen: later versions add upgrade steps.
-- Applied on top of version 1 by database._upgrade_v2, which also writes this workspace's
-- random device id into sync_device.
CREATE TABLE sync_device (
	id INTEGER NOT NULL, 
	device_id VARCHAR NOT NULL, 
	created_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (id = 1)
);

CREATE TABLE trusted_key (
	key_id VARCHAR NOT NULL, 
	public_key VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	nip VARCHAR NOT NULL, 
	role VARCHAR NOT NULL, 
	instansi VARCHAR NOT NULL, 
	card VARCHAR NOT NULL, 
	added_at VARCHAR NOT NULL, 
	PRIMARY KEY (key_id)
);

CREATE TABLE coordinator_pin (
	id INTEGER NOT NULL, 
	key_id VARCHAR NOT NULL, 
	public_key VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	pinned_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	CHECK (id = 1)
);

CREATE TABLE package_in (
	id INTEGER NOT NULL, 
	manifest_sha256 VARCHAR NOT NULL, 
	package_id VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	mode VARCHAR NOT NULL, 
	device_id VARCHAR NOT NULL, 
	signer VARCHAR NOT NULL, 
	signer_name VARCHAR NOT NULL, 
	sequence INTEGER NOT NULL, 
	previous VARCHAR NOT NULL, 
	created VARCHAR NOT NULL, 
	imported_at VARCHAR NOT NULL, 
	units VARCHAR NOT NULL, 
	summary VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (manifest_sha256), 
	UNIQUE (device_id, sequence)
);

CREATE TABLE package_out (
	id INTEGER NOT NULL, 
	manifest_sha256 VARCHAR NOT NULL, 
	package_id VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	mode VARCHAR NOT NULL, 
	recipient VARCHAR NOT NULL, 
	sequence INTEGER NOT NULL, 
	previous VARCHAR NOT NULL, 
	base_sequence INTEGER, 
	audit_seq INTEGER NOT NULL, 
	audit_hash VARCHAR NOT NULL, 
	created VARCHAR NOT NULL, 
	units VARCHAR NOT NULL, 
	file_name VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (manifest_sha256), 
	UNIQUE (recipient, sequence)
);

CREATE TABLE export_state (
	recipient VARCHAR NOT NULL, 
	unit_code VARCHAR NOT NULL, 
	year INTEGER NOT NULL, 
	records VARCHAR NOT NULL, 
	PRIMARY KEY (recipient, unit_code, year)
);

CREATE TABLE peer_evidence (
	peer VARCHAR NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	PRIMARY KEY (peer, sha256)
);

CREATE TABLE record_source (
	assessment_id INTEGER NOT NULL, 
	"key" VARCHAR NOT NULL, 
	signer VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	package_id VARCHAR NOT NULL, 
	PRIMARY KEY (assessment_id, "key"), 
	FOREIGN KEY(assessment_id) REFERENCES assessment (id)
);

CREATE TABLE sync_conflict (
	id INTEGER NOT NULL, 
	assessment_id INTEGER NOT NULL, 
	"key" VARCHAR NOT NULL, 
	local_value VARCHAR NOT NULL, 
	local_source VARCHAR NOT NULL, 
	incoming_value VARCHAR NOT NULL, 
	incoming_signer VARCHAR NOT NULL, 
	incoming_by VARCHAR NOT NULL, 
	package_id VARCHAR NOT NULL, 
	created_at VARCHAR NOT NULL, 
	resolution VARCHAR NOT NULL, 
	resolved_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(assessment_id) REFERENCES assessment (id)
);

CREATE INDEX ix_sync_conflict_assessment_id ON sync_conflict (assessment_id);

CREATE TABLE remote_audit_event (
	device_id VARCHAR NOT NULL, 
	seq INTEGER NOT NULL, 
	at VARCHAR NOT NULL, 
	actor VARCHAR NOT NULL, 
	entity VARCHAR NOT NULL, 
	old VARCHAR NOT NULL, 
	new VARCHAR NOT NULL, 
	prev_hash VARCHAR NOT NULL, 
	hash VARCHAR NOT NULL, 
	package_id VARCHAR NOT NULL, 
	PRIMARY KEY (device_id, seq)
);
