package com.hivematrix.helm.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hivematrix.helm.HelmProperties;

class ProcessPlanTest {

    @TempDir
    Path home;

    @Test
    void aReplicatedEntryIsOneProcessPerInstanceEachOnItsOwnPort() throws Exception {
        Files.createDirectories(home.resolve("codex/target"));
        Files.writeString(home.resolve("codex/pom.xml"), "<project/>");
        Files.writeString(home.resolve("codex/target/codex.jar"), "");
        Path registry = home.resolve("services.json");
        Files.writeString(registry, """
                {"helm": {"url": "http://127.0.0.1:5004", "port": 5004, "type": "spring-boot"},
                 "codex": {"instances": ["http://127.0.0.1:5010", "http://127.0.0.1:5011/"], "port": 5010,
                           "type": "spring-boot", "health": "/health", "start_order": 4}}""");

        List<ProcessSpec> specs = ProcessPlan.read(registry, home, "helm", new HelmProperties.Supervisor());

        assertThat(specs).extracting(ProcessSpec::name, ProcessSpec::port, ProcessSpec::order)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("codex", 5010, 4), org.assertj.core.groups.Tuple.tuple("codex-2", 5011, 4));
        assertThat(specs.get(1).env()).containsEntry("HIVEMATRIX_SERVICE_NAME", "codex").containsEntry("SERVER_PORT", "5011");
        assertThat(specs.get(1).command()).contains(home.resolve("codex/target/codex.jar").toString());
        assertThat(ProcessPlan.healthUri(new tools.jackson.databind.ObjectMapper().readTree("{\"health\": \"/health\"}"),
                "http://127.0.0.1:5011/")).hasToString("http://127.0.0.1:5011/health");
    }

    @Test
    void anEntrysOwnJavaOptionsFollowHelmsSoTheyWin() throws Exception {
        Files.createDirectories(home.resolve("nexus-gateway/target"));
        Files.writeString(home.resolve("nexus-gateway/pom.xml"), "<project/>");
        Files.writeString(home.resolve("nexus-gateway/target/nexus-gateway.jar"), "");
        Path registry = home.resolve("services.json");
        Files.writeString(registry, """
                {"nexus": {"url": "https://127.0.0.1:8443", "port": 8443, "type": "spring-boot", "module": "nexus-gateway",
                           "java_opts": " -XX:TieredStopAtLevel=4  -Xmx512m "},
                 "core": {"url": "http://127.0.0.1:5000", "port": 5000, "type": "spring-boot"}}""");
        HelmProperties.Supervisor cfg = new HelmProperties.Supervisor();
        cfg.setJavaOpts("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

        List<ProcessSpec> specs = ProcessPlan.read(registry, home, "helm", cfg);

        assertThat(specs.get(0).command()).containsSequence("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=4",
                "-Xmx512m", "-jar", home.resolve("nexus-gateway/target/nexus-gateway.jar").toString());
    }

    @Test
    void anEntryWithoutInstancesStaysOneProcess() throws Exception {
        Path registry = home.resolve("services.json");
        Files.writeString(registry, """
                {"codex": {"url": "http://127.0.0.1:5010", "port": 5010, "type": "spring-boot"}}""");

        List<ProcessSpec> specs = ProcessPlan.read(registry, home, "helm", new HelmProperties.Supervisor());

        assertThat(specs).extracting(ProcessSpec::name).containsExactly("codex");
        assertThat(specs.get(0).skipReason()).contains("not part of this installation");
    }
}
