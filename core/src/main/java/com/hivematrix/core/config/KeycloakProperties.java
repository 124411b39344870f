package com.hivematrix.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where Core finds Keycloak ({@code hivematrix.keycloak.*}). */
@ConfigurationProperties("hivematrix.keycloak")
public class KeycloakProperties {

    /** Base URL including the relative path, e.g. http://127.0.0.1:8080/keycloak. */
    private String url = "http://127.0.0.1:8080/keycloak";
    private String realm = "hivematrix";
    /**
     * Issuers accepted on Keycloak access tokens. Empty means {url}/realms/{realm}; add the gateway's
     * public issuer (https://host/keycloak/realms/hivematrix) when Keycloak runs behind it.
     */
    private List<String> acceptedIssuers = new ArrayList<>();
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration readTimeout = Duration.ofSeconds(5);
    /** How long Keycloak's JWKS is cached (an unknown kid refreshes it sooner). */
    private Duration jwksCacheTtl = Duration.ofMinutes(5);

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getRealm() { return realm; }
    public void setRealm(String realm) { this.realm = realm; }
    public List<String> getAcceptedIssuers() { return acceptedIssuers; }
    public void setAcceptedIssuers(List<String> acceptedIssuers) { this.acceptedIssuers = acceptedIssuers; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    public Duration getJwksCacheTtl() { return jwksCacheTtl; }
    public void setJwksCacheTtl(Duration jwksCacheTtl) { this.jwksCacheTtl = jwksCacheTtl; }

    public String realmUrl() {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return base + "/realms/" + realm;
    }

    public String jwksUrl() {
        return realmUrl() + "/protocol/openid-connect/certs";
    }

    public List<String> effectiveIssuers() {
        List<String> configured = acceptedIssuers == null ? List.of()
                : acceptedIssuers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return configured.isEmpty() ? List.of(realmUrl()) : configured;
    }
}
