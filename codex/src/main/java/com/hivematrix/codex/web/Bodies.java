package com.hivematrix.codex.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Partial-update bodies: the raw JSON says which keys are present, a record (whose component
 * names are the JSON keys) is Bean-Validated. Failures are 422 problems naming the fields and,
 * for callers written against the original, carrying an {@code error} message too.
 */
@Component
public class Bodies {

    private final Validator validator;

    public Bodies(Validator validator) {
        this.validator = validator;
    }

    public <T> T read(JsonNode body, Class<T> type, String legacyError) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw error(HttpStatus.BAD_REQUEST, "No data provided");
        }
        T value;
        try {
            value = Rows.JSON.treeToValue(body, type);
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() ? "body" : String.valueOf(e.getPath().get(e.getPath().size() - 1).getPropertyName());
            throw unprocessable(legacyError, List.of(Map.of("field", field, "message", "has the wrong type")));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            List<Map<String, String>> errors = new ArrayList<>();
            violations.stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .forEach(v -> errors.add(Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage())));
            throw unprocessable(legacyError, errors);
        }
        return value;
    }

    public static ProblemException unprocessable(String legacyError, List<Map<String, String>> errors) {
        StringBuilder detail = new StringBuilder("Validation failed: ");
        for (int i = 0; i < errors.size(); i++) {
            detail.append(i == 0 ? "" : ", ").append(errors.get(i).get("field")).append(' ').append(errors.get(i).get("message"));
        }
        ProblemException e = ProblemException.unprocessable(detail.toString(), errors);
        e.getBody().setProperty("error", legacyError != null ? legacyError : detail.toString());
        return e;
    }

    /** A problem that also carries the original's {@code error} field. */
    public static ProblemException error(HttpStatus status, String message) {
        ProblemException e = new ProblemException(status, message);
        e.getBody().setProperty("error", message);
        return e;
    }

    /** Empty strings in an update mean "clear the field". */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
