package com.hivematrix.shared.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Public paths may carry a Bearer header that is not ours to judge (Core's token endpoints receive
 * Keycloak tokens; a health probe may send anything): there the resource server ignores it.
 */
public class PublicPathAwareBearerTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
    private final RequestMatcher publicPaths;

    public PublicPathAwareBearerTokenResolver(List<String> patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        this.publicPaths = new OrRequestMatcher(patterns.stream().map(p -> (RequestMatcher) builder.matcher(p)).toList());
    }

    @Override
    public String resolve(HttpServletRequest request) {
        return publicPaths.matches(request) ? null : standard.resolve(request);
    }
}
