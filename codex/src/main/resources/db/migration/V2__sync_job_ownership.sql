-- Sync jobs across replicas: which process runs a job and when it last proved alive, so that
-- only a dead process's jobs are closed as interrupted and one run per kind holds cluster-wide.
ALTER TABLE sync_jobs ADD COLUMN kind varchar(50);
ALTER TABLE sync_jobs ADD COLUMN owner varchar(100);
ALTER TABLE sync_jobs ADD COLUMN heartbeat_at timestamptz;
CREATE INDEX idx_sync_job_running_kind ON sync_jobs (kind) WHERE status = 'running';
