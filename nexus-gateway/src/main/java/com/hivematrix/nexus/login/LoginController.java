package com.hivematrix.nexus.login;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.util.UriComponentsBuilder;

import com.hivematrix.nexus.config.NexusProperties;
import com.hivematrix.nexus.security.SessionValidator;

import reactor.core.publisher.Mono;

/**
 * {@code /login?next=} starts the Keycloak login (authorization code + PKCE + state + nonce, handled by
 * Spring Security at /oauth2/authorization/keycloak); {@code /logout} revokes the session at Core,
 * clears it, ends Keycloak's SSO session and lands on the logged-out page.
 */
@RestController
public class LoginController {

    public static final String REGISTRATION = "keycloak";
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");

    private final CoreClient core;
    private final SessionValidator validator;
    private final NexusProperties props;

    public LoginController(CoreClient core, SessionValidator validator, NexusProperties props) {
        this.core = core;
        this.validator = validator;
        this.props = props;
    }

    @GetMapping("/login")
    public Mono<ResponseEntity<Void>> login(@RequestParam(name = "next", required = false) String next, WebSession session) {
        String target = safeNext(next);
        if (session.getAttribute(NexusSession.TOKEN) != null) {
            return Mono.just(redirect(target));
        }
        session.getAttributes().put(NexusSession.NEXT, target);
        return Mono.just(redirect("/oauth2/authorization/" + REGISTRATION));
    }

    @RequestMapping(path = "/logout", method = {RequestMethod.GET, RequestMethod.POST})
    public Mono<ResponseEntity<Void>> logout(ServerWebExchange exchange, WebSession session) {
        String token = NexusSession.token(session);
        String idToken = session.getAttribute(NexusSession.ID_TOKEN);
        Mono<Boolean> revoke = token == null ? Mono.just(true) : core.revoke(token).doOnNext(ok -> validator.revoked(token));
        return revoke.then(session.invalidate()).then(Mono.fromSupplier(() -> {
            String base = origin(exchange);
            String loggedOut = base + "/logged-out";
            if (idToken == null) {
                return redirect("/logged-out");
            }
            String endSession = UriComponentsBuilder
                    .fromPath(props.getKeycloak().getPublicPath() + props.getKeycloak().realmPath() + "/logout")
                    .queryParam("id_token_hint", idToken)
                    .queryParam("post_logout_redirect_uri", loggedOut)
                    .queryParam("client_id", props.getKeycloak().getClientId())
                    .encode().build().toUriString();
            return redirect(endSession);
        }));
    }

    @GetMapping(path = "/logged-out", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> loggedOut() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, must-revalidate, max-age=0, private")
                .header(HttpHeaders.PRAGMA, "no-cache")
                .header(HttpHeaders.EXPIRES, "0")
                .header("Clear-Site-Data", "\"cache\", \"cookies\", \"storage\"")
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(LoggedOutPage.HTML);
    }

    /** Only a relative path on this origin: starts with one slash, no scheme, no backslash, no control chars. */
    public static String safeNext(String next) {
        if (next == null || next.isBlank() || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.contains("://") || next.contains("\\") || CONTROL.matcher(next).find()) {
            return "/";
        }
        return next;
    }

    static String origin(ServerWebExchange exchange) {
        URI uri = exchange.getRequest().getURI();
        String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
        return uri.getScheme() + "://" + (host != null ? host : uri.getRawAuthority());
    }

    private static ResponseEntity<Void> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(location))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
