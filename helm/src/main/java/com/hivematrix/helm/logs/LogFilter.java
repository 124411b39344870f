package com.hivematrix.helm.logs;

import java.util.List;
import java.util.Locale;

/** The live stream's filters, applied in memory to entries as they are ingested. */
public record LogFilter(String service, List<String> levels, String traceId, String user, String text) {

    public boolean matches(LogEntryView e) {
        if (service != null && !service.equals(e.serviceName())) {
            return false;
        }
        if (levels != null && !levels.isEmpty() && !levels.contains(e.level())) {
            return false;
        }
        if (traceId != null && !traceId.equals(e.traceId())) {
            return false;
        }
        if (user != null && !user.equals(e.userId()) && !user.equals(e.username())) {
            return false;
        }
        return text == null || e.message().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    public LogQuery toQuery(Long afterId, int limit) {
        return new LogQuery(service, levels, traceId, user, text, null, null, afterId, null, limit, 0);
    }
}
