package com.hivematrix.helm.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;

/**
 * Which HiveMatrix ports listen where, in the original's findings shape. Every port of
 * deploy/services.json (service ports and Keycloak's management port) must listen on loopback
 * only, except Nexus, the one public entry point. Unlike the original (a substring match over
 * `ss` output, so :5000 also matched :50000) ports are compared exactly, IPv6 included, and
 * Keycloak being reachable from outside is as serious as any other backend: the launcher binds it
 * to 127.0.0.1, so exposure means a misconfiguration.
 */
@Service
public class SecurityAudit {

    static final String PUBLIC_SERVICE = "nexus";

    private final ServiceRegistry registry;
    private final Path procNet;

    public SecurityAudit(ServiceRegistry registry, @Value("${hivematrix.helm.security.proc-net:/proc/net}") Path procNet) {
        this.registry = registry;
        this.procNet = procNet;
    }

    public Map<String, Object> audit() {
        return audit(ListeningSocket.read(procNet), FirewallStatus.detect());
    }

    public Map<String, Object> audit(List<ListeningSocket> sockets, FirewallStatus firewall) {
        List<Map<String, Object>> exposed = new ArrayList<>();
        List<Map<String, Object>> protectedByFirewall = new ArrayList<>();
        List<Map<String, Object>> secure = new ArrayList<>();
        List<Map<String, Object>> notRunning = new ArrayList<>();
        List<Map<String, Object>> unknown = new ArrayList<>();
        Set<Integer> ours = new TreeSet<>();
        int checked = 0;
        for (ServiceInfo s : services()) {
            for (int port : ports(s)) {
                checked++;
                ours.add(port);
                List<ListeningSocket> on = sockets.stream().filter(k -> k.port() == port).toList();
                String binding = on.stream().map(ListeningSocket::address).distinct().collect(Collectors.joining(", "));
                boolean outside = on.stream().anyMatch(k -> !k.loopback());
                boolean publicService = PUBLIC_SERVICE.equals(s.name()) && instancePorts(s).contains(port);
                if (on.isEmpty()) {
                    notRunning.add(entry(s, port, "", "not_running", "none", "nothing listens on this port"));
                } else if (publicService && outside) {
                    secure.add(entry(s, port, binding, "public", "none", "the gateway: the one service meant to be reachable"));
                } else if (publicService) {
                    unknown.add(entry(s, port, binding, "localhost_only", "low", "Nexus listens on loopback only; users cannot reach it from other machines"));
                } else if (!outside) {
                    secure.add(entry(s, port, binding, "localhost", "none", "loopback only"));
                } else if (firewall.active() && firewall.protectedPorts().contains(port)) {
                    protectedByFirewall.add(entry(s, port, binding, "firewall_protected", "low",
                            "listens beyond loopback, but the " + firewall.type() + " firewall denies this port"));
                } else {
                    exposed.add(entry(s, port, binding, "exposed", "high",
                            "listens beyond loopback: bind it to 127.0.0.1 (SERVER_ADDRESS) and apply the firewall script"));
                }
            }
        }
        List<Map<String, Object>> others = sockets.stream().filter(k -> !k.loopback() && !ours.contains(k.port()))
                .map(k -> List.of(k.port(), k.address())).distinct()
                .sorted(Comparator.comparingInt(l -> (Integer) l.get(0)))
                .map(l -> Map.<String, Object>of("port", l.get(0), "binding", l.get(1),
                        "message", "not a HiveMatrix port; make sure it is meant to be reachable (e.g. SSH)"))
                .toList();
        String severity = !exposed.isEmpty() ? "high" : !unknown.isEmpty() ? "low" : "none";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("summary", Map.of("severity", severity, "checked", checked, "message", message(exposed.size(), severity)));
        out.put("exposed_services", exposed);
        out.put("firewall_protected", protectedByFirewall);
        out.put("firewall_required", List.of());
        out.put("secure_services", secure);
        out.put("not_running", notRunning);
        out.put("unknown_services", unknown);
        out.put("other_listeners", others);
        out.put("firewall_status", Map.of("active", firewall.active(), "type", firewall.type() == null ? "" : firewall.type(),
                "protected_ports", firewall.protectedPorts(), "detail", firewall.detail()));
        return out;
    }

    /** Registry entries in start order. */
    List<ServiceInfo> services() {
        return registry.all().stream().sorted(Comparator.comparingInt(ServiceInfo::startOrder)).toList();
    }

    /** The ports a service's instances serve on: its own and every replica's (from {@code instances}). */
    static List<Integer> instancePorts(ServiceInfo s) {
        List<Integer> ports = new ArrayList<>();
        if (s.port() > 0) {
            ports.add(s.port());
        }
        for (String url : s.instances()) {
            int port = java.net.URI.create(url).getPort();
            if (port > 0 && !ports.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    /** A service's listening ports: its instances' and, if separate, its management/health port. */
    static List<Integer> ports(ServiceInfo s) {
        List<Integer> ports = instancePorts(s);
        if (s.healthPort() > 0 && s.healthPort() != s.port()) {
            ports.add(s.healthPort());
        }
        return ports;
    }

    private static String message(int exposed, String severity) {
        if (exposed > 0) {
            return exposed + " HiveMatrix port(s) reachable from other machines";
        }
        return "low".equals(severity) ? "nothing exposed; Nexus is not reachable from other machines either"
                : "only Nexus is reachable from other machines";
    }

    private static Map<String, Object> entry(ServiceInfo s, int port, String binding, String status, String severity, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", s.name());
        m.put("port", port);
        m.put("binding", binding);
        m.put("status", status);
        m.put("severity", severity);
        m.put("message", message);
        return m;
    }
}
