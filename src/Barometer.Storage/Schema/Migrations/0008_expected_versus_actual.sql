-- Expected versus actual by area (issue 20): two more measures of a result row, 'expected' and
-- 'expected_difference' (Measure.Expected, Measure.ExpectedDifference). DuckDB cannot change a CHECK constraint in
-- place, so the results table is rebuilt with the wider one; every stored row is copied unchanged.
CREATE TABLE results_v7 (
    run_id            INTEGER NOT NULL,
    indicator         VARCHAR NOT NULL,
    breakdown         VARCHAR NOT NULL,
    cell              VARCHAR NOT NULL,
    comparison_group  VARCHAR NOT NULL,
    measure           VARCHAR NOT NULL CHECK (measure IN ('level', 'gap', 'standardised_gap', 'change', 'expected', 'expected_difference')),
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

INSERT INTO results_v7 SELECT * FROM results;

DROP TABLE results;

ALTER TABLE results_v7 RENAME TO results;
