-- The first schema of the store. Input data (register extract, survey files) are kept as wide typed tables, one
-- per ingested file, created from the codebook at ingest time (see Ingestion/); the tables here describe them
-- and hold what the production run computes and releases.

-- A survey wave and whether its results have been released (a released wave can no longer be re-ingested).
CREATE TABLE waves (
    wave          INTEGER PRIMARY KEY,
    status        VARCHAR NOT NULL CHECK (status IN ('unreleased', 'released')),
    ingested_at   TIMESTAMPTZ NOT NULL
);

-- Every file an ingest stored: scope is 'register' (the register extract, one current version) or 'survey'
-- (one wave). table_name is the wide typed table that holds the file's rows.
CREATE TABLE ingested_files (
    scope         VARCHAR NOT NULL CHECK (scope IN ('register', 'survey')),
    wave          INTEGER,
    kind          VARCHAR NOT NULL,
    path          VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    rows          BIGINT NOT NULL,
    table_name    VARCHAR NOT NULL UNIQUE,
    ingested_at   TIMESTAMPTZ NOT NULL
);

-- Calibration totals: one row per cell of a margin (e.g. sex × age band), from the register, a CSV, a PX or a
-- JSON-stat file. cell holds the codes as 'var=code;var=code' in the margin's variable order.
CREATE TABLE calibration_totals (
    set_id        VARCHAR NOT NULL,
    wave          INTEGER NOT NULL,
    margin        VARCHAR NOT NULL,
    cell          VARCHAR NOT NULL,
    total         DOUBLE NOT NULL CHECK (total >= 0),
    source        VARCHAR NOT NULL,
    sha256        VARCHAR,
    PRIMARY KEY (set_id, wave, margin, cell)
);

-- A production run over one wave.
CREATE SEQUENCE run_ids START 1;
CREATE TABLE runs (
    run_id            INTEGER PRIMARY KEY DEFAULT nextval('run_ids'),
    wave              INTEGER NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    catalogue_version VARCHAR,
    software_version  VARCHAR,
    input_sha256      VARCHAR,
    rules             JSON,
    summary           JSON
);

-- One estimate of a run: an indicator for one cell of one breakdown and comparison group, with everything that
-- is published about it. suppression_rule names the rule that hid the cell (null when published).
CREATE TABLE results (
    run_id            INTEGER NOT NULL,
    indicator         VARCHAR NOT NULL,
    breakdown         VARCHAR NOT NULL,
    cell              VARCHAR NOT NULL,
    comparison_group  VARCHAR NOT NULL,
    measure           VARCHAR NOT NULL CHECK (measure IN ('level', 'gap', 'standardised_gap', 'change')),
    source            VARCHAR NOT NULL CHECK (source IN ('survey', 'register')),
    estimate          DOUBLE,
    standard_error    DOUBLE,
    ci_lower          DOUBLE,
    ci_upper          DOUBLE,
    degrees_of_freedom DOUBLE,
    respondents       BIGINT,
    population        DOUBLE,
    relative_margin   DOUBLE,
    significant       BOOLEAN,
    quality_flag      VARCHAR,
    suppression_rule  VARCHAR,
    PRIMARY KEY (run_id, indicator, breakdown, cell, comparison_group, measure)
);

-- A released version of a wave's results. Rows are only ever inserted (the store offers no update or delete of
-- releases); a correction is a new version with a note.
CREATE TABLE releases (
    wave          INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    run_id        INTEGER NOT NULL,
    release_time  TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    note          VARCHAR,
    provenance    JSON NOT NULL,
    PRIMARY KEY (wave, version)
);
