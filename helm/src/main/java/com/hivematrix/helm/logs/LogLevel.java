package com.hivematrix.helm.logs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The original's five levels. Names other logging stacks use are folded into them: logback's WARN
 * and TRACE, java.util.logging's SEVERE/FINE, syslog's CRIT/ERR/NOTICE/EMERG/ALERT, FATAL.
 */
public final class LogLevel {

    public static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("TRACE", "DEBUG"), Map.entry("FINEST", "DEBUG"), Map.entry("FINER", "DEBUG"), Map.entry("FINE", "DEBUG"),
            Map.entry("INFORMATION", "INFO"), Map.entry("NOTICE", "INFO"), Map.entry("CONFIG", "INFO"),
            Map.entry("WARN", "WARNING"),
            Map.entry("ERR", "ERROR"), Map.entry("SEVERE", "ERROR"),
            Map.entry("FATAL", "CRITICAL"), Map.entry("CRIT", "CRITICAL"), Map.entry("ALERT", "CRITICAL"),
            Map.entry("EMERG", "CRITICAL"), Map.entry("EMERGENCY", "CRITICAL"));

    private LogLevel() {
    }

    /** The canonical level for a name in any case, or empty if it is not a level at all. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        if (LEVELS.contains(upper)) {
            return Optional.of(upper);
        }
        return Optional.ofNullable(ALIASES.get(upper));
    }

    /** The platform stylesheet's badge modifier for a level. */
    public static String badge(String level) {
        return switch (level == null ? "" : level) {
            case "CRITICAL", "ERROR" -> "badge badge--danger";
            case "WARNING" -> "badge badge--warning";
            case "INFO" -> "badge badge--info";
            default -> "badge";
        };
    }
}
