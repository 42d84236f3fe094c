-- Sample design (issue 18): the small aggregates `barometer plan` reads instead of person-level data.
--
-- Plan needs, besides N_h (frame_cells, migration 0007), earlier waves' response by stratum, the design effect of
-- weighting of the last run per target domain, and for Neyman allocation the stratum standard deviations of an
-- indicator among the last run's respondents. Each of these is a sum over persons, so the store keeps the sums per
-- combination of the register columns the strata read — the same columns as frame_cells — and plan maps the
-- combinations to the strata of its design file and adds them up; it never reads a person. The three tables follow
-- the design's columns, so they are created by the register ingest (Storage/Sampling/SampleStore.PlanCells.cs), not here:
--   plan_response_cells  (wave, <columns>, gross, responded)          — every ingested gross sample with `responded`,
--                        rebuilt at a register ingest, a wave's rows replaced at the wave's ingest;
--   plan_weight_cells    (run_id, <columns>, respondents, sum_g, sum_g2) — g = calibrated / design weight of a run's
--                        respondents (positive and finite), from the respondents each run stores (migration 0006), rebuilt at a register ingest;
--   plan_indicator_cells (run_id, indicator, <columns>, respondents, sum_w, sum_wy, sum_wy2) — every survey share or
--                        mean with its calibrated weights, written by the run; a register ingest empties it (the
--                        values are not kept person by person), and plan then recomputes as before.
-- This table records which runs have their indicator sums in plan_indicator_cells. All of it is producer side: no
-- release or publication reads these tables (their cells can be small).
CREATE TABLE plan_indicator_runs (
    run_id     INTEGER NOT NULL PRIMARY KEY,
    indicators INTEGER NOT NULL,
    kept_at    TIMESTAMPTZ NOT NULL
);
