package com.hivematrix.nexus.security;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import com.hivematrix.nexus.config.NexusProperties;
import com.hivematrix.nexus.login.CoreClient;
import com.hivematrix.nexus.login.LoginController;
import com.hivematrix.nexus.login.LoginFailureHandler;
import com.hivematrix.nexus.login.LoginSuccessHandler;
import com.hivematrix.shared.config.HivematrixProperties;

/**
 * Spring Security does two things here: the OIDC login with Keycloak (code + PKCE + state + nonce)
 * and the security headers. Access decisions are {@link EdgeFilter}'s, which knows the registry.
 * The browser only ever sees Nexus's origin: the authorization endpoint is Nexus's /keycloak path,
 * token, JWKS and userinfo are called on Keycloak's backend address.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'self'";

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(NexusProperties props, HivematrixProperties hm) {
        NexusProperties.Keycloak kc = props.getKeycloak();
        String secret = kc.resolveClientSecret(hm.getHome());
        if (secret.isEmpty()) {
            log.warn("No Keycloak client secret (KEYCLOAK_CLIENT_SECRET or var/secrets/nexus-client.secret): logins will fail");
        }
        String backend = kc.getBackendUrl() + kc.realmPath();
        ClientRegistration keycloak = ClientRegistration.withRegistrationId(LoginController.REGISTRATION)
                .clientId(kc.getClientId())
                .clientSecret(secret.isEmpty() ? "unset" : secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "email", "profile")
                // relative: the browser follows it on Nexus's own origin, through the /keycloak route
                .authorizationUri(kc.getPublicPath() + kc.realmPath() + "/auth")
                .tokenUri(backend + "/token")
                .jwkSetUri(backend + "/certs")
                // no userinfo call: Keycloak names the token's issuer after the browser's URL (through Nexus),
                // so its userinfo on the backend address would refuse it; Core reads the groups from the token
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", kc.getPublicPath() + kc.realmPath() + "/logout"))
                .clientName("Keycloak")
                .build();
        return new InMemoryReactiveClientRegistrationRepository(keycloak);
    }

    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository authorizedClients, CoreClient core) {
        DefaultServerOAuth2AuthorizationRequestResolver resolver = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.authorizeExchange(a -> a.anyExchange().permitAll())
                .oauth2Login(o -> o
                        // our own /login (LoginController): no generated login page
                        .loginPage("/login")
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorizedClients)
                        .authorizationRequestResolver(resolver)
                        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                        .authenticationSuccessHandler(new LoginSuccessHandler(core, authorizedClients))
                        .authenticationFailureHandler(new LoginFailureHandler()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                // cookie-authenticated state changes are checked by EdgeFilter (same-origin rule)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.mode(Mode.SAMEORIGIN))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicy(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
                        .hsts(s -> s.maxAge(java.time.Duration.ofDays(365)).includeSubdomains(false)));
        return http.build();
    }

}
