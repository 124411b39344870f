package com.hivematrix.beacon;

import static com.hivematrix.beacon.support.TestPlatform.ADMIN;
import static com.hivematrix.beacon.support.TestPlatform.BILLING;
import static com.hivematrix.beacon.support.TestPlatform.CLIENT;
import static com.hivematrix.beacon.support.TestPlatform.TECH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.beacon.board.CodexFeed;
import com.hivematrix.beacon.support.CodexPeer;
import com.hivematrix.beacon.support.Http;
import com.hivematrix.beacon.support.TestPlatform;

import tools.jackson.databind.JsonNode;

/**
 * Beacon against a loopback peer speaking Codex's documented contracts: view split, agent
 * filter, permissions of the dashboard vs the public TV display, the user's token on syncs, the
 * Codex-down banner and recovery, redirects inside the /beacon prefix.
 */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hivematrix.logs.ship-to-helm=false", "hivematrix.service-secret=test-secret", "beacon.feed-cache-ttl=0s"})
class BoardWebTest {

    static final long PS = 19000234009L;
    static final long HD = 19000234001L;
    static final CodexPeer CODEX = new CodexPeer();

    @LocalServerPort
    int port;
    Http http;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.security.jwks-uri", TestPlatform.ISSUER::jwksUri);
        registry.add("hivematrix.registry-file", () -> TestPlatform.registry(CODEX.url()).toString());
    }

    @BeforeEach
    void tickets() {
        http = new Http("http://127.0.0.1:" + port);
        CODEX.clear();
        CODEX.lastSyncTime("2025-06-10T11:55:00Z");
        CODEX.add(1, 1, PS, null, "high", "3.0 hours for FR", "sla-critical");
        CODEX.add(1, 2, HD, 1001L, "medium", "FR Overdue by 2.5 hours", "sla-overdue");
        CODEX.add(2, 3, null, 1002L, "low", "Customer Replied (2h ago)", "sla-warning");
        CODEX.add(3, 4, PS, 1001L, "urgent", "Update Overdue (Open, 31m ago)", "sla-critical");
        CODEX.add(4, 5, HD, 1002L, "low", "On Hold (3h ago)", "sla-none");
    }

    @Test
    void helpdeskIsEverythingButTheProfessionalServicesGroup() {
        JsonNode hd = http.get("/api/tickets/helpdesk", TECH).json();
        assertThat(ids(hd, 1)).containsExactly(2L);
        assertThat(ids(hd, 2)).containsExactly(3L);
        assertThat(ids(hd, 3)).isEmpty();
        assertThat(ids(hd, 4)).containsExactly(5L);
        assertThat(hd.path("total_active_items").asInt()).isEqualTo(3);
        assertThat(hd.path("view").asString()).isEqualTo("Helpdesk");
        assertThat(hd.path("section1_name_js").asString()).isEqualTo("Open Helpdesk Tickets");
        assertThat(hd.path("section2_name_js").asString()).isEqualTo("Customer Replied");
        assertThat(hd.path("section3_name_js").asString()).isEqualTo("Needs Agent / Update Overdue");
        assertThat(hd.path("section4_name_js").asString()).isEqualTo("Other Active Helpdesk Tickets");
        assertThat(hd.path("dashboard_generated_time_iso").asString()).isEqualTo("2025-06-10T11:55:00Z");
        assertThat(hd.path("error").isNull()).isTrue();

        JsonNode ps = http.get("/api/tickets/professional-services", ADMIN).json();
        assertThat(ids(ps, 1)).containsExactly(1L);
        assertThat(ids(ps, 2)).isEmpty();
        assertThat(ids(ps, 3)).containsExactly(4L);
        assertThat(ids(ps, 4)).isEmpty();
        assertThat(ps.path("total_active_items").asInt()).isEqualTo(2);
        assertThat(ps.path("view").asString()).isEqualTo("Professional Services");
        assertThat(ps.path("section4_name_js").asString()).isEqualTo("Other Active Professional Services Tickets");
        // Staff get Codex's item as is, plus the badge and the FR due hint.
        JsonNode item = ps.path("s1_items").get(0);
        assertThat(item.path("description_text").asString()).isEqualTo("secret description 1");
        assertThat(item.path("priority_badge_class").asString()).isEqualTo("badge badge--warning priority-badge--high");
        assertThat(item.path("sla_due_label").asString()).isEqualTo("FR Due");
        assertThat(item.path("sla_due_iso").asString()).isEqualTo("2025-06-10T14:00:00Z");
    }

    @Test
    void agentFilterKeepsOnlyThatResponder() {
        JsonNode hd = http.get("/api/tickets/helpdesk?agent_id=1002", TECH).json();
        assertThat(ids(hd, 1)).isEmpty();
        assertThat(ids(hd, 2)).containsExactly(3L);
        assertThat(ids(hd, 4)).containsExactly(5L);
        assertThat(hd.path("total_active_items").asInt()).isEqualTo(2);
        JsonNode ps = http.get("/api/tickets/professional-services?agent_id=1001", TECH).json();
        assertThat(ids(ps, 1)).isEmpty();
        assertThat(ids(ps, 3)).containsExactly(4L);
        JsonNode tv = http.get("/display/api/tickets/helpdesk?agent_id=1001", null).json();
        assertThat(ids(tv, 1)).containsExactly(2L);
        assertThat(tv.path("total_active_items").asInt()).isEqualTo(1);
        assertThat(http.get("/api/tickets/helpdesk?agent_id=abc", TECH).status()).isEqualTo(400);
    }

    @Test
    void noLastSyncTimeMeansNow() {
        CODEX.lastSyncTime(null);
        String generated = http.get("/api/tickets/helpdesk", TECH).json().path("dashboard_generated_time_iso").asString();
        assertThat(java.time.Instant.parse(generated)).isCloseTo(java.time.Instant.now(), org.assertj.core.api.Assertions.within(
                Duration.ofMinutes(1)));
    }

    @Test
    void dashboardAndApiNeedATechnicianOrAdmin() {
        for (String path : List.of("/", "/helpdesk", "/professional-services", "/api/tickets/helpdesk", "/api/sync/status/job-1")) {
            assertThat(http.get(path, null).status()).as(path).isEqualTo(401);
            assertThat(http.get(path, CLIENT).status()).as(path).isEqualTo(403);
            assertThat(http.get(path, BILLING).status()).as(path).isEqualTo(403);
        }
        assertThat(http.post("/api/sync/tickets", null).status()).isEqualTo(401);
        assertThat(http.get("/helpdesk", TECH).status()).isEqualTo(200);
        assertThat(http.get("/professional-services", ADMIN).status()).isEqualTo(200);
        assertThat(http.get("/api/tickets/helpdesk", TECH).status()).isEqualTo(200);
        assertThat(http.get("/", TECH).status()).isEqualTo(302);
        // A service token is not a person at a dashboard.
        assertThat(http.get("/api/tickets/helpdesk", TestPlatform.ISSUER.serviceToken("nexus", "beacon")).status()).isEqualTo(403);
    }

    @Test
    void tvDisplayIsPublicAndShowsOnlyWhatTheBoardShows() {
        assertThat(http.get("/display/helpdesk", null).status()).isEqualTo(200);
        assertThat(http.get("/display/professional-services?agent_id=1001", null).status()).isEqualTo(200);
        assertThat(http.get("/static/beacon/board.js", null).status()).isEqualTo(200);
        assertThat(http.get("/static/beacon/board.css", null).status()).isEqualTo(200);
        assertThat(http.get("/health", null).status()).isIn(200, 503);
        // A stray or bogus bearer on a public path does not turn it into a 401.
        assertThat(http.get("/display/helpdesk", "garbage").status()).isEqualTo(200);

        Http.Response feed = http.get("/display/api/tickets/professional-services", null);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Cache-Control")).contains("no-store");
        JsonNode item = feed.json().path("s1_items").get(0);
        List<String> fields = new ArrayList<>();
        item.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("id", "subject", "requester_name", "agent_name", "priority_raw", "priority_text",
                "status_text", "sla_text", "sla_class", "updated_friendly", "created_days_old", "updated_at_str", "created_at_str",
                "ticket_url", "priority_badge_class", "sla_due_label", "sla_due_iso");
        assertThat(feed.body()).doesNotContain("secret description", "requester1@client.example", "100001", String.valueOf(PS));

        // Nothing else is public: neighbours of the public paths still need a login.
        for (String path : List.of("/display/api/tickets/helpdesk/extra", "/api/tickets/helpdesk", "/display-x", "/static-x/y")) {
            assertThat(http.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(401);
    }

    @Test
    void unknownViewIs404Everywhere() {
        Http.Response api = http.get("/api/tickets/nope", TECH);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().path("error").asString()).isEqualTo("Unsupported view: nope");
        assertThat(http.get("/display/api/tickets/nope", null).status()).isEqualTo(404);
        assertThat(http.get("/display/nope", null).status()).isEqualTo(404);
        assertThat(http.get("/nope", TECH).status()).isEqualTo(404);
    }

    @Test
    void redirectsAndLinksStayInsideTheNexusPrefix() {
        Map<String, String> viaNexus = Map.of("X-Forwarded-Prefix", "/beacon", "X-Forwarded-Host", "localhost:8443",
                "X-Forwarded-Proto", "https");
        Http.Response display = http.get("/display", null, viaNexus);
        assertThat(display.status()).isEqualTo(302);
        assertThat(display.header("Location")).endsWith("/beacon/display/helpdesk");
        Http.Response home = http.get("/", TECH, viaNexus);
        assertThat(home.header("Location")).endsWith("/beacon/helpdesk");

        String page = http.get("/helpdesk?agent_id=1002", TECH, viaNexus).body();
        assertThat(page).contains("/beacon/static/beacon/board.css", "/beacon/static/beacon/board.js",
                "data-feed-url=\"/beacon/api/tickets/helpdesk?agent_id=1002\"", "data-sync-url=\"/beacon/api/sync/tickets\"",
                "href=\"/beacon/professional-services\"",
                // sync progress comes straight from Codex's event stream, through Nexus, as this user
                "data-sync-stream-url=\"/codex/sync/status/\"");
        String tv = http.get("/display/helpdesk", null, viaNexus).body();
        assertThat(tv).contains("data-feed-url=\"/beacon/display/api/tickets/helpdesk\"");
        assertThat(tv).doesNotContain("data-sync-stream-url", "data-sync-url");
    }

    @Test
    void dashboardPageDrawsTheFourSections() {
        String page = http.get("/helpdesk", TECH).body();
        assertThat(page).contains("Beacon - Ticket Dashboard", "Open Helpdesk Tickets", "Customer Replied", "Needs Agent / Update Overdue",
                "Other Active Helpdesk Tickets", "Ticket 2", "FR Overdue by 2.5 hours", "class=\"sla-overdue\"",
                "badge badge--info priority-badge--medium", "Requester 3", "Agent 1002", "1 day old",
                "<time id=\"beacon-last-sync\" datetime=\"2025-06-10T11:55:00Z\"", "Filter by Agent", "Alice Agent", "Sync Tickets", "Refresh");
        assertThat(page).doesNotContain("Gone Agent", "global.css", "Ticket 1<");
        assertThat(page).contains("class=\"beacon-counter__value count-normal\"");

        String tv = http.get("/display/helpdesk", null).body();
        assertThat(tv).contains("Helpdesk (TV Display)", "beacon--display", "Ticket 2", "FR Overdue by 2.5 hours");
        assertThat(tv).doesNotContain("Sync Tickets", "Filter by Agent", "Refresh", "secret description", "<footer");
    }

    @Test
    void totalActiveAlarmLevels() {
        CODEX.clear();
        for (int i = 0; i < 120; i++) {
            CODEX.add(4, 100 + i, HD, null, "low", "On Hold (1h ago)", "sla-none");
        }
        JsonNode board = http.get("/api/tickets/helpdesk", TECH).json();
        assertThat(board.path("total_active_items").asInt()).isEqualTo(120);
        assertThat(board.path("alarm_class").asString()).isEqualTo("count-emergency");
        assertThat(http.get("/display/helpdesk", null).body()).contains("count-emergency");
    }

    @Test
    void syncRunsWithTheUsersOwnToken() {
        Http.Response started = http.post("/api/sync/tickets", TECH);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().path("job_id").asString()).isEqualTo("job-1");
        assertThat(CODEX.syncAuthorizations).containsExactly("Bearer " + TECH);

        Http.Response status = http.get("/api/sync/status/job-1", TECH);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("processed").asInt()).isEqualTo(3);
        Http.Response missing = http.get("/api/sync/status/nope", ADMIN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asString()).isEqualTo("Job not found");
    }

    @Test
    void clientLevelUsersCannotTriggerSyncs() {
        Http.Response client = http.post("/api/sync/tickets", CLIENT);
        assertThat(client.status()).isEqualTo(403);
        assertThat(CODEX.syncAuthorizations).isEmpty();

        // Codex refusing the user is reported in the original's words.
        CODEX.refuseSync(true);
        Http.Response refused = http.post("/api/sync/tickets", TECH);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("success").asBoolean()).isFalse();
        assertThat(refused.json().path("error").asString()).isEqualTo("Permission denied. Technician or admin access required.");
        assertThat(CODEX.syncAuthorizations).containsExactly("Bearer " + TECH);
    }

    @Test
    void codexDownShowsTheBannerKeepsTheLastDataAndRecovers() {
        JsonNode before = http.get("/api/tickets/helpdesk", TECH).json();
        assertThat(before.path("error").isNull()).isTrue();

        CODEX.up(false);
        JsonNode down = http.get("/api/tickets/helpdesk", TECH).json();
        assertThat(down.path("error").asString()).isEqualTo(CodexFeed.UNAVAILABLE)
                .isEqualTo("Unable to fetch tickets from Codex. The service may be unavailable.");
        assertThat(ids(down, 1)).containsExactly(2L);
        assertThat(down.path("total_active_items").asInt()).isEqualTo(3);
        assertThat(down.path("data_fetched_at").isString()).isTrue();
        assertThat(down.path("data_age_seconds").asLong()).isGreaterThanOrEqualTo(0);
        String tv = http.get("/display/helpdesk", null).body();
        assertThat(tv).contains("Unable to fetch tickets from Codex. The service may be unavailable.", "Showing data from", "Ticket 2");
        assertThat(tv).doesNotContain("id=\"beacon-error\" class=\"alert alert--error\" role=\"alert\" hidden");
        JsonNode publicFeed = http.get("/display/api/tickets/helpdesk", null).json();
        assertThat(publicFeed.path("error").asString()).isEqualTo(CodexFeed.UNAVAILABLE);

        CODEX.up(true);
        CODEX.add(1, 6, HD, null, "urgent", "30 min for FR", "sla-critical");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode back = http.get("/api/tickets/helpdesk", TECH).json();
            assertThat(back.path("error").isNull()).isTrue();
            assertThat(ids(back, 1)).contains(6L);
        });
        assertThat(http.get("/display/helpdesk", null).body()).contains("id=\"beacon-error\" class=\"alert alert--error\" role=\"alert\" hidden");
    }

    @Test
    void healthNamesCoreAndCodex() {
        JsonNode health = http.get("/health", null).json();
        assertThat(health.path("service").asString()).isEqualTo("beacon");
        assertThat(health.path("checks").path("dependencies").path("core").path("status").asString()).isEqualTo("healthy");
        assertThat(health.path("checks").path("dependencies").has("codex")).isTrue();
    }

    private static List<Long> ids(JsonNode board, int section) {
        List<Long> ids = new ArrayList<>();
        board.path("s" + section + "_items").forEach(t -> ids.add(t.path("id").asLong()));
        return ids;
    }
}
