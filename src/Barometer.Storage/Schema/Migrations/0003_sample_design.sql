-- Sample design (issue 18): permanent random numbers and drawn samples.

-- One permanent random number per person id, assigned once (by `barometer draw`, or `barometer draw --assign-prns`)
-- and kept across register updates: a person who reappears in a later extract keeps the number, a new person gets a
-- new one. No primary key, so that assigning 10 million numbers stays an append; the only writer
-- (Storage/Sampling/SampleStore) inserts only ids without a number.
CREATE TABLE person_prn (
    person_id     BIGINT NOT NULL,
    prn           DOUBLE NOT NULL CHECK (prn > 0 AND prn < 1),
    seed          UBIGINT NOT NULL,
    assigned_at   TIMESTAMPTZ NOT NULL
);

-- A wave's drawn gross sample: how it was drawn (seed, start point, coordination, the allocation file's hash).
CREATE TABLE sample_draws (
    wave              INTEGER PRIMARY KEY,
    drawn_at          TIMESTAMPTZ NOT NULL,
    seed              UBIGINT NOT NULL,
    start_point       DOUBLE NOT NULL,
    coordination      VARCHAR NOT NULL,
    allocation_sha256 VARCHAR NOT NULL,
    register_table    VARCHAR NOT NULL,
    persons           BIGINT NOT NULL
);

-- The persons of each drawn sample with their stratum.
CREATE TABLE sample_persons (
    wave          INTEGER NOT NULL,
    person_id     BIGINT NOT NULL,
    stratum       VARCHAR NOT NULL,
    PRIMARY KEY (wave, person_id)
);
