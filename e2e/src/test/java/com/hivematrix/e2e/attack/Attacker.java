package com.hivematrix.e2e.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.hivematrix.e2e.support.Platform;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What an attacker on the machine (or a misbehaving insider) holds against the running platform: the
 * backends' loopback URLs from the platform's registry, real tokens of every permission level (Keycloak
 * password grant exchanged at Core), real service tokens (Core's /service-token with a service's
 * secret), and Core's own signing key, so a token can differ from a genuine one in exactly one claim.
 */
public final class Attacker {

    /** The callers the suite tries: the four user levels and a service token. */
    public enum Level {
        ADMIN("admins"), TECHNICIAN("technicians"), BILLING("billing"), CLIENT(null), SERVICE(null);

        final String group;

        Level(String group) {
            this.group = group;
        }

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    final Platform platform;
    final HttpClient http = HttpClient.newBuilder().sslContext(Platform.trustAll()).connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<Level, String> userTokens = new EnumMap<>(Level.class);
    private final Map<String, String> serviceTokens = new LinkedHashMap<>();

    public Attacker(Platform platform) {
        this.platform = platform;
        try {
            JsonNode registry = JSON.readTree(Files.readString(platform.home.resolve("deploy/services.json")));
            for (Map.Entry<String, JsonNode> e : registry.properties()) {
                urls.put(e.getKey(), e.getValue().get("url").asString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The backend's own (loopback) base URL, bypassing Nexus. */
    public String direct(String service) {
        String url = urls.get(service);
        if (url == null) {
            throw new IllegalArgumentException("not in the registry: " + service);
        }
        return url;
    }

    public boolean runs(String service) {
        return urls.containsKey(service);
    }

    /** A real HiveMatrix JWT of {@code level} (one user per level and suite), or a service token for {@code target}. */
    public synchronized String token(Level level, String target) {
        if (level == Level.SERVICE) {
            return serviceTokens.computeIfAbsent(target, t -> serviceToken(t.equals("brainhair") ? "beacon" : "brainhair", t));
        }
        return userTokens.computeIfAbsent(level, l -> freshUserToken(l));
    }

    /** A new Keycloak user of {@code level}, logged in with a password grant and exchanged at Core: its own session. */
    public String freshUserToken(Level level) {
        String[] user = platform.keycloak.createUser(level.group);
        String keycloakToken = platform.keycloak.passwordGrant(user[0], user[1]);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(direct("core") + "/api/token/exchange"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"access_token\":\"" + keycloakToken + "\"}")).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("exchange answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("token").asString();
    }

    /** A service token minted by Core for {@code calling} → {@code target}, with the calling service's real secret. */
    public String serviceToken(String calling, String target) {
        String secret;
        try {
            secret = Files.readString(platform.home.resolve("var/secrets/" + calling + ".secret")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String basic = Base64.getEncoder().encodeToString((calling + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(direct("core") + "/service-token"))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("{\"calling_service\":\"" + calling + "\",\"target_service\":\"" + target + "\"}"))
                .build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("service token answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("token").asString();
    }

    /** Revokes a user token's session at Core, as logout does. */
    public void revoke(String token) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(direct("core") + "/api/token/revoke"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("revoke answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Signs {@code claims} with Core's current signing key (read from Core's key directory) and its kid. */
    public String signWithCoreKey(JWTClaimsSet claims) {
        Path dir = platform.home.resolve("var/core/keys");
        try (Stream<Path> files = Files.list(dir)) {
            Path pem = files.filter(p -> p.getFileName().toString().matches("hivematrix-signing-key-\\d+\\.pem"))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", ""))))
                    .orElseThrow(() -> new IllegalStateException("no signing key in " + dir));
            StringBuilder b64 = new StringBuilder();
            boolean body = false;
            for (String line : Files.readAllLines(pem)) {
                if (line.startsWith("-----BEGIN PRIVATE KEY")) {
                    body = true;
                } else if (line.startsWith("-----END PRIVATE KEY")) {
                    body = false;
                } else if (body) {
                    b64.append(line.strip());
                }
            }
            RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64.toString())));
            String kid = pem.getFileName().toString().replace(".pem", "");
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String url, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
