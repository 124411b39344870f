package com.hivematrix.shared.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.client.RestClient;

import com.hivematrix.shared.client.HivematrixClientConfiguration;
import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.problem.ProblemResponseWriter;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.web.UserMdcFilter;

import tools.jackson.databind.ObjectMapper;

/**
 * Zero-trust resource server: every service validates the HiveMatrix JWT itself (Core's JWKS,
 * issuer, expiry, audience of service tokens, session not revoked) and maps permission_level to
 * roles. Browser CSRF is the gateway's concern; services only accept bearer tokens.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@AutoConfiguration(after = HivematrixClientConfiguration.class)
@EnableWebSecurity
@EnableMethodSecurity
public class ResourceServerSecurityConfiguration {

    static final List<String> ALWAYS_PUBLIC = List.of(
            "/health", "/docs", "/docs/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
            "/error", "/favicon.ico");

    @Bean
    @ConditionalOnMissingBean
    ProblemResponseWriter problemResponseWriter(ObjectMapper mapper) {
        return new ProblemResponseWriter(mapper);
    }

    @Bean
    @ConditionalOnMissingBean
    SessionStatus sessionStatus(HivematrixProperties props, @Qualifier("coreRestClient") RestClient core) {
        return new RemoteSessionStatus(core, props.getSecurity().getSessionCacheTtl(), props.getSecurity().getSessionStaleGrace());
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(HivematrixProperties props, ServiceRegistry registry, SessionStatus sessions) {
        String jwks = props.getSecurity().getJwksUri();
        if (jwks == null) {
            jwks = registry.require("core").url() + "/.well-known/jwks.json";
        }
        return HivematrixJwtDecoders.forService(jwks, props.getSecurity().getIssuer(), props.getServiceName(), sessions);
    }

    @Bean
    @ConditionalOnMissingBean
    BearerTokenResolver bearerTokenResolver(HivematrixProperties props) {
        return new PublicPathAwareBearerTokenResolver(publicPaths(props));
    }

    static List<String> publicPaths(HivematrixProperties props) {
        List<String> paths = new ArrayList<>(ALWAYS_PUBLIC);
        paths.addAll(props.getSecurity().getPublicPaths());
        return paths;
    }

    private static String[] clientPaths(HivematrixProperties props) {
        List<String> paths = props.getSecurity().getClientPaths();
        return paths == null ? new String[] {"/**"} : paths.toArray(String[]::new);
    }

    /** Beyond the client paths, a staff level or a service (a client-level user is refused). */
    private static AuthorizationManager<RequestAuthorizationContext> staffOnly(HivematrixProperties props) {
        if (props.getSecurity().getClientPaths() == null) {
            return AuthenticatedAuthorizationManager.authenticated();
        }
        return AuthorityAuthorizationManager.hasAnyRole("ADMIN", "TECHNICIAN", "BILLING", "SERVICE");
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(TokenClaims::authorities);
        converter.setPrincipalClaimName("sub");
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain hivematrixSecurityFilterChain(HttpSecurity http, HivematrixProperties props,
            ProblemResponseWriter problems, JwtAuthenticationConverter converter) throws Exception {
        List<String> publicPaths = publicPaths(props);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(rc -> rc.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers(publicPaths.toArray(String[]::new)).permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("ADMIN", "SERVICE")
                        .requestMatchers(clientPaths(props)).authenticated()
                        .anyRequest().access(staffOnly(props)))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new UserMdcFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
