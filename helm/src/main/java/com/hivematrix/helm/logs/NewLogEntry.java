package com.hivematrix.helm.logs;

import java.time.Instant;

/** One validated entry of an ingest batch, ready to store. {@code contextJson} is raw JSON or null. */
public record NewLogEntry(Instant timestamp, String level, String message, String contextJson, String traceId,
        String userId, String username, String hostname, Integer processId) {
}
