package com.hivematrix.e2e.replica;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.hivematrix.e2e.support.HelmPlatform;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;

/**
 * Statelessness on one machine (issue 10 §2): Helm runs two Nexus and two Codex replicas from one
 * registry entry each. A browser logs in through one Nexus and carries on through the other; Nexus
 * spreads Codex pages over both replicas and fails over when one dies; the scheduled sync runs once
 * (ShedLock); a session revoked through one Nexus is refused by both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaScenarioIT {

    static final int BASE = Integer.getInteger("hivematrix.replica.base-port", 22000);
    static HelmPlatform platform;
    static WireMockServer freshservice;
    static Playwright playwright;
    static Browser browser;
    static BrowserContext context;
    static String nexusA;
    static String nexusB;

    @BeforeAll
    static void start() {
        freshservice = new WireMockServer(options().port(BASE + 900).bindAddress("127.0.0.1"));
        freshservice.start();
        // Freshservice (third-party SaaS): every list empty, so a scheduled light-ticket sync has nothing to do
        freshservice.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"tickets\": [], \"departments\": [], \"requesters\": [], \"agents\": [], \"assets\": []}")));
        platform = new HelmPlatform(BASE, 2, 2, false, Map.of("SPRING_APPLICATION_JSON",
                "{\"codex\": {\"scheduler\": {\"initial-delay-ms\": 1000, \"tick-ms\": 2000, \"lock-at-least-for\": \"PT1S\"}}, "
                + "\"logging\": {\"level\": {\"net.javacrumbs.shedlock.core\": \"DEBUG\"}}}"));
        nexusA = HelmPlatform.origin(platform.nexusPorts.get(0));
        nexusB = HelmPlatform.origin(platform.nexusPorts.get(1));
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getenv().getOrDefault("HIVEMATRIX_CHROMIUM", "/usr/bin/chromium")))
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
        context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true).setViewportSize(1280, 900));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (freshservice != null) {
            freshservice.stop();
        }
    }

    @Test
    @Order(1)
    void helmSupervisesAndShowsEveryReplica() {
        Map<String, HelmPlatform.Proc> procs = platform.processes();
        assertThat(procs).containsKeys("core", "codex", "codex-2", "nexus", "nexus-2");
        assertThat(procs.get("codex").port()).isEqualTo(platform.codexPorts.get(0));
        assertThat(procs.get("codex-2").port()).isEqualTo(platform.codexPorts.get(1));
        assertThat(procs.get("nexus").port()).isEqualTo(platform.nexusPorts.get(0));
        assertThat(procs.get("nexus-2").port()).isEqualTo(platform.nexusPorts.get(1));
        assertThat(List.of("core", "codex", "codex-2", "nexus", "nexus-2"))
                .allMatch(name -> "running".equals(procs.get(name).state()) && procs.get(name).pid() != null);
        assertThat(procs.get("codex").pid()).isNotEqualTo(procs.get("codex-2").pid());
    }

    @Test
    @Order(2)
    void loggedInThroughOneNexusContinuesThroughTheOther() throws IOException {
        String[] user = platform.keycloak.createUser("technicians");
        Page page = context.newPage();
        page.navigate(nexusA + "/codex/");
        page.waitForSelector("#username");
        page.fill("#username", user[0]);
        page.fill("#password", user[1]);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(nexusA + "/codex/"));

        // the same browser on the other Nexus: the session is in Redis, so no login page
        page.navigate(nexusB + "/codex/");
        assertThat(page.url()).startsWith(nexusB + "/codex/");
        assertThat(page.locator("#side-panel").isVisible()).isTrue();

        // pages through each Nexus, all answered, reach both Codex replicas (their access lines name the path
        // with Nexus's /codex prefix; round robin over the instances whose health check passed: a replica
        // that just started joins the rotation at the next check, every 3 s)
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        await("both Codex replicas served a request").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            int i = sent.getAndIncrement();
            assertThat(get((i % 2 == 0 ? nexusA : nexusB) + "/codex/api/companies", session()).statusCode()).isEqualTo(200);
            return Files.readString(platform.processLog("codex")).contains("/api/companies -> 200")
                    && Files.readString(platform.processLog("codex-2")).contains("/api/companies -> 200");
        });
    }

    @Test
    @Order(3)
    void theScheduledSyncRunsOnExactlyOneReplica() throws SQLException {
        try (Connection db = DriverManager.getConnection(platform.postgres.jdbcUrl("codex"), "postgres", "")) {
            for (String[] s : List.of(new String[] {"psa.default_provider", "freshservice"},
                    new String[] {"freshservice.domain", "fs.example"}, new String[] {"freshservice.api_key", "e2e-key"},
                    new String[] {"freshservice.base_url", freshservice.baseUrl() + "/api/v2"},
                    new String[] {"freshservice.pacing_ms", "0"})) {
                try (PreparedStatement put = db.prepareStatement("INSERT INTO app_settings (key, value) VALUES (?, ?) "
                        + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")) {
                    put.setString(1, s[0]);
                    put.setString(2, s[1]);
                    put.executeUpdate();
                }
            }
            // both replicas tick every 2 s and ask ShedLock for the lock; whichever ticks first in a period keeps
            // winning (the lock is held at least 1 s), so the proof that the other competed is its refusal in its log
            await("a light-ticket sync started, and both replicas asked for the scheduler's lock").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        String a = Files.readString(platform.processLog("codex"));
                        String b = Files.readString(platform.processLog("codex-2"));
                        return count(db) >= 1 && askedForLock(a) && askedForLock(b)
                                && (a + b).contains(LOCKED) && (a + b).contains(REFUSED);
                    });
            String holder = query(db, "SELECT locked_by FROM shedlock WHERE name = 'codex-sync-scheduler'");
            assertThat(holder).matches(h -> h.endsWith(":" + platform.codexPorts.get(0)) || h.endsWith(":" + platform.codexPorts.get(1)));
            assertThat(count(db)).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void aRevokedSessionIsRefusedByBothNexus() {
        String cookie = session();
        assertThat(get(nexusB + "/codex/api/companies", cookie).statusCode()).isEqualTo(200);
        Page page = context.pages().get(0);
        // logout runs Core's revocation and Keycloak's end-session: slow on a busy machine
        page.navigate(nexusA + "/logout", new Page.NavigateOptions().setTimeout(120_000));
        page.waitForURL(nexusA + "/logged-out", new Page.WaitForURLOptions().setTimeout(120_000));
        for (String nexus : List.of(nexusA, nexusB)) {
            HttpResponse<String> r = get(nexus + "/codex/api/companies", cookie);
            assertThat(r.statusCode()).as(nexus).isIn(401, 302, 303);
            assertThat(r.body()).doesNotContain("account_number");
        }
    }

    @Test
    @Order(5)
    void nexusFailsOverWhenACodexReplicaDies() {
        String[] user = platform.keycloak.createUser("technicians");
        Page page = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)).newPage();
        page.navigate(nexusB + "/codex/");
        page.waitForSelector("#username");
        page.fill("#username", user[0]);
        page.fill("#password", user[1]);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(nexusB + "/codex/"));
        String cookie = page.context().cookies().stream().filter(c -> c.name.equals("HMSESSION")).map(c -> c.name + "=" + c.value)
                .findFirst().orElseThrow();

        long pid = platform.processes().get("codex-2").pid();
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        // every request right after the crash is answered: a refused connection is retried on the live replica
        for (int i = 0; i < 10; i++) {
            assertThat(get((i % 2 == 0 ? nexusA : nexusB) + "/codex/api/companies", cookie).statusCode()).isEqualTo(200);
        }
        await("Helm restarts codex-2").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HelmPlatform.Proc p = platform.processes().get("codex-2");
            return "running".equals(p.state()) && p.pid() != null && p.pid() != pid;
        });
    }

    private static String session() {
        return context.cookies().stream().filter(c -> c.name.equals("HMSESSION")).map(ReplicaScenarioIT::header)
                .findFirst().orElseThrow(() -> new AssertionError("no HMSESSION cookie after login"));
    }

    private static String header(Cookie c) {
        return c.name + "=" + c.value;
    }

    private static HttpResponse<String> get(String url, String cookie) {
        try {
            return platform.http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static final String LOCKED = "Locked 'codex-sync-scheduler'";
    private static final String REFUSED = "Not executing 'codex-sync-scheduler'. It's locked.";

    private static boolean askedForLock(String log) {
        return log.contains(LOCKED) || log.contains(REFUSED);
    }

    private static long count(Connection db) throws SQLException {
        return Long.parseLong(query(db, "SELECT count(*) FROM sync_jobs WHERE kind = 'psa-tickets-light'"));
    }

    private static String query(Connection db, String sql) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
