-- Nonresponse analysis of a run's survey wave (issue 18), computed by the production run from the wave's gross
-- sample and respondents and stored with the run, so the publication side reads figures, never microdata:
-- the R-indicator of the response-propensity model (Schouten, Cobben & Bethlehem 2009), the unconditional partial
-- R-indicators by variable (code NULL) and category, and, for register variables known for everyone, the category
-- shares in the gross sample, among respondents with design weights, and among respondents with calibrated weights.
-- Cells with fewer respondents than the survey's minimum are stored as NULL (the rule is applied by the run).
CREATE TABLE nonresponse_indicator (
    run_id          INTEGER NOT NULL PRIMARY KEY,
    model           VARCHAR NOT NULL,
    sampled         BIGINT NOT NULL,
    responded       BIGINT NOT NULL,
    r_indicator     DOUBLE,
    propensity_sd   DOUBLE,
    mean_propensity DOUBLE,
    iterations      INTEGER,
    problem         VARCHAR
);

CREATE TABLE nonresponse_partials (
    run_id          INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    variable        VARCHAR NOT NULL,
    code            VARCHAR,
    respondents     BIGINT NOT NULL,
    share           DOUBLE,
    mean_propensity DOUBLE,
    partial         DOUBLE,
    PRIMARY KEY (run_id, position)
);

CREATE TABLE nonresponse_bias (
    run_id          INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    variable        VARCHAR NOT NULL,
    code            VARCHAR NOT NULL,
    calibrated_on   BOOLEAN NOT NULL,
    respondents     BIGINT NOT NULL,
    gross_sample    DOUBLE,
    respondents_design DOUBLE,
    respondents_calibrated DOUBLE,
    PRIMARY KEY (run_id, position)
);
