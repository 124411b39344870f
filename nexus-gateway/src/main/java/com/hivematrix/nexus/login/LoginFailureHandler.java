package com.hivematrix.nexus.login;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;

import com.hivematrix.nexus.web.Responses;

import reactor.core.publisher.Mono;

/** A refused, replayed or forged callback (bad state, missing code, Keycloak error): a clear 401, never a 500. */
public class LoginFailureHandler implements ServerAuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(LoginFailureHandler.class);

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException exception) {
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "authentication_failed";
        log.info("Login callback refused: {} ({})", code, exception.getMessage());
        String detail = switch (code) {
            case "authorization_request_not_found", "invalid_state_parameter" ->
                    "Invalid state parameter: this login link was already used or has expired. Please log in again.";
            case "access_denied" -> "Login was cancelled.";
            default -> "Authentication error: " + code;
        };
        return Responses.error(webFilterExchange.getExchange(), HttpStatus.UNAUTHORIZED, detail);
    }
}
