package com.hivematrix.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.UUID;

import com.hivematrix.shared.testsupport.KeycloakTestServer;
import com.hivematrix.shared.testsupport.RepoRoot;

/**
 * The platform's own realm template (deploy/keycloak/hivematrix-realm.json, so the helm-admin
 * service account and its roles are exactly what `up` provisions) imported into the real test
 * Keycloak as a scratch realm of a test's own; {@link #close()} deletes it.
 */
public final class ScratchRealm implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public final KeycloakTestServer keycloak = KeycloakTestServer.get();
    public final String name;
    /** The helm-admin service account's client secret in this realm. */
    public final String helmSecret = UUID.randomUUID().toString();

    public ScratchRealm(String prefix) {
        this.name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            String template = Files.readString(RepoRoot.get().resolve("deploy/keycloak/hivematrix-realm.json"))
                    .replaceAll("(?m)^.*\"__PUBLIC_URL__/\\*\",\\R", "")
                    .replace("__PUBLIC_URL_POST_LOGOUT__", "")
                    .replace("__NEXUS_CLIENT_SECRET__", UUID.randomUUID().toString())
                    .replace("__HM_ADMIN_PASSWORD__", "Adm1n-" + UUID.randomUUID())
                    .replace("__HELM_ADMIN_CLIENT_SECRET__", helmSecret)
                    .replace("\"realm\": \"hivematrix\"", "\"realm\": \"" + name + "\"");
            HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms"))
                    .header("Authorization", "Bearer " + keycloak.masterAdminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(template)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            CLIENT.send(HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/" + name))
                    .header("Authorization", "Bearer " + keycloak.masterAdminToken()).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
