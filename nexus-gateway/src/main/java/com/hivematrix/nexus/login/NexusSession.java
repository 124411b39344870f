package com.hivematrix.nexus.login;

import java.nio.charset.StandardCharsets;
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

    /** Stores a fresh login; values are plain JDK types so any session store can hold them. */
    public static void login(WebSession session, String token, Map<String, Object> user, String idToken) {
        session.getAttributes().put(TOKEN, token);
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
