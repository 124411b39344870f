package com.hivematrix.ledger.support;

import com.hivematrix.shared.testsupport.CorePeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.hivematrix.shared.testsupport.TestTokenIssuer;

/** The token issuer and Core stand-in every test in this module shares (one per JVM). */
public final class TestPlatform {

    public static final TestTokenIssuer ISSUER = new TestTokenIssuer();
    public static final CorePeer CORE = new CorePeer(ISSUER);

    public static final String ADMIN = ISSUER.userToken("admin");
    public static final String TECH = ISSUER.userToken("technician");
    public static final String BILLING = ISSUER.userToken("billing");
    public static final String CLIENT = ISSUER.userToken("client");
    public static final String BRAINHAIR = ISSUER.serviceToken("brainhair", "ledger");
    public static final String BEACON = ISSUER.serviceToken("beacon", "ledger");

    private TestPlatform() {
    }

    /** A services.json naming Core's stand-in and the given Codex. */
    public static Path registry(String codexUrl) {
        try {
            Path file = Files.createTempFile("ledger-services-", ".json");
            Files.writeString(file, """
                    {
                      "core": {"url": "%s", "port": 0, "visible": false, "type": "spring-boot", "health": "/health"},
                      "codex": {"url": "%s", "port": 0, "visible": true, "type": "spring-boot", "health": "/health"},
                      "ledger": {"url": "http://127.0.0.1:5030", "port": 5030, "visible": true, "type": "spring-boot", "health": "/health"}
                    }""".formatted(CORE.url(), codexUrl));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
