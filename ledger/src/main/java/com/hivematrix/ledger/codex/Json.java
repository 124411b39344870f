package com.hivematrix.ledger.codex;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;

/** Lenient readers for Codex's JSON (numbers may be numbers or strings, dates may be missing). */
final class Json {

    private Json() {
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }

    static BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isDouble() || v.isFloatingPointNumber() && !v.isBigDecimal()) {
            return BigDecimal.valueOf(v.asDouble());
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        String s = v.asString().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static LocalDate date(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        return v.isBoolean() ? v.asBoolean() : Boolean.valueOf("true".equalsIgnoreCase(v.asString()));
    }
}
