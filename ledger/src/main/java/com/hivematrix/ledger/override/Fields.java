package com.hivematrix.ledger.override;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;

/** Validates one JSON body field by field; {@link #check()} answers 422 naming every bad field, so nothing is half-saved. */
final class Fields {

    private final JsonNode body;
    private final List<Map<String, String>> errors = new ArrayList<>();

    Fields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("A JSON object is required").with("error", "Request body must be a JSON object");
        }
        this.body = body;
    }

    boolean has(String f) {
        return body.has(f);
    }

    boolean isNull(String f) {
        return body.has(f) && body.get(f).isNull();
    }

    /** A non-negative amount with at most 2 decimals, or null when absent/null. */
    BigDecimal money(String f) {
        return decimal(f, 2, null);
    }

    BigDecimal decimal(String f, int scale, BigDecimal max) {
        JsonNode v = body.path(f);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        BigDecimal d;
        try {
            d = v.isNumber() ? (v.isDouble() ? BigDecimal.valueOf(v.asDouble()) : v.decimalValue())
                    : v.isString() && !v.asString().isBlank() ? new BigDecimal(v.asString().trim()) : null;
        } catch (NumberFormatException e) {
            d = null;
        }
        if (d == null) {
            error(f, "must be a number");
            return null;
        }
        if (d.signum() < 0) {
            error(f, "must not be negative");
            return null;
        }
        if (d.stripTrailingZeros().scale() > scale) {
            error(f, "must have at most " + scale + " decimals");
            return null;
        }
        if (d.compareTo(new BigDecimal("99999999.99")) > 0 || max != null && d.compareTo(max) > 0) {
            error(f, "is too large");
            return null;
        }
        return d;
    }

    Integer integer(String f, int min, int max) {
        JsonNode v = body.path(f);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        Integer i = null;
        if (v.isIntegralNumber()) {
            i = v.asInt();
        } else if (v.isString()) {
            try {
                i = Integer.parseInt(v.asString().trim());
            } catch (NumberFormatException e) {
                i = null;
            }
        }
        if (i == null || i < min || i > max) {
            error(f, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return i;
    }

    String text(String f, int maxLength, boolean required) {
        JsonNode v = body.path(f);
        if (v.isMissingNode() || v.isNull() || v.isString() && v.asString().isBlank()) {
            if (required) {
                error(f, "is required");
            }
            return null;
        }
        if (!v.isString() && !v.isNumber()) {
            error(f, "must be text");
            return null;
        }
        String s = v.asString().trim();
        if (s.length() > maxLength) {
            error(f, "must be at most " + maxLength + " characters");
            return null;
        }
        return s;
    }

    /** One of {@code allowed} (case-insensitive), returned in its canonical spelling. */
    String oneOf(String f, List<String> allowed, boolean required) {
        String s = text(f, 50, required);
        if (s == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(s)) {
                return a;
            }
        }
        error(f, "must be one of " + String.join(", ", allowed));
        return null;
    }

    void error(String field, String message) {
        errors.add(Map.of("field", field, "message", message));
    }

    void check() {
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("Invalid " + errors.get(0).get("field") + ": " + errors.get(0).get("message"), errors)
                    .with("error", "Invalid input");
        }
    }
}
