package com.hivematrix.nexus.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import reactor.netty.http.client.HttpClient;

/** A temporary HIVEMATRIX_HOME with a registry, and a client that trusts Nexus's self-signed certificate. */
public final class NexusTestSupport {

    private NexusTestSupport() {
    }

    public static Path home(String servicesJson) {
        try {
            Path home = Files.createTempDirectory("nexus-test-home");
            Files.createDirectories(home.resolve("deploy"));
            Files.writeString(home.resolve("deploy/services.json"), servicesJson);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HttpClient insecureHttpClient() {
        return HttpClient.create().secure(ssl -> {
            try {
                ssl.sslContext(SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build());
            } catch (javax.net.ssl.SSLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static WebTestClient client(int port) {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(insecureHttpClient()))
                .baseUrl("https://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(20))
                .build();
    }
}
