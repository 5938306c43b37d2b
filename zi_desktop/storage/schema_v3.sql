-- Schema version 3: what a workspace received is kept per signing key, not per claimed device.
-- A manifest's device id is chosen by its signer, so replay state (the last sequence and hash)
-- and the sender's audit chain are keyed by the key that signed and the device id under it:
-- one sender can never advance or block another sender's sequence.

ALTER TABLE package_in RENAME TO package_in_v2;

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
	UNIQUE (signer, device_id, sequence)
);

INSERT INTO package_in SELECT * FROM package_in_v2;

DROP TABLE package_in_v2;

CREATE TABLE remote_audit_event_v3 (
	signer VARCHAR NOT NULL, 
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
	PRIMARY KEY (signer, device_id, seq)
);

-- Each event came with a package, and its signer is that package's.
INSERT INTO remote_audit_event_v3
SELECT coalesce((SELECT p.signer FROM package_in AS p WHERE p.package_id = r.package_id
                 ORDER BY p.id LIMIT 1), ''),
       r.device_id, r.seq, r.at, r.actor, r.entity, r.old, r.new, r.prev_hash, r.hash,
       r.package_id
FROM remote_audit_event AS r;

DROP TABLE remote_audit_event;

ALTER TABLE remote_audit_event_v3 RENAME TO remote_audit_event
