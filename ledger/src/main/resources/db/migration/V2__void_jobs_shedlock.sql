-- Void and reissue: a void is its own immutable record (the credit note) pointing at the archived
-- bill, which itself never changes; accepting the period again stores revision n+1.
CREATE TABLE snapshot_voids (
    id                 bigserial PRIMARY KEY,
    snapshot_id        bigint NOT NULL UNIQUE REFERENCES billing_snapshots (id),
    credit_note_number varchar(80) NOT NULL UNIQUE,
    credit_amount      numeric(12, 2) NOT NULL,
    reason             text NOT NULL,
    voided_by          varchar(200) NOT NULL,
    voided_at          timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER snapshot_voids_immutable BEFORE UPDATE OR DELETE ON snapshot_voids
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

-- Bulk accept: companies already archived are skipped (idempotent), and only one job per period runs at a time.
ALTER TABLE snapshot_jobs ADD COLUMN skipped_companies integer NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX uq_snapshot_job_running ON snapshot_jobs (target_year, target_month) WHERE status = 'running';

-- ShedLock: the month-end snapshot runs on one Ledger instance only.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);
