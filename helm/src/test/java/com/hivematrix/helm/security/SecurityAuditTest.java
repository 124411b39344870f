package com.hivematrix.helm.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.testsupport.RepoRoot;

/** The audit over this machine's real /proc/net with sockets the test opens itself. */
class SecurityAuditTest {

    private static final FirewallStatus NO_FIREWALL = new FirewallStatus(false, null, Set.of(), "none");
    private final List<ServerSocket> sockets = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws IOException {
        for (ServerSocket s : sockets) {
            s.close();
        }
    }

    @Test
    void onlyNexusBeyondLoopbackIsSecureAndAnExposedBackendIsHigh() throws Exception {
        int core = listen("127.0.0.1");
        int codex = listen("0.0.0.0");
        int nexus = listen("0.0.0.0");
        int keycloak = listen("127.0.0.1");
        int keycloakMgmt = freePort();
        SecurityAudit audit = new SecurityAudit(registry(core, codex, nexus, keycloak, keycloakMgmt), Path.of("/proc/net"));

        Map<String, Object> r = audit.audit(ListeningSocket.read(Path.of("/proc/net")), NO_FIREWALL);

        assertThat(entries(r, "exposed_services")).extracting(e -> e.get("service"), e -> e.get("port"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("codex", codex));
        assertThat(entries(r, "secure_services")).extracting(e -> e.get("service") + ":" + e.get("status"))
                .contains("core:localhost", "nexus:public", "keycloak:localhost");
        assertThat(entries(r, "not_running")).extracting(e -> e.get("service") + ":" + e.get("port"))
                .containsExactly("keycloak:" + keycloakMgmt);
        assertThat(summary(r).get("severity")).isEqualTo("high");
        assertThat(summary(r).get("checked")).isEqualTo(5);
    }

    @Test
    void defaultInstallShowsOnlyNexusExposed() throws Exception {
        int core = listen("127.0.0.1");
        int codex = listen("127.0.0.1");
        int nexus = listen("0.0.0.0");
        int keycloak = listen("127.0.0.1");
        int mgmt = listen("127.0.0.1");
        SecurityAudit audit = new SecurityAudit(registry(core, codex, nexus, keycloak, mgmt), Path.of("/proc/net"));

        Map<String, Object> r = audit.audit(ListeningSocket.read(Path.of("/proc/net")), NO_FIREWALL);

        assertThat(entries(r, "exposed_services")).isEmpty();
        assertThat(summary(r).get("severity")).isEqualTo("none");
        assertThat(summary(r).get("message")).isEqualTo("only Nexus is reachable from other machines");
        assertThat(entries(r, "secure_services")).hasSize(5);
    }

    @Test
    void firewallDenyTurnsExposureIntoProtectedAndLoopbackNexusIsLow() throws Exception {
        int core = listen("127.0.0.1");
        int codex = listen("0.0.0.0");
        int nexus = listen("127.0.0.1");
        SecurityAudit audit = new SecurityAudit(registry(core, codex, nexus, freePort(), freePort()), Path.of("/proc/net"));

        Map<String, Object> r = audit.audit(ListeningSocket.read(Path.of("/proc/net")),
                new FirewallStatus(true, "ufw", Set.of(codex), "ufw active"));

        assertThat(entries(r, "firewall_protected")).extracting(e -> e.get("service")).containsExactly("codex");
        assertThat(entries(r, "unknown_services")).extracting(e -> e.get("service")).containsExactly("nexus");
        assertThat(summary(r).get("severity")).isEqualTo("low");
    }

    @Test
    void procNetLinesAreDecodedExactly() throws Exception {
        Files.writeString(dir.resolve("tcp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1
                   1: 00000000:C350 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1
                   2: 0100007F:1388 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 3 1
                """);
        Files.writeString(dir.resolve("tcp6"), """
                  sl  local_address                         remote_address                        st
                   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A
                   1: 00000000000000000000000000000000:20FB 00000000000000000000000000000000:0000 0A
                   2: 0000000000000000FFFF00000100007F:1394 00000000000000000000000000000000:0000 0A
                """);

        List<ListeningSocket> s = ListeningSocket.read(dir);

        assertThat(s).containsExactly(
                new ListeningSocket("127.0.0.1", 5000, false),
                new ListeningSocket("0.0.0.0", 50000, false),
                new ListeningSocket("::1", 8080, true),
                new ListeningSocket("::", 8443, true),
                new ListeningSocket("::ffff:127.0.0.1", 5012, true));
        assertThat(s).extracting(ListeningSocket::loopback).containsExactly(true, false, true, false, true);
    }

    @Test
    void firewallScriptsCoverEveryHiveMatrixPortAndKeepSshAndNexusOpen() throws Exception {
        ServiceRegistry registry = ServiceRegistry.load(RepoRoot.get().resolve("deploy/services.json"));
        FirewallScript scripts = new FirewallScript(registry);
        FirewallScript.Script ufw = scripts.generate("ufw");
        FirewallScript.Script nft = scripts.generate("nftables");
        int nexus = registry.require("nexus").port();

        assertThat(ufw.text()).contains("ufw allow 22/tcp", "ufw allow " + nexus + "/tcp", "ufw default deny incoming")
                .doesNotContain("ufw deny " + nexus + "/tcp");
        for (var s : registry.all()) {
            for (int port : SecurityAudit.ports(s)) {
                if (port != nexus) {
                    assertThat(ufw.text()).contains("ufw deny " + port + "/tcp");
                    assertThat(nft.text()).containsPattern("tcp dport \\{[^}]*\\b" + port + "\\b[^}]*\\} drop");
                }
            }
        }
        assertThat(ufw.text()).contains("ufw deny 8080/tcp", "ufw deny 9000/tcp");
        assertThat(nft.text()).doesNotContain("flush").contains("delete table inet hivematrix");
        for (FirewallScript.Script script : List.of(ufw, nft)) {
            Path f = dir.resolve(script.filename());
            Files.writeString(f, script.text());
            Process p = new ProcessBuilder("sh", "-n", f.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        }
    }

    private int listen(String address) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        sockets.add(s);
        return s.getLocalPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyReplicaPortIsAuditedAndDeniedByTheFirewallScript() throws Exception {
        int codex = listen("127.0.0.1");
        int codexReplica = listen("0.0.0.0");
        int nexus = listen("0.0.0.0");
        int nexusReplica = listen("0.0.0.0");
        ServiceRegistry registry = ServiceRegistry.parse("""
                {"codex": {"instances": ["http://127.0.0.1:%d", "http://127.0.0.1:%d"], "port": %d, "type": "spring-boot"},
                 "nexus": {"instances": ["https://127.0.0.1:%d", "https://127.0.0.1:%d"], "port": %d, "type": "spring-boot"}}
                """.formatted(codex, codexReplica, codex, nexus, nexusReplica, nexus));

        Map<String, Object> r = new SecurityAudit(registry, Path.of("/proc/net")).audit(ListeningSocket.read(Path.of("/proc/net")), NO_FIREWALL);

        assertThat(entries(r, "exposed_services")).extracting(e -> e.get("service") + ":" + e.get("port"))
                .containsExactly("codex:" + codexReplica);
        assertThat(entries(r, "secure_services")).extracting(e -> e.get("service") + ":" + e.get("port") + ":" + e.get("status"))
                .contains("codex:" + codex + ":localhost", "nexus:" + nexus + ":public", "nexus:" + nexusReplica + ":public");
        assertThat(new FirewallScript(registry).deniedPorts()).containsOnlyKeys(codex, codexReplica);
    }

    private static ServiceRegistry registry(int core, int codex, int nexus, int keycloak, int keycloakMgmt) {
        return ServiceRegistry.parse("""
                {"keycloak": {"url": "http://127.0.0.1:%d", "port": %d, "type": "keycloak", "health_port": %d, "start_order": 1},
                 "core": {"url": "http://127.0.0.1:%d", "port": %d, "type": "spring-boot", "start_order": 2},
                 "codex": {"url": "http://127.0.0.1:%d", "port": %d, "type": "spring-boot", "start_order": 4},
                 "nexus": {"url": "https://127.0.0.1:%d", "port": %d, "type": "spring-boot", "start_order": 9}}
                """.formatted(keycloak, keycloak, keycloakMgmt, core, core, codex, codex, nexus, nexus));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> r, String bucket) {
        return (List<Map<String, Object>>) r.get(bucket);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Map<String, Object> r) {
        return (Map<String, Object>) r.get("summary");
    }
}
