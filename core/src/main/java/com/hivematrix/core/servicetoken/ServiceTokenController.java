package com.hivematrix.core.servicetoken;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.core.config.CoreProperties;
import com.hivematrix.core.token.HivematrixTokens;
import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.registry.ServiceRegistry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Mints 5-minute service tokens. Unlike the original, the caller must prove it is {@code calling_service}
 * (HTTP Basic with its provisioned secret), and the endpoint refuses requests that came through the gateway.
 * The same endpoint speaks the OAuth2 client-credentials grant (RFC 6749 §4.4, form-encoded, the Basic
 * user is the calling service), so a scraper such as Prometheus can fetch and renew its own tokens.
 */
@RestController
@Tag(name = "Service tokens")
public class ServiceTokenController {

    private static final Logger log = LoggerFactory.getLogger(ServiceTokenController.class);
    private static final Pattern NAME = Pattern.compile("^[a-z0-9_-]{1,50}$");

    private final ServiceRegistry registry;
    private final ServiceSecrets secrets;
    private final HivematrixTokens tokens;
    private final CoreProperties props;

    public ServiceTokenController(ServiceRegistry registry, ServiceSecrets secrets, HivematrixTokens tokens, CoreProperties props) {
        this.registry = registry;
        this.secrets = secrets;
        this.tokens = tokens;
        this.props = props;
    }

    @Operation(summary = "Mint a service token for {calling_service, target_service}",
            description = "HTTP Basic calling_service:<secret>. 200 {token}; 400 {error} with the original's messages; 401 problem on bad credentials; 403 problem through the gateway")
    @PostMapping(path = "/service-token", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> mint(@RequestBody(required = false) Map<String, Object> body,
            HttpServletRequest request) {
        if (request.getHeader("X-Forwarded-Prefix") != null) {
            throw ProblemException.forbidden("Service tokens cannot be requested through the gateway");
        }
        String calling = body != null && body.get("calling_service") instanceof String s ? s : null;
        String target = body != null && body.get("target_service") instanceof String s ? s : null;
        if (calling == null || calling.isEmpty() || target == null || target.isEmpty()) {
            return error("calling_service and target_service are required");
        }
        if (!NAME.matcher(calling).matches()) {
            return error("Invalid calling_service format");
        }
        if (!NAME.matcher(target).matches()) {
            return error("Invalid target_service format");
        }
        if (!registry.contains(calling)) {
            return error("Unknown calling_service");
        }
        if (!registry.contains(target)) {
            return error("Unknown target_service");
        }
        String[] credentials = basic(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (credentials == null || !credentials[0].equals(calling) || !secrets.matches(calling, credentials[1])) {
            log.warn("Refused service token {} -> {}: bad or missing credentials from {}", calling, target, request.getRemoteAddr());
            ProblemException e = new ProblemException(HttpStatus.UNAUTHORIZED,
                    "Service credentials required: HTTP Basic calling_service:<secret>");
            e.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"hivematrix-core\"");
            throw e;
        }
        return ResponseEntity.ok(Map.of("token", tokens.signService(calling, target, Instant.now())));
    }

    @Operation(summary = "OAuth2 client-credentials form: grant_type=client_credentials&target_service=<name>",
            description = "HTTP Basic calling_service:<secret>. 200 {access_token, token_type, expires_in}; 400 {error: unsupported_grant_type | invalid_request}; 401 problem on bad credentials; 403 problem through the gateway")
    @PostMapping(path = "/service-token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> clientCredentials(@RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "target_service", required = false) String target, HttpServletRequest request) {
        if (request.getHeader("X-Forwarded-Prefix") != null) {
            throw ProblemException.forbidden("Service tokens cannot be requested through the gateway");
        }
        if (!"client_credentials".equals(grantType)) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("error", "unsupported_grant_type", "error_description", "grant_type must be client_credentials"));
        }
        String[] credentials = basic(request.getHeader(HttpHeaders.AUTHORIZATION));
        String calling = credentials == null ? null : credentials[0];
        if (target == null || !NAME.matcher(target).matches() || !registry.contains(target)) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("error", "invalid_request", "error_description", "target_service must name a registered service"));
        }
        if (calling == null || !NAME.matcher(calling).matches() || !registry.contains(calling) || !secrets.matches(calling, credentials[1])) {
            log.warn("Refused service token (client credentials) {} -> {}: bad or missing credentials from {}", calling, target,
                    request.getRemoteAddr());
            ProblemException e = new ProblemException(HttpStatus.UNAUTHORIZED,
                    "Service credentials required: HTTP Basic calling_service:<secret>");
            e.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"hivematrix-core\"");
            throw e;
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(Map.of(
                "access_token", tokens.signService(calling, target, Instant.now()),
                "token_type", "Bearer",
                "expires_in", props.getServiceTokenTtl().toSeconds()));
    }

    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResponseEntity<Map<String, Object>> error(String message) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
    }
}
