package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.hivematrix.helm.HelmProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns deploy/services.json into what the supervisor runs. Helm itself is not in the plan (it
 * never supervises or restarts itself). By type:
 * <ul>
 * <li>{@code spring-boot}: {@code java [javaOpts] [java_opts] -jar MODULE/target/MODULE.jar} with
 *     HIVEMATRIX_SERVICE_NAME and SERVER_PORT (javaOpts: Helm's for every service, java_opts: the
 *     entry's own); skipped while the module or its jar is absent;</li>
 * <li>{@code keycloak}: {@code deploy/hivematrix keycloak-run}, which builds Keycloak's options
 *     (the launcher owns provisioning) and execs kc.sh in the foreground;</li>
 * <li>any entry with a {@code command} array (e.g. a local Neo4j): that command, relative to the
 *     installation directory, with optional {@code env} and {@code match}; health by HTTP when it
 *     has {@code url} and {@code health}, else by its {@code port} accepting connections.</li>
 * </ul>
 * Other entries are listed as skipped, so the dashboard still shows them.
 */
public final class ProcessPlan {

    private ProcessPlan() {
    }

    public static List<ProcessSpec> read(Path registryFile, Path home, String self, HelmProperties.Supervisor cfg) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(registryFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service registry " + registryFile, e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<ProcessSpec> specs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String name = e.getKey();
            if (!name.equals(self)) {
                specs.addAll(specs(name, e.getValue(), home, java, cfg));
            }
        }
        return specs;
    }

    /**
     * A spring-boot entry with {@code instances} is one process per instance: the first keeps the
     * service's name, the others are {@code <name>-2}, {@code <name>-3}, ... each on its URL's port
     * (and all with HIVEMATRIX_SERVICE_NAME = the service's name).
     */
    private static List<ProcessSpec> specs(String name, JsonNode n, Path home, String java, HelmProperties.Supervisor cfg) {
        if (!n.has("instances") || n.has("command") || !"spring-boot".equals(n.path("type").asString(""))) {
            return List.of(spec(name, n, home, java, cfg));
        }
        List<ProcessSpec> specs = new ArrayList<>();
        int i = 0;
        for (JsonNode instance : n.get("instances").values()) {
            URI url = URI.create(instance.asString().replaceAll("/+$", ""));
            String process = i++ == 0 ? name : name + "-" + i;
            specs.add(springBoot(process, name, n, n.path("start_order").asInt(100), url.getPort(), url.toString(), home, java, cfg));
        }
        return specs;
    }

    private static ProcessSpec spec(String name, JsonNode n, Path home, String java, HelmProperties.Supervisor cfg) {
        int order = n.path("start_order").asInt(100);
        int port = n.path("port").asInt(0);
        String type = n.path("type").asString("");
        if (n.has("command")) {
            return command(name, n, order, port, home, cfg);
        }
        return switch (type) {
            case "spring-boot" -> springBoot(name, name, n, order, port, n.path("url").asString(""), home, java, cfg);
            case "keycloak" -> new ProcessSpec(name, order, List.of(home.resolve("deploy/hivematrix").toString(), "keycloak-run"),
                    Map.of(), home, new HttpHealthProbe(healthUri(n)), home.resolve("var/keycloak/dist").toString() + "/",
                    cfg.getKeycloakStartTimeout(), null, port, null);
            default -> ProcessSpec.skipped(name, order, "type '" + type + "' has no command to run", port);
        };
    }

    private static ProcessSpec springBoot(String name, String service, JsonNode n, int order, int port, String url, Path home,
            String java, HelmProperties.Supervisor cfg) {
        String module = n.path("module").asString(service);
        if (!Files.isRegularFile(home.resolve(module).resolve("pom.xml"))) {
            return ProcessSpec.skipped(name, order, "module " + module + " is not part of this installation", port);
        }
        Path jar = home.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            return ProcessSpec.skipped(name, order, module + "/target/" + module + ".jar is not built", port);
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        // the service's own options after Helm's: the JVM takes the last of a repeated option
        words(cfg.getJavaOpts()).forEach(command::add);
        words(n.path("java_opts").asString("")).forEach(command::add);
        command.add("-jar");
        command.add(jar.toString());
        Map<String, String> env = Map.of("HIVEMATRIX_SERVICE_NAME", service, "SERVER_PORT", Integer.toString(port));
        // matches the plain jar and its extracted copy under var/cds (StartupArchives) alike
        String match = "/" + module + ".jar";
        return new ProcessSpec(name, order, command, env, home, new HttpHealthProbe(healthUri(n, url)), match,
                cfg.getServiceStartTimeout(), null, port, jar);
    }

    private static Stream<String> words(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(w -> !w.isEmpty());
    }

    private static ProcessSpec command(String name, JsonNode n, int order, int port, Path home, HelmProperties.Supervisor cfg) {
        List<String> command = new ArrayList<>();
        n.get("command").values().forEach(v -> command.add(v.asString()));
        if (command.isEmpty()) {
            return ProcessSpec.skipped(name, order, "empty command", port);
        }
        Path program = home.resolve(command.get(0));
        if (command.get(0).contains("/")) {
            if (!Files.isExecutable(program)) {
                return ProcessSpec.skipped(name, order, command.get(0) + " is not installed", port);
            }
            command.set(0, program.toString());
        }
        Map<String, String> env = new LinkedHashMap<>();
        n.path("env").properties().forEach(en -> env.put(en.getKey(), en.getValue().asString()));
        HealthProbe health = n.has("url") && n.has("health") ? new HttpHealthProbe(healthUri(n))
                : port > 0 ? new TcpHealthProbe("127.0.0.1", port) : HealthProbe.ALIVE;
        Duration timeout = n.has("start_timeout") ? Duration.ofSeconds(n.get("start_timeout").asInt()) : cfg.getServiceStartTimeout();
        String match = n.path("match").asString(command.get(0));
        return new ProcessSpec(name, order, command, env, home, health, match, timeout, null, port, null);
    }

    /** Same rule as ServiceInfo#healthUrl: a separate management port when there is one; 0.0.0.0 probed on loopback. */
    static URI healthUri(JsonNode n) {
        return healthUri(n, n.path("url").asString(""));
    }

    /** The health URI of the instance at {@code url}. */
    static URI healthUri(JsonNode n, String url) {
        String health = n.path("health").asString("/health");
        int healthPort = n.path("health_port").asInt(0);
        if (healthPort > 0) {
            return URI.create("http://127.0.0.1:" + healthPort + n.path("relative_path").asString("") + health);
        }
        return URI.create(url.replaceAll("/+$", "").replace("0.0.0.0", "127.0.0.1") + health);
    }
}
