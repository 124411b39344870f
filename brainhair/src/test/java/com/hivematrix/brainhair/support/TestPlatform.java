package com.hivematrix.brainhair.support;

import com.hivematrix.shared.testsupport.CorePeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.hivematrix.shared.testsupport.TestTokenIssuer;

/** The token issuer, the Core stand-in and the users every test in this module shares (one per JVM). */
public final class TestPlatform {

    public static final TestTokenIssuer ISSUER = new TestTokenIssuer();
    public static final CorePeer CORE = new CorePeer(ISSUER);

    public static final String ADMIN = ISSUER.userToken("admin");
    public static final String TECH = ISSUER.userToken("technician");
    /** A second technician: must never see the first one's chats. */
    public static final String OTHER_TECH = ISSUER.sign(ISSUER.userClaims("technician").claim("preferred_username", "user-technician-2")
            .claim("email", "technician2@example.test").build());
    public static final String BILLING = ISSUER.userToken("billing");
    /** A technician who is also in the billing group (permission_level stays technician). */
    public static final String TECH_IN_BILLING = ISSUER.sign(ISSUER.userClaims("technician").claim("preferred_username", "tess.tech")
            .claim("email", "tess.tech@example.test").claim("groups", java.util.List.of("technicians", "billing")).build());
    public static final String CLIENT = ISSUER.userToken("client");

    private TestPlatform() {
    }

    /**
     * A services.json naming Core's stand-in and the real Codex and Ledger processes, and KnowledgeTree
     * at its reserved port (running only once a test asked for it).
     */
    public static Path registry(String codexUrl, String ledgerUrl) {
        try {
            Path file = Files.createTempFile("brainhair-services-", ".json");
            Files.writeString(file, """
                    {
                      "core": {"url": "%s", "port": 0, "visible": false, "type": "spring-boot", "health": "/health"},
                      "codex": {"url": "%s", "port": 0, "visible": true, "type": "spring-boot", "health": "/health"},
                      "ledger": {"url": "%s", "port": 0, "visible": true, "type": "spring-boot", "health": "/health"},
                      "knowledgetree": {"url": "http://127.0.0.1:%d", "port": 0, "visible": true, "type": "spring-boot", "health": "/health"}
                    }""".formatted(CORE.url(), codexUrl, ledgerUrl, ServiceProcess.KNOWLEDGETREE_PORT));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
