package com.hivematrix.nexus.login;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.web.server.ServerWebExchange;

import com.hivematrix.nexus.login.CoreClient.Verdict;
import com.hivematrix.nexus.web.Responses;

import reactor.core.publisher.Mono;

/**
 * After Keycloak: exchange its access token at Core for the HiveMatrix JWT, confirm it with Core's
 * validate (which also gives the user), keep only the JWT, the user and the id token (for
 * end-session) in a fresh session id, and go to the remembered {@code next}. Keycloak's access and
 * refresh tokens are dropped: nothing downstream ever sees them.
 */
public class LoginSuccessHandler implements ServerAuthenticationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(LoginSuccessHandler.class);

    private final CoreClient core;
    private final ServerOAuth2AuthorizedClientRepository clients;

    public LoginSuccessHandler(CoreClient core, ServerOAuth2AuthorizedClientRepository clients) {
        this.core = core;
        this.clients = clients;
    }

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
        ServerWebExchange exchange = webFilterExchange.getExchange();
        OAuth2AuthenticationToken oauth = (OAuth2AuthenticationToken) authentication;
        String idToken = oauth.getPrincipal() instanceof OidcUser oidc ? oidc.getIdToken().getTokenValue() : null;
        return clients.loadAuthorizedClient(oauth.getAuthorizedClientRegistrationId(), authentication, exchange)
                .switchIfEmpty(Mono.error(new IllegalStateException("no authorized client after login")))
                .flatMap(client -> clients.removeAuthorizedClient(oauth.getAuthorizedClientRegistrationId(), authentication, exchange)
                        .then(core.exchange(client.getAccessToken().getTokenValue())))
                .flatMap(jwt -> core.validate(jwt).flatMap(validation -> validation.verdict() == Verdict.VALID
                        ? complete(exchange, jwt, validation.user(), idToken)
                        : Responses.error(exchange, HttpStatus.BAD_GATEWAY, "Authentication failed - please try again")))
                .onErrorResume(CoreClient.ExchangeRejectedException.class, e -> {
                    log.warn("Login refused by Core: {}", e.getMessage());
                    return Responses.error(exchange, HttpStatus.UNAUTHORIZED, "Authentication failed: your account was not accepted");
                })
                .onErrorResume(e -> {
                    log.warn("Login could not be completed: {}", e.toString());
                    return Responses.error(exchange, HttpStatus.BAD_GATEWAY,
                            "Authentication service temporarily unavailable - please try again");
                });
    }

    private Mono<Void> complete(ServerWebExchange exchange, String jwt, Map<String, Object> user, String idToken) {
        return exchange.getSession().flatMap(session -> {
            String next = LoginController.safeNext(session.getAttribute(NexusSession.NEXT));
            session.getAttributes().clear();
            NexusSession.login(session, jwt, user, idToken);
            log.info("Login of {} ({})", user.get("preferred_username"), user.get("permission_level"));
            return session.changeSessionId().then(Responses.redirect(exchange, next));
        });
    }
}
