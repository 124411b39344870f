package com.hivematrix.shared.testsupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands where Core stands: mints service tokens (signed by the test issuer, whose JWKS every
 * service under test trusts), answers session validation and /health.
 */
public final class CorePeer extends LoopbackServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public CorePeer(TestTokenIssuer issuer) {
        route("/service-token", ex -> {
            JsonNode req = JSON.readTree(body(ex));
            String token = issuer.serviceToken(req.path("calling_service").asString(), req.path("target_service").asString());
            send(ex, 200, JSON.writeValueAsString(java.util.Map.of("token", token)));
        });
        route("/api/token/validate", ex -> send(ex, 200, "{\"valid\":true}"));
        route("/health", ex -> send(ex, 200, "{\"status\":\"healthy\"}"));
        start();
    }
}
