package com.hivematrix.codex.sync;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicInsert;

/** One run of a sync job. */
@Entity
@DynamicInsert
@Table(name = "sync_jobs")
public class SyncJob {

    @Id
    private String id;

    private String script;
    private String provider;
    private String syncType;
    private String status;
    private Instant startedAt;
    private Instant completedAt;
    private String output;
    private String error;
    private Boolean success;
    private String phase;
    private Integer processed;
    private Integer total;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getScript() { return script; }
    public void setScript(String script) { this.script = script; }
    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }
    public String getSyncType() { return syncType; }
    public void setSyncType(String syncType) { this.syncType = syncType; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public Instant getStartedAt() { return startedAt; }
    public void setStartedAt(Instant startedAt) { this.startedAt = startedAt; }
    public Instant getCompletedAt() { return completedAt; }
    public void setCompletedAt(Instant completedAt) { this.completedAt = completedAt; }
    public String getOutput() { return output; }
    public void setOutput(String output) { this.output = output; }
    public String getError() { return error; }
    public void setError(String error) { this.error = error; }
    public Boolean getSuccess() { return success; }
    public void setSuccess(Boolean success) { this.success = success; }
    public String getPhase() { return phase; }
    public void setPhase(String phase) { this.phase = phase; }
    public Integer getProcessed() { return processed; }
    public void setProcessed(Integer processed) { this.processed = processed; }
    public Integer getTotal() { return total; }
    public void setTotal(Integer total) { this.total = total; }
}
