package com.hivematrix.nexus.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.hivematrix.nexus.support.Browser;
import com.hivematrix.nexus.support.PlatformTestBase;

/**
 * Page composition over the real stack: a logged-in user's pages get the theme Codex reports (through a
 * real service token from Core), the platform assets and the side panel for their level; JSON and
 * event streams pass untouched and unbuffered.
 */
class PageCompositionTest extends PlatformTestBase {

    @Test
    void htmlPagesGetThemeAssetsAndTheSidePanelForTheUsersLevel() {
        String[] tech = user("technicians");
        BACKEND.setPreferences(tech[2], Map.of("theme", "dark", "color_theme", "green"));
        Browser browser = loggedIn(tech);

        HttpResponse<String> page = browser.get("/codex/page");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String html = page.body();
        assertThat(html).contains("<html lang=\"en\" data-theme=\"dark\" data-color-theme=\"green\">");
        // the session's CSRF token first, then the platform stylesheet before the page's own
        assertThat(html).containsPattern("<head><meta name=\"csrf-token\" content=\"[A-Za-z0-9_-]{43}\">"
                + "<link rel=\"stylesheet\" href=\"/static/css/global\\.css\\?v=[^\"]+\">");
        assertThat(html).contains("/static/css/side-panel.css?v=", "/static/js/nexus-boot.js?v=", "/static/js/side-panel.js?v=");
        assertThat(html).contains("<div class=\"hivematrix-layout\"><div class=\"hivematrix-side-panel\" id=\"side-panel\">");
        assertThat(html).contains("<div class=\"hivematrix-content\"><h1>Backend page</h1></div></div></body>");
        assertThat(html).contains("id=\"sidebar-toggle\"", "id=\"theme-toggle-btn\"", "href=\"/codex/settings\"", "href=\"/logout\"");
        // registry order, filtered by level: codex (active) then beacon; helm is admin-only, ledger billing-only
        assertThat(html).containsPattern("side-panel__item side-panel__item--active\"><a class=\"side-panel__link\" href=\"/codex/\"");
        assertThat(html.indexOf("href=\"/codex/\"")).isLessThan(html.indexOf("href=\"/beacon/\""));
        assertThat(html).doesNotContain("href=\"/helm/\"").doesNotContain("href=\"/ledger/\"");
        assertThat(html).contains("<svg class=\"icon icon--building-2\"");

        // cached per session: a second page does not ask Codex again
        browser.get("/codex/page");
        assertThat(BACKEND.themeCalls(tech[2])).isEqualTo(1);

        // the user changes their theme in Codex; invalidate-cache makes the next page show it
        BACKEND.setPreferences(tech[2], Map.of("theme", "light", "color_theme", "blue"));
        assertThat(browser.get("/codex/page").body()).contains("data-theme=\"dark\" data-color-theme=\"green\"");
        HttpResponse<String> invalidated = browser.post("/api/invalidate-cache", "application/json", "",
                Map.of("Origin", ORIGIN, "Accept", "application/json"));
        assertThat(JSON.readTree(invalidated.body()).get("success").asBoolean()).isTrue();
        assertThat(browser.get("/codex/page").body()).contains("data-theme=\"light\" data-color-theme=\"blue\"");
        assertThat(BACKEND.themeCalls(tech[2])).isEqualTo(2);
    }

    @Test
    void technicianAlsoInBillingSeesAndOpensLedgerAPlainTechnicianDoesNot() {
        String[] both = KEYCLOAK.createUserInGroups("technicians", "billing");
        HttpResponse<String> ledger = loggedIn(new String[] {both[0], both[1], both[0] + "@test.hivematrix.local"}).get("/ledger/page");
        assertThat(ledger.statusCode()).isEqualTo(200);
        assertThat(ledger.body()).contains("href=\"/ledger/\"", "href=\"/codex/\"").doesNotContain("href=\"/helm/\"");
        assertThat(loggedIn("technicians").get("/ledger/page").statusCode()).isEqualTo(403);
    }

    @Test
    void adminSeesAdminAndBillingServices() {
        String html = loggedIn("admins").get("/beacon/page").body();
        assertThat(html).contains("href=\"/helm/\"", "href=\"/ledger/\"", "href=\"/codex/\"");
        assertThat(html.indexOf("href=\"/helm/\"")).isLessThan(html.indexOf("href=\"/codex/\""));
        assertThat(html).containsPattern("side-panel__item--active\"><a class=\"side-panel__link\" href=\"/beacon/\"");
    }

    @Test
    void homeRedirectFollowsTheCodexPreferenceWithinTheUsersRights() {
        String[] tech = user("technicians");
        BACKEND.setPreferences(tech[2], Map.of("home_page", "beacon"));
        assertThat(loggedIn(tech).get("/").headers().firstValue("Location")).hasValue("/beacon/");

        String[] other = user("technicians");
        BACKEND.setPreferences(other[2], Map.of("home_page", "helm")); // admin-only: not for a technician
        assertThat(loggedIn(other).get("/").headers().firstValue("Location")).hasValue("/codex/");
    }

    @Test
    void jsonAndEventStreamsPassUntouchedAndUnbuffered() throws Exception {
        Browser browser = loggedIn("technicians");
        HttpResponse<String> json = browser.get("/codex/echo", "application/json");
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(JSON.readTree(json.body()).get("uri").asString()).isEqualTo("/echo");
        assertThat(json.body()).doesNotContain("hivematrix");

        // the backend sends one event and keeps the stream open: it must arrive before the stream ends
        HttpClient http = HttpClient.newBuilder().sslContext(Browser.trustAllContext()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(ORIGIN + "/codex/sse")).header("Accept", "text/event-stream")
                .header("Cookie", "HMSESSION=" + browser.cookies().get("HMSESSION")).build();
        HttpResponse<java.io.InputStream> stream = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(20, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(first).isEqualTo("data: first");
        }
    }

    @Test
    void publicDisplayPagesGetThePlatformLookButNoNavigation() {
        HttpResponse<String> page = new Browser(ORIGIN).get("/beacon/display/page");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-theme=\"light\" data-color-theme=\"purple\"", "/static/css/global.css?v=");
        assertThat(page.body()).doesNotContain("id=\"side-panel\"").doesNotContain("href=\"/logout\"").doesNotContain("href=\"/helm/\"")
                .doesNotContain("csrf-token");
    }

    @Test
    void styleGuideNeedsLoginAndShowsEveryComponent() {
        HttpResponse<String> anonymous = new Browser(ORIGIN).get("/nexus/style-guide");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?next=%2Fnexus%2Fstyle-guide");

        HttpResponse<String> page = loggedIn("technicians").get("/nexus/style-guide");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"side-panel\"", "/static/css/global.css?v=", "HiveMatrix style guide");
        for (String component : new String[] {"card", "btn btn--primary", "btn--danger", "badge", "table", "field__input",
                "field__select", "modal__dialog", "toast", "pagination", "tabs__tab", "breadcrumbs", "empty-state", "skeleton",
                "alert alert--warning", "sla-breached", "status-dot"}) {
            assertThat(page.body()).as(component).containsPattern("class=\"([^\"]* )?" + java.util.regex.Pattern.quote(component) + "[\" ]");
        }
        for (String theme : Theme.COLORS) {
            assertThat(page.body()).contains("data-color-theme=\"" + theme + "\"");
        }
        assertThat(page.body()).doesNotContain("{{icon:");
    }

    @Test
    void platformStylesheetsAreServedWithEveryThemeAndNoCdn() {
        Browser browser = new Browser(ORIGIN);
        HttpResponse<String> global = browser.get("/static/css/global.css?v=1", "text/css");
        assertThat(global.statusCode()).isEqualTo(200);
        assertThat(global.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(global.body()).contains("[data-theme=\"dark\"]", "--accent:", ".sla-breached", ".skeleton", ".modal__dialog");
        for (String theme : Theme.COLORS) {
            if (!theme.equals("purple")) {
                assertThat(global.body()).contains("[data-color-theme=\"" + theme + "\"]");
            }
        }
        HttpResponse<String> panel = browser.get("/static/css/side-panel.css", "text/css");
        assertThat(panel.body()).contains("200px", "76px", "64px", "html.sidebar-collapsed", "max-width: 767.98px");
        assertThat(global.body() + panel.body()).doesNotContain("http://").doesNotContain("https://").doesNotContain("@import");
        assertThat(browser.get("/static/js/side-panel.js", "*/*").body()).contains("sidebar-collapsed", "/api/invalidate-cache");
        assertThat(browser.get("/static/js/logged-out.js", "*/*").statusCode()).isEqualTo(200);
    }
}
