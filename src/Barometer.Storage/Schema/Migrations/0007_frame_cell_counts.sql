-- Sample design (issue 18): the frame's sizes kept with the register extract.
--
-- `barometer plan` needs N_h, the persons of each stratum of the frame. Counting them means reading every person of
-- the register extract (10.6 million at full scale), so the register ingest keeps, in its own transaction, the number
-- of persons in the design's frame ages per combination of the register columns its strata read: the table
-- `frame_cells`, made by Storage/Sampling/SampleStore.KeepFrameCells with one column per counted register column and
-- `cell_persons`. Its columns follow the design, so it is created by the ingest, not here; this table records which
-- register table and columns it counts. A register ingest always drops both first, so they never outlive the extract
-- they count; `plan` and `draw` use them only when they count the current register table over every column and the
-- age limits the design reads (else they count the register itself).
CREATE TABLE frame_cell_sets (
    register_table VARCHAR NOT NULL,
    columns        VARCHAR[] NOT NULL,
    min_age        INTEGER,                -- the frame's age limits counted (null: the register has no age column)
    max_age        INTEGER,
    persons        BIGINT NOT NULL,
    counted_at     TIMESTAMPTZ NOT NULL
);
