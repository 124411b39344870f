package com.hivematrix.codex.vendor;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Reading the PSA and RMM vendors' JSON the same forgiving way everywhere: a field may be absent,
 * null, blank, a number sent as text or a date with or without an offset, and none of that is an
 * error — it is "no value".
 */
public final class VendorJson {

    private VendorJson() {
    }

    /** Trimmed text of a value, a container as compact JSON; null when absent, null or blank. */
    public static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        String s = n.isValueNode() ? n.asString() : n.toString();
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A number, also when sent as text; null when absent or not a number. */
    public static Long longOrNull(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asLong();
        }
        try {
            return Long.parseLong(n.asString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The non-blank texts of an array (empty for anything else). */
    public static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(x -> {
                String s = text(x);
                if (s != null) {
                    out.add(s);
                }
            });
        }
        return out;
    }

    /** The numbers of an array (empty for anything else). */
    public static List<Long> longs(JsonNode n) {
        List<Long> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(x -> {
                Long l = longOrNull(x);
                if (l != null) {
                    out.add(l);
                }
            });
        }
        return out;
    }

    /** An ISO-8601 date-time; one without an offset is UTC; null when absent or unreadable. */
    public static OffsetDateTime time(JsonNode n) {
        String s = text(n);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
