-- Fieldwork of a run's survey wave (issue 16): persons drawn and responding by stratum and by the groups of the
-- calibration variables, computed by the production run from the wave's gross sample and stored with the run, so
-- that the publication side (the report's quality appendix) reads figures instead of the raw gross sample.
-- `position` keeps the order the run gave (strata by code; groups by variable, then classification order, then code).
CREATE TABLE fieldwork_strata (
    run_id        INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    stratum       VARCHAR NOT NULL,
    frame_persons BIGINT NOT NULL,
    sampled       BIGINT NOT NULL,
    responded     BIGINT NOT NULL,
    PRIMARY KEY (run_id, stratum)
);

CREATE TABLE fieldwork_groups (
    run_id        INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    variable      VARCHAR NOT NULL,
    code          VARCHAR NOT NULL,
    sampled       BIGINT NOT NULL,
    responded     BIGINT NOT NULL,
    PRIMARY KEY (run_id, variable, code)
);
