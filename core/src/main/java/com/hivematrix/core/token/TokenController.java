package com.hivematrix.core.token;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.core.config.CoreProperties;
import com.hivematrix.core.ratelimit.RateLimiter;
import com.hivematrix.core.session.SessionRecord;
import com.hivematrix.core.session.SessionStore;
import com.hivematrix.core.session.UserData;
import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.security.PermissionLevel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The original's token API: exchange a Keycloak access token for a HiveMatrix JWT, validate it against
 * its session, revoke the session. Bodies are plain {@code application/json} as in the original.
 */
@RestController
@RequestMapping(path = "/api/token", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tokens", description = "HiveMatrix user tokens and their sessions")
public class TokenController {

    private static final Logger log = LoggerFactory.getLogger(TokenController.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakTokenVerifier keycloak;
    private final HivematrixTokens tokens;
    private final SessionStore sessions;
    private final RateLimiter rateLimiter;
    private final CoreProperties props;

    public TokenController(KeycloakTokenVerifier keycloak, HivematrixTokens tokens, SessionStore sessions,
            RateLimiter rateLimiter, CoreProperties props) {
        this.keycloak = keycloak;
        this.tokens = tokens;
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.props = props;
    }

    @Operation(summary = "Exchange a Keycloak access token ({access_token} or Bearer) for a HiveMatrix JWT",
            description = "200 {token}; 400 {error: No access token provided}; 401 {error: Invalid access token}; 503 problem when Keycloak is unreachable; 429 problem over 20/min per client")
    @PostMapping("/exchange")
    public ResponseEntity<Map<String, Object>> exchange(@RequestBody(required = false) Map<String, Object> body,
            HttpServletRequest request) {
        rateLimiter.check("exchange", request, props.getRateLimits().getExchange());
        String accessToken = tokenFrom(body, "access_token", request);
        if (accessToken == null) {
            return error(HttpStatus.BAD_REQUEST, Map.of("error", "No access token provided"));
        }
        Optional<KeycloakTokenVerifier.KeycloakIdentity> identity;
        try {
            identity = keycloak.verify(accessToken);
        } catch (KeycloakUnavailableException e) {
            log.warn("Token exchange impossible: {}", e.getMessage());
            throw ProblemException.serviceUnavailable("The identity provider (Keycloak) is unreachable; try again shortly", 10);
        }
        if (identity.isEmpty()) {
            return error(HttpStatus.UNAUTHORIZED, Map.of("error", "Invalid access token"));
        }
        KeycloakTokenVerifier.KeycloakIdentity id = identity.get();
        UserData user = new UserData(id.sub(), id.name(), id.email(), id.preferredUsername(),
                PermissionLevel.fromGroups(id.groups()).claimValue(), id.groups());
        Instant now = Instant.now();
        long iat = now.getEpochSecond();
        String jti = newSessionId();
        long ttl = props.getSessionTtl().toSeconds();
        sessions.create(jti, new SessionRecord(user, iat, iat + ttl, false), props.getSessionTtl());
        String token = tokens.signUser(jti, user, now);
        log.info("Exchanged Keycloak token for {} ({})", user.preferredUsername(), user.permissionLevel());
        return ResponseEntity.ok(Map.of("token", token));
    }

    @Operation(summary = "Validate a HiveMatrix JWT ({token} or Bearer) and its session",
            description = "200 {valid: true, user: <session copy>}; 400/401 {error, valid: false}")
    @PostMapping("/validate")
    public ResponseEntity<Map<String, Object>> validate(@RequestBody(required = false) Map<String, Object> body,
            HttpServletRequest request) {
        String token = tokenFrom(body, "token", request);
        if (token == null) {
            return error(HttpStatus.BAD_REQUEST, invalid("No token provided"));
        }
        HivematrixTokens.VerifiedToken verified;
        try {
            verified = tokens.verify(token, true);
        } catch (TokenRejectedException e) {
            return error(HttpStatus.UNAUTHORIZED, invalid(e.errorText()));
        }
        String jti = verified.jti();
        if (jti == null || jti.isEmpty()) {
            return error(HttpStatus.UNAUTHORIZED, invalid("Token has no session ID"));
        }
        Optional<SessionRecord> session = sessions.find(jti).filter(s -> !s.revoked());
        if (session.isEmpty()) {
            return error(HttpStatus.UNAUTHORIZED, invalid("Session expired or revoked"));
        }
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("valid", true);
        ok.put("user", session.get().userData());
        return ResponseEntity.ok(ok);
    }

    @Operation(summary = "Revoke the session behind a HiveMatrix JWT ({token} or Bearer)",
            description = "200 {message}; 400 {error}; 401 {error: Invalid token: …}; 404 {message: Session not found or already revoked}")
    @PostMapping("/revoke")
    public ResponseEntity<Map<String, Object>> revoke(@RequestBody(required = false) Map<String, Object> body,
            HttpServletRequest request) {
        rateLimiter.check("revoke", request, props.getRateLimits().getRevoke());
        String token = tokenFrom(body, "token", request);
        if (token == null) {
            return error(HttpStatus.BAD_REQUEST, Map.of("error", "No token provided"));
        }
        HivematrixTokens.VerifiedToken verified;
        try {
            verified = tokens.verify(token, false);
        } catch (TokenRejectedException e) {
            return error(HttpStatus.UNAUTHORIZED, Map.of("error", e.errorText()));
        }
        String jti = verified.jti();
        if (jti == null || jti.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, Map.of("error", "Token has no session ID"));
        }
        if (sessions.revoke(jti) == SessionStore.RevokeResult.NOT_FOUND) {
            return error(HttpStatus.NOT_FOUND, Map.of("message", "Session not found or already revoked"));
        }
        log.info("Revoked session of {}", verified.claims().getSubject());
        return ResponseEntity.ok(Map.of("message", "Session revoked successfully"));
    }

    /** The token from the JSON body field, else from {@code Authorization: Bearer}. */
    static String tokenFrom(Map<String, Object> body, String field, HttpServletRequest request) {
        if (body != null && body.get(field) instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = header.substring(7).strip();
            return value.isEmpty() ? null : value;
        }
        return null;
    }

    private static Map<String, Object> invalid(String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("valid", false);
        return m;
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** 32 random bytes, base64url without padding: 43 characters, like secrets.token_urlsafe(32). */
    static String newSessionId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
