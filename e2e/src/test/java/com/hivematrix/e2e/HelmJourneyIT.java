package com.hivematrix.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.hivematrix.e2e.support.Journey;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.RequestOptions;

/**
 * An admin watches the platform through Helm, seen through Nexus in headless Chromium: the
 * dashboard (Helm runs here as a plain service, so it shows its health probes of every registry
 * service), a service page with that service's recent central logs, the logs of one request
 * followed by its correlation id, the metrics charts, the security audit and the Keycloak users.
 * A technician gets 403. Screenshots in e2e/target/screenshots/ (helm-*).
 */
class HelmJourneyIT extends Journey {

    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

    @Override
    protected String prefix() {
        return "helm";
    }

    @Test
    void adminFollowsServicesLogsMetricsSecurityAndUsers() {
        assumeTrue(platform.helm, "Helm's jar is not built");
        String origin = platform.origin;
        Page page = login("admins", "/helm/");
        String traced = platform.codex ? "codex" : "core";

        // a request through Nexus carrying our own correlation id, which every hop logs
        String correlationId = "e2e-helm-" + UUID.randomUUID().toString().substring(0, 8);
        // no redirect following: a followed hop would be a new request with a correlation id of its own
        APIResponse traced0 = page.request().get(origin + "/" + traced + "/", RequestOptions.create()
                .setHeader("X-Correlation-ID", correlationId).setMaxRedirects(0));
        assertThat(traced0.status()).isBetween(200, 399);
        assertThat(traced0.headers().get("x-correlation-id")).isEqualTo(correlationId);

        // 1. the dashboard: every registry service probed by Helm, Core and Keycloak healthy
        page.navigate(origin + "/helm/services");
        assertThat(page.locator("main.page h1")).hasText("Services");
        assertThat(page.locator("#monitored-table tr[data-name=core] .badge")).hasText("healthy");
        assertThat(page.locator("#monitored-table tr[data-name=keycloak] .badge")).hasText("healthy");
        assertThat(page.locator("#monitored-table tr[data-name=" + traced + "] .badge")).hasText("healthy");
        assertThat(page.locator("#monitored-table tr[data-name=nexus] .badge")).hasText("healthy");
        shot(page, "01-dashboard");

        // 2. a service page: its health and its newest central log lines (shipped by the service to Helm)
        page.click("#monitored-table tr[data-name=" + traced + "] a");
        page.waitForURL(url -> url.endsWith("/helm/services/" + traced));
        assertThat(page.locator("main.page h1")).hasText(traced);
        assertThat(page.locator("dl.details")).containsText("/health");
        await("recent logs of " + traced).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            page.reload();
            return page.locator("#recent-logs tbody tr").count() > 0;
        });
        shot(page, "02-service");

        // 3. the logs page filtered by the correlation id: only that request's lines, from the service it reached
        page.navigate(origin + "/helm/logs?trace_id=" + correlationId);
        assertThat(page.locator("#log-rows tr").first()).isVisible(SLOW);
        @SuppressWarnings("unchecked")
        List<String> traces = (List<String>) page.locator("#log-rows tr td:nth-child(5) a")
                .evaluateAll("links => links.map(a => a.title)");
        assertThat(traces).isNotEmpty().allMatch(correlationId::equals);
        @SuppressWarnings("unchecked")
        List<String> services = (List<String>) page.locator("#log-rows tr td:nth-child(2)").evaluateAll("cells => cells.map(c => c.textContent)");
        assertThat(services).contains(traced);
        shot(page, "03-logs-by-correlation-id");

        // 4. metrics: Helm's own CPU and memory history; a probed service has latency but no process figures here
        page.navigate(origin + "/helm/metrics?service=helm&range=1h");
        assertThat(page.locator("#metrics-state[data-count]")).isVisible(SLOW);
        assertThat(Integer.parseInt(page.locator("#metrics-state").getAttribute("data-count"))).isPositive();
        assertThat(page.locator("canvas[data-series=cpu_percent]")).isVisible();
        assertThat(page.locator("canvas[data-series=rss_mb]")).isVisible();
        shot(page, "04-metrics-helm");
        page.navigate(origin + "/helm/metrics?service=" + traced + "&range=1h");
        assertThat(page.locator("#metrics-state[data-count]")).isVisible(SLOW);
        assertThat(page.locator("canvas[data-series=health_latency_ms]")).isVisible();
        assertThat(page.locator("[data-empty=cpu_percent]")).isVisible();
        shot(page, "05-metrics-" + traced);

        // 5. the security audit: a verdict and the HiveMatrix ports it checked
        page.navigate(origin + "/helm/security");
        assertThat(page.locator("main.page h1")).hasText("Security audit");
        assertThat(page.locator("#audit-severity").innerText().trim()).isIn("none", "low", "high");
        assertThat(page.locator("#audit-table tbody tr").count()).isPositive();
        shot(page, "06-security");

        // 6. Keycloak users through Helm's service account: the journeys' admins, in group admins
        page.navigate(origin + "/helm/users?search=t-admins-");
        assertThat(page.locator("main.page h1")).hasText("Users");
        assertThat(page.locator("#users-table tbody tr").first()).isVisible();
        assertThat(page.locator("#users-table tbody tr[data-username^=t-admins-]").first()).containsText("admins");
        shot(page, "07-users");

        if (page.locator("#theme-toggle-btn").count() > 0) {
            page.navigate(origin + "/helm/metrics?service=helm&range=1h");
            assertThat(page.locator("#metrics-state[data-count]")).isVisible(SLOW);
            page.click("#theme-toggle-btn");
            assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
            page.reload();
            assertThat(page.locator("#metrics-state[data-count]")).isVisible(SLOW);
            shot(page, "08-metrics-dark");
            page.click("#theme-toggle-btn");
        }
        page.context().close();
    }

    @Test
    void technicianGets403() {
        assumeTrue(platform.helm, "Helm's jar is not built");
        Page page = login("technicians", "/helm/services");
        Response r = page.navigate(platform.origin + "/helm/services");
        assertThat(r.status()).isEqualTo(403);
        shot(page, "09-technician-403");
        page.context().close();
    }
}
