-- The respondents of each run (issue 18): person id, design weight and the calibrated weight the run estimated
-- with, written by the production run so that `barometer plan` reads the last run's weights instead of recomputing
-- the calibration. Microdata: producer side only. No release or publication reads this table.
CREATE TABLE run_respondents (
    run_id            INTEGER NOT NULL,
    position          INTEGER NOT NULL,
    person_id         BIGINT,
    design_weight     DOUBLE NOT NULL,
    calibrated_weight DOUBLE NOT NULL,
    PRIMARY KEY (run_id, position)
);
