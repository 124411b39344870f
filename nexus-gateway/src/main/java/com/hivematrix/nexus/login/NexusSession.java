package com.hivematrix.nexus.login;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.springframework.web.server.WebSession;

import tools.jackson.databind.json.JsonMapper;

/** What Nexus keeps in a browser's WebSession, and nothing more: the HiveMatrix JWT and its user. */
public final class NexusSession {

    public static final String TOKEN = "hm.token";
    public static final String USER = "hm.user";
    public static final String ID_TOKEN = "hm.idToken";
    public static final String NEXT = "hm.next";
    public static final String CSRF = "hm.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NexusSession() {
    }

    public static String token(WebSession session) {
        return session.getAttribute(TOKEN);
    }

    public static Map<String, Object> user(WebSession session) {
        Map<String, Object> user = session.getAttribute(USER);
        return user != null ? user : Map.of();
    }

    /**
     * The session's CSRF token (created on first use), which pages get in a meta tag and send back on
     * state-changing requests; null for a session without a login, so none is started for it.
     */
    public static String csrfToken(WebSession session) {
        if (token(session) == null) {
            return null;
        }
        return (String) session.getAttributes().computeIfAbsent(CSRF, k -> {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
    }

    /** Stores a fresh login; values are plain JDK types so any session store can hold them. */
    public static void login(WebSession session, String token, Map<String, Object> user, String idToken) {
        session.getAttributes().put(TOKEN, token);
        session.getAttributes().remove(CSRF);
        session.getAttributes().put(USER, new HashMap<>(user));
        if (idToken != null) {
            session.getAttributes().put(ID_TOKEN, idToken);
        }
    }

    /**
     * The {@code exp} of a JWT Nexus received from Core over loopback (its signature is Core's business
     * and was checked by Core's validate); null when unreadable.
     */
    public static Instant expiry(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            Object exp = JSON.readValue(new String(payload, StandardCharsets.UTF_8), Map.class).get("exp");
            return exp instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
