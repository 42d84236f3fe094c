-- Small-area estimates (issue 20): one more measure of a result row, 'model_estimate' (Measure.ModelEstimate), the
-- benchmarked Fay–Herriot estimate of a group's level by county; and the diagnostics of every fit, for the quality
-- section. DuckDB cannot change a CHECK constraint in place, so the results table is rebuilt with the wider one; every
-- stored row is copied unchanged.
CREATE TABLE results_v10 (
    run_id            INTEGER NOT NULL,
    indicator         VARCHAR NOT NULL,
    breakdown         VARCHAR NOT NULL,
    cell              VARCHAR NOT NULL,
    comparison_group  VARCHAR NOT NULL,
    measure           VARCHAR NOT NULL CHECK (measure IN ('level', 'gap', 'standardised_gap', 'change', 'expected', 'expected_difference', 'model_estimate')),
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

INSERT INTO results_v10 SELECT * FROM results;

DROP TABLE results;

ALTER TABLE results_v10 RENAME TO results;

-- One row per fitted indicator × comparison × area variable: the model and each diagnostic
-- (SmallAreaCheck: convergence, model_variance_above_zero, residuals, aggregate). Aggregates only, no person data.
CREATE TABLE small_area_fits (
    run_id          INTEGER NOT NULL,
    indicator       VARCHAR NOT NULL,
    comparison      VARCHAR NOT NULL,
    area            VARCHAR NOT NULL,
    areas           INTEGER NOT NULL,
    published       BOOLEAN NOT NULL,
    model_variance  DOUBLE,
    covariates      VARCHAR NOT NULL,
    checks          VARCHAR NOT NULL,
    PRIMARY KEY (run_id, indicator, comparison, area)
);
