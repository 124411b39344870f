package com.hivematrix.shared.problem;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;

/**
 * Throw from anywhere in a request to answer with an RFC 7807 problem in the platform's shape.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatusCode status, String detail) {
        this(status, detail, null);
    }

    public ProblemException(HttpStatusCode status, String detail, Throwable cause) {
        super(status, Problems.of(status, detail), cause);
    }

    /** Adds a field to the problem body, e.g. the {@code error} text that clients of the original read. */
    public ProblemException with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, detail);
    }

    /** 422 with the original's {@code errors} list: one {@code {field, message}} per rejected field. */
    public static ProblemException unprocessable(String detail, List<Map<String, String>> errors) {
        ProblemException e = new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        e.getBody().setProperty("errors", errors);
        return e;
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        ProblemException e = new ProblemException(HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit exceeded. Try again in " + retryAfterSeconds + " seconds.");
        e.getBody().setProperty("retry_after", retryAfterSeconds);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return e;
    }

    public static ProblemException serviceUnavailable(String detail, long retryAfterSeconds) {
        ProblemException e = new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, detail);
        e.getBody().setProperty("retry_after", retryAfterSeconds);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return e;
    }
}
