package com.hivematrix.helm.logs;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A stored entry as the API shows it (the original's LogEntry.to_dict, with an ISO-8601 UTC
 * timestamp carrying its zone). {@code context} is the stored JSON, passed through as is.
 */
public record LogEntryView(
        long id,
        Instant timestamp,
        @JsonProperty("service_name") String serviceName,
        String level,
        String message,
        @JsonRawValue String context,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("user_id") String userId,
        String username,
        String hostname,
        @JsonProperty("process_id") Integer processId) {

    public static LogEntryView of(long id, String service, NewLogEntry e) {
        return new LogEntryView(id, e.timestamp(), service, e.level(), e.message(), e.contextJson(), e.traceId(),
                e.userId(), e.username(), e.hostname(), e.processId());
    }
}
