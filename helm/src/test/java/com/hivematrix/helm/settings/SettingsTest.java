package com.hivematrix.helm.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.helm.HelmTestBase;

import tools.jackson.databind.JsonNode;

/**
 * Platform settings saved to var/config/platform.properties (in a home of this test's own), the
 * environment the supervisor derives from them, field-naming problems for bad values, and the
 * TLS certificate description against a real TLS listener with a keytool-made certificate.
 */
class SettingsTest extends HelmTestBase {

    private static Path home;

    @Autowired
    SettingsStore store;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) throws IOException {
        home = Files.createTempDirectory("helm-settings");
        registry.add("hivematrix.home", home::toString);
    }

    @Test
    void adminSavesSettingsWhichBecomeEveryProcessesEnvironment() throws IOException {
        JsonNode defaults = get("/api/settings", ADMIN).json();
        assertThat(defaults.get("environment").asString()).isEqualTo("development");
        assertThat(defaults.get("log_level").asString()).isEqualTo("INFO");

        Response saved = send("PUT", "/api/settings", map("environment", "production", "hostname", "HM.Example.com", "log_level", "warn"),
                ADMIN, Map.of());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("hostname").asString()).isEqualTo("hm.example.com");
        Path file = home.resolve("var/config/platform.properties");
        assertThat(Files.readString(file)).contains("environment=production").contains("hostname=hm.example.com").contains("log_level=WARN");
        assertThat(store.load().processEnvironment()).containsEntry("HIVEMATRIX_ENVIRONMENT", "production")
                .containsEntry("HIVEMATRIX_HOSTNAME", "hm.example.com").containsEntry("LOGGING_LEVEL_ROOT", "WARN");

        Response page = send("GET", "/settings", null, ADMIN, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"hm.example.com\"").contains("<option value=\"WARN\" selected=\"selected\">")
                .contains("does not supervise the processes").contains("Nexus TLS certificate");
    }

    @Test
    void badValuesAreProblemsNamingTheFieldAndNothingIsSaved() throws IOException {
        store.save(PlatformSettings.DEFAULTS);
        assertThat(assertProblem(send("PUT", "/api/settings", map("environment", "staging", "log_level", "INFO"), ADMIN, Map.of()), 400)
                .get("field").asString()).isEqualTo("environment");
        assertThat(assertProblem(send("PUT", "/api/settings", map("environment", "production", "hostname", "bad host;rm", "log_level", "INFO"),
                ADMIN, Map.of()), 400).get("field").asString()).isEqualTo("hostname");
        assertThat(assertProblem(send("PUT", "/api/settings", map("environment", "production", "log_level", "LOUD"), ADMIN, Map.of()), 400)
                .get("field").asString()).isEqualTo("log_level");
        assertThat(assertProblem(send("PUT", "/api/settings", map("environment", 7, "log_level", "INFO"), ADMIN, Map.of()), 400)
                .get("field").asString()).isEqualTo("environment");
        assertThat(store.load()).isEqualTo(PlatformSettings.DEFAULTS);

        assertProblem(get("/api/settings", TECH), 403);
        assertProblem(send("PUT", "/api/settings", map("environment", "production", "log_level", "INFO"), TECH, Map.of()), 403);
        // this Helm supervises nothing, so it has nothing to restart
        assertProblem(post("/api/settings/restart-all", null, ADMIN), 503);
    }

    @Test
    void describesTheCertificateATlsListenerPresents() throws Exception {
        Path keystore = home.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "nexus", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=helm-settings-test", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "10", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(31050, 5,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the client closes after the handshake
                }
            });
            acceptor.start();

            TlsCertificateInfo info = TlsCertificateInfo.read(31050);

            assertThat(info.error()).isNull();
            assertThat(info.subject()).isEqualTo("CN=helm-settings-test");
            assertThat(info.selfSigned()).isTrue();
            assertThat(info.names()).containsAll(List.of("localhost", "127.0.0.1"));
            assertThat(info.daysLeft()).isBetween(8L, 10L);
            assertThat(info.sha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
            acceptor.join(5000);
        }
        assertThat(TlsCertificateInfo.read(31051).error()).contains("no TLS answer on 127.0.0.1:31051");
    }
}
