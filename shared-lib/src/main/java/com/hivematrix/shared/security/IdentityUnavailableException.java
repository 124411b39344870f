package com.hivematrix.shared.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.ErrorResponse;

import com.hivematrix.shared.problem.Problems;

/** Core cannot be asked whether a session is alive: the caller gets a 503, not a 401 or a 500. */
public class IdentityUnavailableException extends AuthenticationServiceException implements ErrorResponse {

    private final HttpHeaders headers = new HttpHeaders();

    public IdentityUnavailableException(String message, Throwable cause) {
        super(message, cause);
        headers.set(HttpHeaders.RETRY_AFTER, "5");
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public ProblemDetail getBody() {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The identity service is unavailable; try again shortly");
        problem.setProperty("retry_after", 5);
        return problem;
    }
}
