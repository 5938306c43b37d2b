-- Workspace schema version 1. Frozen: later versions add upgrade steps, never edit this.
CREATE TABLE instansi (
	id INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_instansi_code ON instansi (code);

CREATE TABLE unit (
	id INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	instansi_id INTEGER NOT NULL, 
	address VARCHAR NOT NULL, 
	head VARCHAR NOT NULL, 
	service_type VARCHAR NOT NULL, 
	current_predikat VARCHAR NOT NULL, 
	target_predikat VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(instansi_id) REFERENCES instansi (id)
);

CREATE UNIQUE INDEX ix_unit_code ON unit (code);

CREATE INDEX ix_unit_instansi_id ON unit (instansi_id);

CREATE INDEX ix_unit_name ON unit (name);

CREATE TABLE period (
	id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	lke_version VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (year, lke_version)
);

CREATE TABLE assessment (
	id INTEGER NOT NULL, 
	unit_id INTEGER NOT NULL, 
	period_id INTEGER NOT NULL, 
	status VARCHAR NOT NULL, 
	evaluation_date VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (unit_id, period_id), 
	FOREIGN KEY(unit_id) REFERENCES unit (id), 
	FOREIGN KEY(period_id) REFERENCES period (id)
);

CREATE INDEX ix_assessment_unit_id ON assessment (unit_id);

CREATE TABLE answer (
	id INTEGER NOT NULL, 
	assessment_id INTEGER NOT NULL, 
	tier VARCHAR NOT NULL, 
	node_id VARCHAR NOT NULL, 
	option VARCHAR, 
	number VARCHAR, 
	note VARCHAR NOT NULL, 
	updated_by VARCHAR NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (assessment_id, tier, node_id), 
	FOREIGN KEY(assessment_id) REFERENCES assessment (id)
);

CREATE INDEX ix_answer_assessment_id ON answer (assessment_id);

CREATE TABLE stored_file (
	sha256 VARCHAR NOT NULL, 
	size INTEGER NOT NULL, 
	mime VARCHAR NOT NULL, 
	stored_at DATETIME NOT NULL, 
	PRIMARY KEY (sha256)
);

CREATE TABLE evidence (
	id INTEGER NOT NULL, 
	assessment_id INTEGER NOT NULL, 
	tier VARCHAR NOT NULL, 
	node_id VARCHAR NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	file_name VARCHAR NOT NULL, 
	caption VARCHAR NOT NULL, 
	added_by VARCHAR NOT NULL, 
	added_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(assessment_id) REFERENCES assessment (id), 
	FOREIGN KEY(sha256) REFERENCES stored_file (sha256)
);

CREATE INDEX ix_evidence_assessment_id ON evidence (assessment_id);

CREATE INDEX ix_evidence_sha256 ON evidence (sha256);

CREATE TABLE survey (
	id INTEGER NOT NULL, 
	assessment_id INTEGER NOT NULL, 
	tier VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	respondents INTEGER, 
	period VARCHAR NOT NULL, 
	conducted_by VARCHAR NOT NULL, 
	report_sha256 VARCHAR, 
	PRIMARY KEY (id), 
	UNIQUE (assessment_id, tier, kind), 
	FOREIGN KEY(assessment_id) REFERENCES assessment (id), 
	FOREIGN KEY(report_sha256) REFERENCES stored_file (sha256)
);

CREATE INDEX ix_survey_assessment_id ON survey (assessment_id);

CREATE TABLE evaluator (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	nip VARCHAR NOT NULL, 
	role VARCHAR NOT NULL, 
	instansi VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE recommendation (
	id INTEGER NOT NULL, 
	assessment_id INTEGER NOT NULL, 
	area INTEGER NOT NULL, 
	text VARCHAR NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (assessment_id, area), 
	FOREIGN KEY(assessment_id) REFERENCES assessment (id)
);

CREATE INDEX ix_recommendation_assessment_id ON recommendation (assessment_id);

CREATE TABLE score_cache (
	assessment_id INTEGER NOT NULL, 
	tier VARCHAR NOT NULL, 
	total VARCHAR NOT NULL, 
	answered INTEGER NOT NULL, 
	required INTEGER NOT NULL, 
	wbk VARCHAR NOT NULL, 
	wbbm VARCHAR NOT NULL, 
	PRIMARY KEY (assessment_id, tier), 
	FOREIGN KEY(assessment_id) REFERENCES assessment (id)
);

CREATE TABLE setting (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);

CREATE TABLE audit_event (
	seq INTEGER NOT NULL, 
	at VARCHAR NOT NULL, 
	actor VARCHAR NOT NULL, 
	entity VARCHAR NOT NULL, 
	old VARCHAR NOT NULL, 
	new VARCHAR NOT NULL, 
	prev_hash VARCHAR NOT NULL, 
	hash VARCHAR NOT NULL, 
	PRIMARY KEY (seq)
);
