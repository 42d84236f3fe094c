-- The field store (issue 21): a DuckDB file of its own (`field.duckdb` beside the store unless --field-store says
-- otherwise) holding what respondents give during fieldwork. It is kept apart from the producer's store because it is
-- the most sensitive data of the system (answers tied to persons and their access codes); `barometer field close`
-- copies the answers into the store through ingest and the file can then be archived or removed.

-- A wave opened for fieldwork: the drawn gross sample it was opened from and its column order (comma-separated, as
-- in `barometer draw`'s sample.csv), kept so `field close` writes the gross sample back exactly.
CREATE TABLE field_waves (
    wave            INTEGER PRIMARY KEY,
    opened_at       TIMESTAMPTZ NOT NULL,
    sample_sha256   VARCHAR NOT NULL,
    sample_columns  VARCHAR NOT NULL,
    closed_at       TIMESTAMPTZ
);

-- Every sampled person of an opened wave with their row of the gross sample (a JSON array of the fields as text, in
-- sample_columns order; null where the field was empty). The register background columns drive the routing.
CREATE TABLE field_persons (
    wave        INTEGER NOT NULL,
    person_id   BIGINT NOT NULL,
    sample_row  VARCHAR NOT NULL,
    PRIMARY KEY (wave, person_id)
);

-- Access codes: never the code, only a non-secret lookup id (the code's first group) and a PBKDF2-SHA-256 hash of
-- the secret part with a random salt of its own (Storage/Fieldwork/AccessCode). Failed attempts per lookup id; a
-- code is locked once failures reach the host's limit.
CREATE TABLE field_codes (
    wave         INTEGER NOT NULL,
    lookup_id    VARCHAR NOT NULL,
    person_id    BIGINT NOT NULL,
    salt         BLOB NOT NULL,
    secret_hash  BLOB NOT NULL,
    iterations   INTEGER NOT NULL,
    failures     INTEGER NOT NULL,
    locked_at    TIMESTAMPTZ,
    PRIMARY KEY (wave, lookup_id)
);

-- Sessions of logged-in respondents: the SHA-256 of the random session token (256 bits, so a fast hash suffices; the
-- token itself is only in the respondent's cookie).
CREATE TABLE field_sessions (
    token_sha256  VARCHAR PRIMARY KEY,
    wave          INTEGER NOT NULL,
    person_id     BIGINT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);

-- One row per person who has logged in: mode, first and last activity, the page last shown (and when, for the time
-- per page), the page last submitted (the breakoff page of someone who never completes) and completion.
CREATE TABLE field_respondents (
    wave            INTEGER NOT NULL,
    person_id       BIGINT NOT NULL,
    mode            VARCHAR NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    last_at         TIMESTAMPTZ NOT NULL,
    shown_page      VARCHAR,
    shown_at        TIMESTAMPTZ,
    last_page       VARCHAR,
    completed_at    TIMESTAMPTZ,
    PRIMARY KEY (wave, person_id)
);

-- The answers as last submitted: one row per answered item (an item left unanswered has no row).
CREATE TABLE field_answers (
    wave        INTEGER NOT NULL,
    person_id   BIGINT NOT NULL,
    item        VARCHAR NOT NULL,
    code        INTEGER NOT NULL,
    page        VARCHAR NOT NULL,
    saved_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (wave, person_id, item)
);

-- Paradata: every page submission with its language and the seconds since the page was shown.
CREATE TABLE field_page_visits (
    wave          INTEGER NOT NULL,
    person_id     BIGINT NOT NULL,
    page          VARCHAR NOT NULL,
    language      VARCHAR NOT NULL,
    submitted_at  TIMESTAMPTZ NOT NULL,
    seconds       DOUBLE
);
