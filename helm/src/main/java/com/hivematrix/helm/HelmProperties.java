package com.hivematrix.helm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Helm's own settings ({@code hivematrix.helm.*}). */
@ConfigurationProperties("hivematrix.helm")
public class HelmProperties {

    private final Logs logs = new Logs();
    private final Supervisor supervisor = new Supervisor();
    private final Metrics metrics = new Metrics();
    private final Backup backup = new Backup();

    public Logs getLogs() { return logs; }
    public Supervisor getSupervisor() { return supervisor; }
    public Metrics getMetrics() { return metrics; }
    public Backup getBackup() { return backup; }

    /** The backups page ({@code hivematrix.helm.backup.*}): it lists the launcher's archives and runs the launcher's backup. */
    public static class Backup {
        /** Where deploy/hivematrix backup writes (HIVEMATRIX_BACKUP_DIR); empty: var/backups under the installation. */
        private String dir = "";
        /** The command run by "Back up now", split at whitespace; relative paths from the installation directory. */
        private String command = "deploy/hivematrix backup";
        private Duration timeout = Duration.ofMinutes(30);

        public String getDir() { return dir; }
        public void setDir(String dir) { this.dir = dir; }
        public String getCommand() { return command; }
        public void setCommand(String command) { this.command = command; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
    }

    /** The metrics time series ({@code hivematrix.helm.metrics.*}); the poll interval itself is {@code interval}. */
    public static class Metrics {
        /** Raw samples (one per poll) are kept this long. */
        private Duration rawRetention = Duration.ofDays(2);
        /** 5-minute aggregates are kept this long. */
        private Duration fiveMinuteRetention = Duration.ofDays(30);
        /** Hourly aggregates are kept this long. */
        private Duration hourlyRetention = Duration.ofDays(400);

        public Duration getRawRetention() { return rawRetention; }
        public void setRawRetention(Duration rawRetention) { this.rawRetention = rawRetention; }
        public Duration getFiveMinuteRetention() { return fiveMinuteRetention; }
        public void setFiveMinuteRetention(Duration fiveMinuteRetention) { this.fiveMinuteRetention = fiveMinuteRetention; }
        public Duration getHourlyRetention() { return hourlyRetention; }
        public void setHourlyRetention(Duration hourlyRetention) { this.hourlyRetention = hourlyRetention; }
    }

    public static class Logs {
        /** Entries older than this (by their timestamp) are deleted. */
        private Duration retention = Duration.ofDays(90);
        /** How often the retention job runs. */
        private Duration retentionInterval = Duration.ofHours(1);
        /** Rows per DELETE statement, so the job never holds long locks or a huge transaction. */
        private int retentionBatchSize = 10_000;
        /** `total` in GET /api/logs is exact up to this many rows, then reported as capped. */
        private int totalCap = 10_000;

        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
        public Duration getRetentionInterval() { return retentionInterval; }
        public void setRetentionInterval(Duration retentionInterval) { this.retentionInterval = retentionInterval; }
        public int getRetentionBatchSize() { return retentionBatchSize; }
        public void setRetentionBatchSize(int retentionBatchSize) { this.retentionBatchSize = retentionBatchSize; }
        public int getTotalCap() { return totalCap; }
        public void setTotalCap(int totalCap) { this.totalCap = totalCap; }
    }

    /** The process supervisor ({@code hivematrix.helm.supervisor.*}); see docs/ARCHITECTURE.md. */
    public static class Supervisor {
        /** Off in tests and when Helm runs as a plain service; the launcher turns it on. */
        private boolean enabled;
        /** Start every process when Helm starts (after adopting the ones still running). */
        private boolean startOnBoot = true;
        /** Stop every process when Helm itself shuts down normally (systemd mode); else they keep running. */
        private boolean stopOnShutdown;
        private Duration serviceStartTimeout = Duration.ofSeconds(300);
        private Duration keycloakStartTimeout = Duration.ofSeconds(600);
        /** First restart after a crash comes quickly (a kill -9 should cost little); a crash loop still backs off to backoffMax. */
        private Duration backoffInitial = Duration.ofMillis(250);
        private Duration backoffMax = Duration.ofSeconds(60);
        private int crashLoopLimit = 5;
        private Duration crashLoopWindow = Duration.ofMinutes(10);
        private int unhealthyProbes = 6;
        private Duration probeInterval = Duration.ofSeconds(5);
        private Duration startProbeInterval = Duration.ofMillis(250);
        private Duration stopGrace = Duration.ofSeconds(30);
        private long logMaxBytes = 10L * 1024 * 1024;
        private int logFiles = 5;
        /** Extra JVM options for every Spring Boot service, split at whitespace. */
        private String javaOpts = "";
        /** Run Spring Boot services from extracted jars with class-data archives (faster restarts). */
        private boolean classDataSharing = true;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public boolean isStartOnBoot() { return startOnBoot; }
        public void setStartOnBoot(boolean startOnBoot) { this.startOnBoot = startOnBoot; }
        public boolean isStopOnShutdown() { return stopOnShutdown; }
        public void setStopOnShutdown(boolean stopOnShutdown) { this.stopOnShutdown = stopOnShutdown; }
        public Duration getServiceStartTimeout() { return serviceStartTimeout; }
        public void setServiceStartTimeout(Duration serviceStartTimeout) { this.serviceStartTimeout = serviceStartTimeout; }
        public Duration getKeycloakStartTimeout() { return keycloakStartTimeout; }
        public void setKeycloakStartTimeout(Duration keycloakStartTimeout) { this.keycloakStartTimeout = keycloakStartTimeout; }
        public Duration getBackoffInitial() { return backoffInitial; }
        public void setBackoffInitial(Duration backoffInitial) { this.backoffInitial = backoffInitial; }
        public Duration getBackoffMax() { return backoffMax; }
        public void setBackoffMax(Duration backoffMax) { this.backoffMax = backoffMax; }
        public int getCrashLoopLimit() { return crashLoopLimit; }
        public void setCrashLoopLimit(int crashLoopLimit) { this.crashLoopLimit = crashLoopLimit; }
        public Duration getCrashLoopWindow() { return crashLoopWindow; }
        public void setCrashLoopWindow(Duration crashLoopWindow) { this.crashLoopWindow = crashLoopWindow; }
        public int getUnhealthyProbes() { return unhealthyProbes; }
        public void setUnhealthyProbes(int unhealthyProbes) { this.unhealthyProbes = unhealthyProbes; }
        public Duration getProbeInterval() { return probeInterval; }
        public void setProbeInterval(Duration probeInterval) { this.probeInterval = probeInterval; }
        public Duration getStartProbeInterval() { return startProbeInterval; }
        public void setStartProbeInterval(Duration startProbeInterval) { this.startProbeInterval = startProbeInterval; }
        public Duration getStopGrace() { return stopGrace; }
        public void setStopGrace(Duration stopGrace) { this.stopGrace = stopGrace; }
        public long getLogMaxBytes() { return logMaxBytes; }
        public void setLogMaxBytes(long logMaxBytes) { this.logMaxBytes = logMaxBytes; }
        public int getLogFiles() { return logFiles; }
        public void setLogFiles(int logFiles) { this.logFiles = logFiles; }
        public String getJavaOpts() { return javaOpts; }
        public void setJavaOpts(String javaOpts) { this.javaOpts = javaOpts; }
        public boolean isClassDataSharing() { return classDataSharing; }
        public void setClassDataSharing(boolean classDataSharing) { this.classDataSharing = classDataSharing; }

        public com.hivematrix.helm.supervisor.SupervisorPolicy policy() {
            return new com.hivematrix.helm.supervisor.SupervisorPolicy(backoffInitial, backoffMax, crashLoopLimit,
                    crashLoopWindow, unhealthyProbes, probeInterval, startProbeInterval, stopGrace, logMaxBytes, logFiles);
        }
    }
}
