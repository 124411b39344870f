package com.hivematrix.helm.logs;

import java.time.Instant;
import java.util.List;

/**
 * Filters of GET /api/logs. Null means "no filter". {@code afterId} switches to tail mode: entries
 * stored after that id, oldest first (the live-tail cursor); otherwise newest first by timestamp,
 * with {@code beforeId} as a keyset cursor for paging back and {@code offset} for the original's paging.
 */
public record LogQuery(String service, List<String> levels, String traceId, String user, String text,
        Instant start, Instant end, Long afterId, Long beforeId, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static LogQuery newest(int limit) {
        return new LogQuery(null, List.of(), null, null, null, null, null, null, null, limit, 0);
    }

    public boolean tail() {
        return afterId != null;
    }
}
