-- 050_maintenance_mode: maintenance mode is switched at run time and seen by every instance on the database.
--
-- One row at most (the key column can only be true). No row means no operator has switched the mode: each
-- instance then follows its `maintenance:` configuration. The admin task writes the row; instances read it
-- through a cache of a second or two, so a request does not pay a query.
--
-- Idempotency: CREATE TABLE IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('050_maintenance_mode', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE TABLE IF NOT EXISTS registry_maintenance (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    maintenance boolean NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL
);

UPDATE schema_migrations SET finished_at = now() WHERE version = '050_maintenance_mode';
