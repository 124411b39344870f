package com.hivematrix.shared.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 7807 bodies in the original platform's shape:
 * {@code {"type":"about:blank#<slug>","title","status","detail","instance"}}.
 */
public final class Problems {

    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "bad-request"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "unprocessable-entity"),
            Map.entry(429, "rate-limit-exceeded"),
            Map.entry(500, "internal-server-error"),
            Map.entry(502, "bad-gateway"),
            Map.entry(503, "service-unavailable"),
            Map.entry(504, "gateway-timeout"));

    private static final Map<Integer, String> DEFAULT_DETAILS = Map.of(
            401, "Authentication required",
            403, "You don't have permission to access this resource",
            404, "The requested resource was not found",
            500, "An unexpected error occurred");

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(typeFor(status));
        problem.setTitle(titleFor(status));
        problem.setDetail(detail != null && !detail.isBlank() ? detail : defaultDetail(status));
        return problem;
    }

    /** Fills in what a framework-made problem lacks so every problem has the same shape. */
    public static ProblemDetail normalise(ProblemDetail problem, String path) {
        HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(typeFor(status));
        }
        if (problem.getTitle() == null) {
            problem.setTitle(titleFor(status));
        }
        if (problem.getDetail() == null || problem.getDetail().isBlank()) {
            problem.setDetail(defaultDetail(status));
        }
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(safePath(path)));
        }
        return problem;
    }

    /** The body as the wire shows it; for writers that bypass Spring MVC's converters. */
    public static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    public static URI typeFor(HttpStatusCode status) {
        String slug = SLUGS.getOrDefault(status.value(), status.is5xxServerError() ? "internal-server-error" : "bad-request");
        return URI.create("about:blank#" + slug);
    }

    public static String titleFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }

    private static String defaultDetail(HttpStatusCode status) {
        return DEFAULT_DETAILS.getOrDefault(status.value(), titleFor(status));
    }

    /** A request path may hold characters a URI refuses; the instance must never be the reason for a 500. */
    private static String safePath(String path) {
        try {
            return URI.create(path).toString();
        } catch (IllegalArgumentException e) {
            return path.replaceAll("[^A-Za-z0-9/._~-]", "_");
        }
    }
}
