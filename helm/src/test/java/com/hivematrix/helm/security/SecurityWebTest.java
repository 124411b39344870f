package com.hivematrix.helm.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hivematrix.helm.HelmTestBase;

import tools.jackson.databind.JsonNode;

/** The audit's pages and API are for admins only; bad input is a problem naming the field. */
class SecurityWebTest extends HelmTestBase {

    @Test
    void auditIsForAdminsOnly() {
        assertProblem(get("/api/security/audit", TECH), 403);
        assertProblem(get("/api/security/audit", null), 401);
        JsonNode r = get("/api/security/audit", ADMIN).json();
        assertThat(r.get("summary").get("severity").asString()).isIn("none", "low", "high");
        assertThat(r.has("exposed_services")).isTrue();
        assertThat(r.get("firewall_status").has("active")).isTrue();
    }

    @Test
    void firewallScriptApiAndDownload() {
        JsonNode ufw = get("/api/security/firewall-script?type=ufw", ADMIN).json();
        assertThat(ufw.get("filename").asString()).isEqualTo("hivematrix-firewall-ufw.sh");
        assertThat(ufw.get("script").asString()).contains("ufw deny 8080/tcp");
        JsonNode bad = assertProblem(get("/api/security/firewall-script?type=iptables-flush", ADMIN), 400);
        assertThat(bad.get("field").asString()).isEqualTo("type");
        Response download = send("GET", "/security/firewall/nftables", null, ADMIN, Map.of("Accept", "*/*"));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw().headers().firstValue("Content-Disposition").orElse("")).contains("hivematrix-firewall-nftables.sh");
        assertThat(get("/security/firewall/ufw", TECH).status()).isEqualTo(403);
    }

    @Test
    void pageRendersForAdmins() {
        Response page = send("GET", "/security", null, ADMIN, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Security audit").contains("audit-severity").contains("Download ufw script");
    }
}
