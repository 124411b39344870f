package com.hivematrix.nexus.routing;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.hivematrix.nexus.config.NexusProperties;

/** Which request paths are Nexus's own, public backend paths, or never proxied. */
public class PathRules {

    /** Nexus's own endpoints: they decide about authentication themselves. */
    private static final List<String> OWN = List.of(
            "/login", "/logout", "/logged-out", "/login/oauth2/code/**", "/oauth2/authorization/**",
            "/health", "/static/**", "/webjars/**", "/favicon.ico", "/nexus/**", "/api/invalidate-cache",
            "/helpdesk", "/helpdesk/", "/professional-services", "/professional-services/", "/");

    private final List<PathPattern> own;
    private final List<PathPattern> publicPaths;
    private final List<PathPattern> blocked;

    public PathRules(NexusProperties props) {
        this.own = parse(OWN);
        this.publicPaths = parse(props.getPublicPaths());
        this.blocked = parse(props.getBlockedPaths());
    }

    public boolean isOwn(String path) {
        return matches(own, path);
    }

    public boolean isPublic(String path) {
        return matches(publicPaths, path);
    }

    public boolean isBlocked(String path) {
        return matches(blocked, path);
    }

    /** The first path segment: the service a proxied request is for. */
    public static String serviceOf(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        int slash = p.indexOf('/');
        return slash < 0 ? p : p.substring(0, slash);
    }

    private static boolean matches(List<PathPattern> patterns, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return patterns.stream().anyMatch(p -> p.matches(container));
    }

    private static List<PathPattern> parse(List<String> patterns) {
        return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }
}
