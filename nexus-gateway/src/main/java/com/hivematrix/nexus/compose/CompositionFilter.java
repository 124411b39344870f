package com.hivematrix.nexus.compose;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import com.hivematrix.nexus.login.NexusSession;
import com.hivematrix.nexus.routing.RegistryRoutes;
import com.hivematrix.nexus.security.EdgeFilter;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.security.PermissionLevel;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Composes proxied {@code text/html} responses (see {@link PageComposer}); every other response
 * (JSON, files, event streams) is handed to the client untouched and unbuffered. Keycloak's pages are
 * never composed.
 */
public class CompositionFilter implements GlobalFilter, Ordered {

    /** Largest HTML page composed in memory; bigger pages fail rather than exhaust the heap. */
    static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;

    private final ServiceRegistry registry;
    private final UserPreferences preferences;
    private final String version;

    public CompositionFilter(ServiceRegistry registry, UserPreferences preferences, String version) {
        this.registry = registry;
        this.preferences = preferences;
        this.version = version;
    }

    @Override
    public int getOrder() {
        // wraps the response before the gateway's writer subscribes to the upstream body
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String service = exchange.getAttribute(EdgeFilter.SERVICE_ATTR);
        if (service == null || RegistryRoutes.KEYCLOAK.equals(service) || exchange.getRequest().getMethod() == HttpMethod.HEAD) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().response(new Composing(exchange, service)).build());
    }

    private final class Composing extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;
        private final String service;

        Composing(ServerWebExchange exchange, String service) {
            super(exchange.getResponse());
            this.exchange = exchange;
            this.service = service;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            HttpHeaders headers = getHeaders();
            MediaType type = headers.getContentType();
            if (type == null || !MediaType.TEXT_HTML.isCompatibleWith(type) || headers.containsHeader(HttpHeaders.CONTENT_ENCODING)) {
                return super.writeWith(body);
            }
            Charset charset = type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
            return DataBufferUtils.join(Flux.from(body), MAX_PAGE_BYTES)
                    .map(buffer -> {
                        try {
                            return buffer.toString(charset);
                        } finally {
                            DataBufferUtils.release(buffer);
                        }
                    })
                    .defaultIfEmpty("")
                    .flatMap(this::compose)
                    .flatMap(html -> {
                        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
                        headers.remove(HttpHeaders.CONTENT_LENGTH);
                        headers.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
                        headers.setContentLength(bytes.length);
                        return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
                    });
        }

        private Mono<String> compose(String html) {
            if (html.isEmpty()) {
                return Mono.just(html);
            }
            Map<String, Object> user = exchange.getAttribute(EdgeFilter.USER_ATTR);
            boolean isPublic = Boolean.TRUE.equals(exchange.getAttribute(EdgeFilter.PUBLIC_ATTR));
            if (isPublic || user == null) {
                // a wall display or anyone not logged in: the platform's look, but no navigation
                return Mono.just(PageComposer.compose(html, Theme.DEFAULT, "", version));
            }
            Set<PermissionLevel> levels = EdgeFilter.levels(user);
            return exchange.getSession().flatMap(session -> preferences.theme(session, user)
                    .defaultIfEmpty(Theme.DEFAULT)
                    .map(theme -> PageComposer.compose(html, theme, SidePanel.html(registry, levels, service, theme), version,
                            NexusSession.csrfToken(session))));
        }
    }
}
