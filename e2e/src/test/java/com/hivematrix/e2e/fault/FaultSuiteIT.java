package com.hivematrix.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.hivematrix.e2e.support.HelmPlatform;
import com.hivematrix.e2e.support.TcpGate;
import com.hivematrix.shared.testsupport.RepoRoot;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;

/**
 * The fault suite (issue 10 §3) on a Helm-supervised platform with its own PostgreSQL and Redis
 * (never the machine's, which other runs share). Each scenario measures its outcome and appends it
 * to e2e/target/reliability/fault-suite.md, the source of docs/RELIABILITY.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final int BASE = Integer.getInteger("hivematrix.fault.base-port", 22100);
    static final Path REPORT = RepoRoot.get().resolve("e2e/target/reliability/fault-suite.md");
    static final Duration DOWN_FOR = Duration.ofSeconds(60);
    static HelmPlatform platform;
    static String origin;
    static String cookie;
    static String[] user;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, "# Fault suite run " + java.time.Instant.now() + "\n\n");
        platform = new HelmPlatform(BASE, 1, 1, true, true, Map.of());
        origin = HelmPlatform.origin(platform.nexusPorts.get(0));
        // billing too: Ledger's API (in the kill list) is for billing users
        user = platform.keycloak.createUserInGroups("technicians", "billing");
        try (Playwright playwright = playwright(); Browser browser = chromium(playwright)) {
            cookie = logIn(browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)).newPage());
        }
    }

    private static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    private static Browser chromium(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getenv().getOrDefault("HIVEMATRIX_CHROMIUM", "/usr/bin/chromium")))
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
    }

    /** Keycloak's login form through Nexus, as a user signs in; returns the session cookie ("HMSESSION=..."). */
    private static String logIn(Page page) {
        page.navigate(origin + "/codex/");
        page.waitForSelector("#username");
        page.fill("#username", user[0]);
        page.fill("#password", user[1]);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(origin + "/codex/"));
        return page.context().cookies().stream().filter(c -> c.name.equals("HMSESSION")).map(c -> c.name + "=" + c.value)
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie after login"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * The services killed, each with the request its load makes through Nexus: the killed service's own
     * API where it has one (Core and Nexus are on the path of every request, Codex's stands for them).
     */
    static final List<Map.Entry<String, String>> KILLED = List.of(
            Map.entry("codex", "/codex/api/companies"),
            Map.entry("core", "/codex/api/companies"),
            Map.entry("nexus", "/codex/api/companies"),
            Map.entry("ledger", "/ledger/archive/api/scheduler/config"),
            Map.entry("beacon", "/beacon/api/tickets/helpdesk"));

    @Test
    @Order(1)
    void killNineEachServiceUnderLightLoadIsRestartedByHelm() throws IOException {
        report("## kill -9 each service under light load\n\nLoad: one GET through Nexus with a browser "
                + "session every 250 ms, on the request shown. Time from SIGKILL to Helm reporting the new process healthy, and to the first "
                + "successful request through Nexus afterwards.\n\n| service | load | healthy again after | first good request after | "
                + "failed requests / total from kill to that request |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, String> killed : KILLED) {
            String name = killed.getKey();
            String probe = origin + killed.getValue();
            HelmPlatform.Proc before = platform.processes().get(name);
            try (Load load = new Load(name, 250, () -> status(probe))) {
                await("load running").atMost(Duration.ofSeconds(30)).until(() -> load.outcomes().stream().anyMatch(Load.Outcome::ok));
                long killedAt = System.currentTimeMillis();
                ProcessHandle.of(before.pid()).ifPresent(ProcessHandle::destroyForcibly);
                await(name + " restarted by Helm").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
                    HelmPlatform.Proc p = platform.processes().get(name);
                    return "running".equals(p.state()) && p.pid() != null && !p.pid().equals(before.pid());
                });
                long healthyAt = System.currentTimeMillis();
                await(name + ": requests succeed again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                        .until(() -> load.outcomes().stream().anyMatch(o -> o.atMillis() > healthyAt && o.ok()));
                long goodAt = load.outcomes().stream().filter(o -> o.atMillis() > healthyAt && o.ok()).mapToLong(Load.Outcome::atMillis)
                        .min().orElseThrow();
                List<Load.Outcome> window = load.outcomes().stream().filter(o -> o.atMillis() >= killedAt && o.atMillis() <= goodAt).toList();
                report(String.format("| %s | `GET %s` | %.1f s | %.1f s | %d / %d (%s) |%n", name, killed.getValue(), (healthyAt - killedAt) / 1000.0,
                        (goodAt - killedAt) / 1000.0, window.stream().filter(o -> !o.ok()).count(), window.size(), histogram(window)));
                assertThat(platform.processes().get(name).restarts()).isGreaterThan(before.restarts());
            }
            assertThat(status(probe)).as("the session survives a restart of " + name).isEqualTo(200);
        }
        report("\n");
    }

    @Test
    @Order(2)
    void redisRestartLogsNobodyOut() throws IOException {
        try (Load load = new Load("redis", 250, () -> status(origin + "/codex/api/companies"))) {
            await("load running").atMost(Duration.ofSeconds(30)).until(() -> load.outcomes().stream().anyMatch(Load.Outcome::ok));
            long killedAt = System.currentTimeMillis();
            platform.redis.kill();
            await("requests while Redis is down").atMost(Duration.ofSeconds(30))
                    .until(() -> load.outcomes().stream().filter(o -> o.atMillis() > killedAt).count() >= 8);
            platform.redis.start();
            long upAt = System.currentTimeMillis();
            await("a request with the old session succeeds again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> load.outcomes().stream().anyMatch(o -> o.atMillis() > upAt && o.ok()));
            List<Load.Outcome> window = load.outcomes().stream().filter(o -> o.atMillis() >= killedAt).toList();
            long goodAt = window.stream().filter(o -> o.atMillis() > upAt && o.ok()).mapToLong(Load.Outcome::atMillis).min().orElseThrow();
            report(String.format("## Redis kill -9 and restart (append-only file, fsync always)%n%n"
                    + "Load as above; Redis kept down until 8 requests had been made, then started again: back after %.1f s; the session from before answers 200 again %.1f s after the kill; "
                    + "%d of %d requests in the window failed (%s). The same browser session stays logged in.%n%n",
                    (upAt - killedAt) / 1000.0, (goodAt - killedAt) / 1000.0, window.stream().filter(o -> !o.ok()).count(), window.size(),
                    histogram(window)));
            assertThat(window).as("while Redis is down: 503, never a 500 or a login page").allMatch(o -> o.ok() || o.status() == 503);
        }
        assertThat(status(origin + "/codex/api/companies")).isEqualTo(200);
    }

    @Test
    @Order(3)
    void postgresRestartDuringWritesLosesNoAcknowledgedWrite() throws Exception {
        String acct = "FAULT-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection db = DriverManager.getConnection(platform.postgres.jdbcUrl("codex"), "postgres", "")) {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO companies (account_number, name) VALUES (?, ?)")) {
                insert.setString(1, acct);
                insert.setString(2, "Fault suite company");
                insert.executeUpdate();
            }
        }
        String token = platform.keycloak.passwordGrant(user[0], user[1]);
        long codexPid = platform.processes().get("codex").pid();
        AtomicInteger attempts = new AtomicInteger();
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        long stoppedAt;
        long startedAt;
        List<Load.Outcome> all;
        try (Load writes = new Load("writes", 100, () -> {
            int n = attempts.incrementAndGet();
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(origin + "/codex/companies/" + acct + "/locations"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"fault-" + n + "\", \"address\": \"1 Loopback Way\"}")));
            if (r != null && r.statusCode() >= 500) {
                problems.add(r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + " " + r.body());
            }
            return r == null ? -1 : r.statusCode();
        })) {
            await("writes acknowledged").atMost(Duration.ofSeconds(60)).until(() -> writes.outcomes().stream().filter(Load.Outcome::ok).count() >= 5);
            stoppedAt = System.currentTimeMillis();
            platform.postgres.stop("fast");
            await("writes refused while the database is down").atMost(Duration.ofMinutes(1))
                    .until(() -> writes.outcomes().stream().filter(o -> o.atMillis() > stoppedAt && !o.ok()).count() >= 3);
            platform.postgres.start();
            startedAt = System.currentTimeMillis();
            await("writes acknowledged again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> writes.outcomes().stream().filter(o -> o.atMillis() > startedAt && o.ok()).count() >= 5);
            all = writes.outcomes();
        }
        long acknowledged = all.stream().filter(Load.Outcome::ok).count();
        long stored;
        try (Connection db = DriverManager.getConnection(platform.postgres.jdbcUrl("codex"), "postgres", "");
                PreparedStatement q = db.prepareStatement("SELECT count(*) FROM locations WHERE company_account_number = ?")) {
            q.setString(1, acct);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                stored = rs.getLong(1);
            }
        }
        List<Load.Outcome> gap = all.stream().filter(o -> o.atMillis() > stoppedAt && !o.ok()).toList();
        long firstGoodAfter = all.stream().filter(o -> o.atMillis() > startedAt && o.ok()).mapToLong(Load.Outcome::atMillis).min().orElseThrow();
        report(String.format("## PostgreSQL restart during writes%n%n"
                + "`POST /codex/companies/{acct}/locations` through Nexus (API client token) every 100 ms; PostgreSQL stopped "
                + "(`pg_ctl stop -m fast`) and started again once writes were being refused. %d writes attempted, %d acknowledged, "
                + "%d rows stored (acknowledged writes lost: %d). During the gap: %s. Writes acknowledged again %.1f s after "
                + "PostgreSQL was started; Codex was not restarted (same pid).%n%n",
                all.size(), acknowledged, stored, Math.max(0, acknowledged - stored), histogram(gap), (firstGoodAfter - startedAt) / 1000.0));
        assertThat(stored).as("no acknowledged write lost").isGreaterThanOrEqualTo(acknowledged);
        assertThat(stored).isLessThanOrEqualTo(all.size());
        assertThat(gap).isNotEmpty().allMatch(o -> o.status() == 503);
        assertThat(problems).allMatch(p -> p.startsWith("503 application/problem+json"));
        assertThat(platform.processes().get("codex").pid()).isEqualTo(codexPid);
    }

    @Test
    @Order(4)
    void logsWrittenWhileHelmIsDownAreAllStoredWhenItReturns() throws Exception {
        int lines = 20_000;
        String run = "helmdown-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String codex = "http://127.0.0.1:" + platform.codexPorts.get(0) + "/api/companies";
        long downAt = System.currentTimeMillis();
        platform.killHelm();
        // each request is one access line in Codex's log, carrying its correlation id
        // paced over the 60 s: line i is scheduled i/lines of the way through
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        for (int i = 0; i < lines; i++) {
            String correlationId = run + i;
            pool.schedule(() -> send(HttpRequest.newBuilder(URI.create(codex)).header("X-Correlation-ID", correlationId).GET()),
                    DOWN_FOR.toMillis() * i / lines, TimeUnit.MILLISECONDS);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        long restartAt = System.currentTimeMillis();
        platform.startHelm();
        long helmUpAt = System.currentTimeMillis();
        await("all " + lines + " lines in Helm's store").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                .until(() -> storedLines(run) >= lines);
        long allAt = System.currentTimeMillis();
        report(String.format("## Helm down while a service logs %d lines%n%n"
                + "Helm SIGKILLed; %d requests straight to Codex (each one access line with its own correlation id), paced "
                + "over %d s, finished after %.1f s; Helm was then started again and answered after %.1f s more, so it was "
                + "down %.1f s in all. All %d lines were in Helm's store %.1f s after it answered again "
                + "(distinct correlation ids counted: %d).%n%n",
                lines, lines, DOWN_FOR.toSeconds(), (restartAt - downAt) / 1000.0, (helmUpAt - restartAt) / 1000.0,
                (helmUpAt - downAt) / 1000.0, lines, (allAt - helmUpAt) / 1000.0, storedLines(run)));
        assertThat(storedLines(run)).isEqualTo(lines);
    }

    @Test
    @Order(5)
    void backupUnderLoadRestoresAConsistentSnapshot() throws Exception {
        String acct = "BACKUP-" + UUID.randomUUID().toString().substring(0, 8);
        execute(platform.postgres.jdbcUrl("codex"), "INSERT INTO companies (account_number, name) VALUES (?, 'Backup company')", acct);
        String token = platform.keycloak.passwordGrant(user[0], user[1]);
        long codexPid = platform.processes().get("codex").pid();
        AtomicInteger attempts = new AtomicInteger();
        Path out = Files.createTempDirectory("hm-backup");
        long ackedBefore;
        int attemptedBy;
        String archive;
        long backupStart;
        long backupEnd;
        try (Load writes = new Load("backup-writes", 50, () -> {
            int n = attempts.incrementAndGet();
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(origin + "/codex/companies/" + acct + "/locations"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"backup-" + n + "\", \"address\": \"2 Loopback Way\"}")));
            return r == null ? -1 : r.statusCode();
        })) {
            await("writes acknowledged").atMost(Duration.ofSeconds(60)).until(() -> writes.outcomes().stream().filter(Load.Outcome::ok).count() >= 10);
            ackedBefore = writes.outcomes().stream().filter(Load.Outcome::ok).count();
            backupStart = System.currentTimeMillis();
            archive = launcher("backup", "--db", "codex", "--out", out.toString()).lines().reduce((a, b) -> b).orElseThrow().trim();
            backupEnd = System.currentTimeMillis();
            attemptedBy = attempts.get();
            await("writes go on after the backup").atMost(Duration.ofSeconds(60))
                    .until(() -> writes.outcomes().stream().filter(o -> o.atMillis() > backupEnd && o.ok()).count() >= 5);
        }
        long liveBeforeRestore = count(acct);
        launcher("restore", archive, "--only", "codex");
        long restored = count(acct);
        await("Codex answers from the restored database without a restart").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(origin + "/codex/api/companies") == 200);
        report(String.format("## Backup under load, then restore%n%n"
                + "`deploy/hivematrix backup --db codex` while locations were written every 50 ms through Nexus (%.1f s for the "
                + "backup); %d writes acknowledged before it started, %d attempted by its end, %d rows before the restore. "
                + "`deploy/hivematrix restore … --only codex` (Codex running) brought back %d rows: one consistent snapshot "
                + "from within the backup's window, every location with its company (the foreign key held on import); "
                + "Codex served the restored database without a restart.%n%n",
                (backupEnd - backupStart) / 1000.0, ackedBefore, attemptedBy, liveBeforeRestore, restored));
        assertThat(restored).isBetween(ackedBefore, (long) attemptedBy);
        assertThat(restored).isLessThan(liveBeforeRestore);
        assertThat(platform.processes().get("codex").pid()).isEqualTo(codexPid);
    }

    @Test
    @Order(6)
    void keycloakDownKeepsSessionsWorkingAndTellsNewLoginsSignInIsUnavailable() throws IOException {
        TcpGate gate = platform.keycloakGate;
        assertThat(gate.accepted()).as("the platform reached Keycloak through the gate (login, JWKS)").isPositive();
        long shutAt;
        List<Load.Outcome> apiWhileDown;
        List<Load.Outcome> pagesWhileDown;
        int refusedStatus;
        String refusedPath;
        long refusedMillis;
        String refusedType;
        String refusedText;
        try {
            try (Playwright playwright = playwright(); Browser browser = chromium(playwright)) {
                try (Load api = new Load("keycloak-down-api", 250, () -> status(origin + "/codex/api/companies"));
                        Load pages = new Load("keycloak-down-pages", 1000, () -> pageStatus(origin + "/codex/"))) {
                    await("load running").atMost(Duration.ofSeconds(30))
                            .until(() -> api.outcomes().stream().anyMatch(Load.Outcome::ok) && pages.outcomes().stream().anyMatch(Load.Outcome::ok));
                    shutAt = System.currentTimeMillis();
                    gate.shut();
                    await("30 s of load with Keycloak unreachable").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                            .until(() -> api.outcomes().stream().anyMatch(o -> o.atMillis() - shutAt >= 30_000)
                                    && pages.outcomes().stream().anyMatch(o -> o.atMillis() - shutAt >= 30_000));
                    // a browser without a session, while the existing one is still under load
                    Page fresh = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)).newPage();
                    long start = System.nanoTime();
                    Response refused = fresh.navigate(origin + "/codex/");
                    refusedMillis = (System.nanoTime() - start) / 1_000_000;
                    refusedStatus = refused.status();
                    refusedPath = URI.create(refused.url()).getPath();
                    refusedType = refused.headerValue("content-type");
                    refusedText = fresh.innerText("body");
                    apiWhileDown = api.outcomes().stream().filter(o -> o.atMillis() > shutAt).toList();
                    pagesWhileDown = pages.outcomes().stream().filter(o -> o.atMillis() > shutAt).toList();
                }
                long reopenedAt = System.currentTimeMillis();
                gate.open();
                String newCookie = logIn(browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)).newPage());
                long loggedInAt = System.currentTimeMillis();
                report(String.format("## Keycloak unreachable (the platform's TCP gate to it shut)%n%n"
                        + "Every URL the platform uses for Keycloak (Core's JWKS, Nexus's token calls and `/keycloak` route, the registry "
                        + "entry) goes through a TCP gate; shutting it refuses new connections and cuts open ones, as a Keycloak "
                        + "outage does, while the shared test Keycloak keeps running. With the gate shut for %.1f s, the session "
                        + "from before answered `GET /codex/api/companies` every 250 ms (%s) and the page `/codex/` every second (%s). "
                        + "A new browser without a session opening `/codex/` got HTTP %d (%s) after %d ms on %s: \"%s\". "
                        + "Gate opened again: a new login through Keycloak's form succeeded %.1f s later.%n%n",
                        (reopenedAt - shutAt) / 1000.0, histogram(apiWhileDown), histogram(pagesWhileDown), refusedStatus, refusedType,
                        refusedMillis, refusedPath, refusedText.replaceAll("\\s+", " ").strip(),
                        (loggedInAt - reopenedAt) / 1000.0));
                assertThat(status(origin + "/codex/api/companies", newCookie)).as("the new session works").isEqualTo(200);
            }
        } finally {
            gate.open(); // a failure above must not leave the platform without Keycloak
        }
        assertThat(apiWhileDown).as("API calls of an existing session while Keycloak is away").isNotEmpty().allMatch(Load.Outcome::ok);
        assertThat(pagesWhileDown).as("page loads of an existing session while Keycloak is away").isNotEmpty().allMatch(Load.Outcome::ok);
        assertThat(refusedStatus).as("a clear error, not a 500").isIn(502, 503, 504);
        assertThat(refusedMillis).as("answered, not hung").isLessThan(10_000);
        assertThat(refusedType).startsWith("text/html");
        assertThat(refusedText).contains("Sign-in is unavailable").containsIgnoringCase("try again").doesNotContain("Exception");
    }

    private static String launcher(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(RepoRoot.get().resolve("deploy/hivematrix").toString()));
        command.addAll(List.of(args));
        Path log = RepoRoot.get().resolve("e2e/target/logs/launcher-" + args[0] + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().put("HIVEMATRIX_PG_PORT", Integer.toString(platform.postgres.port));
        builder.environment().put("HIVEMATRIX_BACKUP_DIR", platform.home.resolve("var/backups").toString());
        Process p = builder.start();
        String stdout = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("deploy/hivematrix " + String.join(" ", args) + " (stderr in " + log + "): " + stdout).isZero();
        return stdout;
    }

    private static long count(String acct) throws SQLException {
        try (Connection db = DriverManager.getConnection(platform.postgres.jdbcUrl("codex"), "postgres", "");
                PreparedStatement q = db.prepareStatement("SELECT count(*) FROM locations WHERE company_account_number = ?")) {
            q.setString(1, acct);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(String url, String sql, String param) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "postgres", ""); PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, param);
            st.executeUpdate();
        }
    }

    private static long storedLines(String run) throws SQLException {
        try (Connection db = DriverManager.getConnection(platform.postgres.jdbcUrl("helm"), "postgres", "");
                PreparedStatement q = db.prepareStatement(
                        "SELECT count(DISTINCT trace_id) FROM log_entries WHERE service_name = 'codex' AND trace_id LIKE ?")) {
            q.setString(1, run + "%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int status(String url) {
        return status(url, cookie);
    }

    private static int status(String url, String sessionCookie) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", sessionCookie).header("Accept", "application/json").GET());
        return r == null ? -1 : r.statusCode();
    }

    /** A page load as a browser makes it (Accept: text/html) with the session from the login. */
    private static int pageStatus(String url) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).header("Accept", "text/html").GET());
        return r == null ? -1 : r.statusCode();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return platform.http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** "503×4, -1×2": statuses seen, -1 for a refused or broken connection. */
    private static String histogram(List<Load.Outcome> outcomes) {
        Map<Integer, Long> counts = new TreeMap<>(outcomes.stream().collect(Collectors.groupingBy(Load.Outcome::status, Collectors.counting())));
        return counts.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void report(String markdown) throws IOException {
        System.out.print(markdown);
        Files.writeString(REPORT, markdown, StandardOpenOption.APPEND);
    }
}
