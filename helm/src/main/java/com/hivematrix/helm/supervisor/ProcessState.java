package com.hivematrix.helm.supervisor;

/** Lifecycle of a supervised process. */
public enum ProcessState {
    /** Not running and not wanted. */
    STOPPED,
    /** Launched (or adopted), waiting for its first healthy probe. */
    STARTING,
    /** Alive and healthy. */
    RUNNING,
    /** Alive, but its last health probes failed. */
    UNHEALTHY,
    /** Crashed (or was killed for failing health); waiting for the backoff delay before a restart. */
    BACKOFF,
    /** Being stopped. */
    STOPPING,
    /** Crash loop or could not be launched; left alone until an operator starts it. */
    FAILED,
    /** Cannot run on this installation (e.g. its module is not built). */
    SKIPPED;

    /** A state {@link Supervisor#startAll()} stops waiting at. */
    public boolean settled() {
        return this == RUNNING || this == UNHEALTHY || this == STOPPED || this == FAILED || this == SKIPPED;
    }
}
