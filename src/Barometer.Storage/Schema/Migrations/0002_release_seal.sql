-- A release's seal: SHA-256 over its record (wave, version, run, release and creation time, note, provenance) and
-- every result of its run, written when the release is made. DuckDB has no triggers, so released rows cannot be
-- made read-only; the seal makes any later change to them detectable (see Barometer.Storage.Releases.ReleaseSeal).
-- Releases made before this migration have no seal.
ALTER TABLE releases ADD COLUMN seal_sha256 VARCHAR;
