// Codex benchmark: run through bench/codex/run.sh (it builds the jar, finds the PostgreSQL driver and
// holds the benchmark lock). Single-file program: JDK + the PostgreSQL driver; load by wrk.
//
// 1. Starts a stand-in for Core of its own (JWKS + session check) and signs a technician user
//    token and a beacon/ledger service token as Core would.
// 2. Launches codex/target/codex.jar on 127.0.0.1:15010 against database codex_bench (Flyway
//    migrates it; the scheduler is off).
// 3. Seeds 2,000 companies, 40,000 contacts, 100,000 assets, 2,000 locations, 20 PSA agents and
//    500,000 tickets over two years server-side (INSERT ... SELECT generate_series), unless already
//    there (--regenerate forces it).
// 4. wrk on the search and active-ticket endpoints (1 connection, then --connections), then times
//    the streamed bulk export.
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;

public class CodexBench {

    static final String PG = System.getenv().getOrDefault("HIVEMATRIX_PG_BASE", "jdbc:postgresql://127.0.0.1:5432/");
    static final int PORT = 15010;

    public static void main(String[] args) throws Exception {
        boolean regenerate = Arrays.asList(args).contains("--regenerate");
        boolean beaconOnly = Arrays.asList(args).contains("--beacon");
        boolean ticketSync = Arrays.asList(args).contains("--ticket-sync");
        int syncTickets = intArg(args, "--tickets", 500_000);
        int seconds = intArg(args, "--seconds", 20);
        int connections = intArg(args, "--connections", 8);
        Path home = Path.of("").toAbsolutePath();

        KeyPair kp = KeyPairGenerator.getInstance("RSA").genKeyPair();
        HttpServer core = fakeCore(kp);
        String coreUrl = "http://127.0.0.1:" + core.getAddress().getPort();
        Path registry = Files.createTempFile("codex-bench-services", ".json");
        Files.writeString(registry, Files.readString(home.resolve("codex/src/test/resources/test-services.json"))
                .replace("\"url\": \"http://127.0.0.1:5000\"", "\"url\": \"" + coreUrl + "\""));
        String tech = userToken(kp, "technician");
        String beacon = serviceToken(kp, "beacon");
        String ledger = serviceToken(kp, "ledger");

        HttpServer freshservice = ticketSync ? fakeFreshservice(syncTickets) : null;
        Process codex = new ProcessBuilder("java", "-Xmx1g", "-jar", home.resolve("codex/target/codex.jar").toString(),
                "--server.port=" + PORT, "--hivematrix.home=" + home,
                "--spring.datasource.url=" + PG + (ticketSync ? "codex_bench_sync" : "codex_bench"),
                "--hivematrix.registry-file=" + registry, "--hivematrix.security.jwks-uri=" + coreUrl + "/.well-known/jwks.json",
                "--hivematrix.logs.ship-to-helm=false", "--codex.scheduler.enabled=false", "--logging.level.root=WARN",
                "--codex.freshservice.base-url=" + (freshservice == null ? "" : "http://127.0.0.1:" + freshservice.getAddress().getPort() + "/api/v2"))
                .redirectErrorStream(true).redirectOutput(home.resolve("codex/target/codex-bench.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            waitUp(http);
            if (ticketSync) {
                ticketSync(http, userToken(kp, "admin"), serviceToken(kp, "beacon"), syncTickets);
                return;
            }
            seed(regenerate);
            System.out.println(counts());
            if (beaconOnly) {
                beacon(http, home, registry, coreUrl, tech, seconds, connections);
                return;
            }
            String url = "http://127.0.0.1:" + PORT;
            List<String[]> runs = List.of(
                    new String[] {tech, "/companies/api/search?per_page=50"},
                    new String[] {tech, "/companies/api/search?search=harbor&per_page=50"},
                    new String[] {tech, "/assets/api/search?per_page=50"},
                    new String[] {tech, "/assets/api/search?search=ws-0123&per_page=50"},
                    new String[] {beacon, "/api/tickets/active"});
            for (String[] run : runs) {
                check(http, run[0], run[1]);
                System.out.println(run[1] + "  " + wrk(run[0], url + run[1], seconds, 1));
                System.out.println(run[1] + "  " + wrk(run[0], url + run[1], seconds, connections));
            }
            int year = Year.now(ZoneOffset.UTC).getValue();
            for (String path : List.of("/api/companies/bulk?include_tickets=true&year=" + year,
                    "/api/companies/bulk?include_tickets=true&year=" + (year - 1), "/api/companies/bulk")) {
                bulk(http, ledger, path);
            }
        } finally {
            codex.destroy();
            codex.waitFor();
            core.stop(0);
            if (freshservice != null) {
                freshservice.stop(0);
            }
            Files.deleteIfExists(registry);
        }
    }

    // ---------------------------------------------------------------- data

    static void seed(boolean regenerate) throws Exception {
        try (Connection c = DriverManager.getConnection(PG + "codex_bench", "postgres", ""); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM companies), (SELECT count(*) FROM ticket_details)")) {
                rs.next();
                if (!regenerate && rs.getLong(1) == 2000 && rs.getLong(2) == 500_000) {
                    return;
                }
            }
            long t0 = System.nanoTime();
            st.execute("""
                    TRUNCATE companies, contacts, contact_company_link, assets, asset_contact_link, company_feature_overrides,
                      locations, rmm_site_links, psa_agents, ticket_details, sync_jobs RESTART IDENTITY CASCADE""");
            st.execute("""
                    INSERT INTO companies (account_number, name, description, plan_selected, billing_plan, contract_term_length,
                        email_system, phone_system, contract_start_date, contract_end_date, company_main_number)
                    SELECT (100000 + g)::text,
                           (ARRAY['Alpha','Bravo','Cedar','Delta','Echo','Falcon','Granite','Harbor','Iris','Juniper'])[1 + g % 10] || ' '
                             || (ARRAY['Dental','Law','Farms','Logistics','Clinic','Builders','Realty','Partners'])[1 + (g / 10) % 8] || ' ' || g,
                           'Managed client ' || g, (ARRAY['Gold','Silver','Bronze'])[1 + g % 3], (ARRAY['Gold','Silver','Bronze'])[1 + g % 3],
                           (ARRAY['Month to Month','1 Year','2 Year','3 Year'])[1 + g % 4], 'Microsoft 365', 'RingCentral',
                           DATE '2024-01-01' + g % 700, DATE '2026-01-01' + g % 900, '555-' || lpad((g % 10000)::text, 4, '0')
                    FROM generate_series(1, 2000) g""");
            st.execute("""
                    INSERT INTO contacts (external_id, name, first_name, last_name, email, primary_email, active, title, job_title,
                        mobile_phone_number, work_phone_number)
                    SELECT g, 'First' || g || ' Last' || (g % 997), 'First' || g, 'Last' || (g % 997),
                           'user' || g || '@client' || (1 + g % 2000) || '.example', 'user' || g || '@client' || (1 + g % 2000) || '.example',
                           g % 10 <> 0, 'Staff', 'Staff', '555-' || lpad((g % 10000)::text, 4, '0'), '556-' || lpad((g % 10000)::text, 4, '0')
                    FROM generate_series(1, 40000) g""");
            st.execute("INSERT INTO contact_company_link (contact_id, company_account_number) "
                    + "SELECT id, (100001 + external_id % 2000)::text FROM contacts");
            st.execute("""
                    INSERT INTO assets (hostname, company_account_number, description, hardware_type, operating_system, antivirus_product,
                        online, last_logged_in_user, int_ip_address, ext_ip_address, domain, last_seen, patch_status, backup_usage_tb,
                        device_type, rmm_site_name, rmm_provider, rmm_device_uid)
                    SELECT 'WS-' || lpad(g::text, 6, '0'), (100001 + g % 2000)::text, 'Device ' || g,
                           (ARRAY['Desktop','Laptop','Server','Virtual Machine'])[1 + g % 4],
                           (ARRAY['Windows 11 Pro','Windows 10 Pro','Windows Server 2022','macOS 14'])[1 + g % 4], 'SentinelOne',
                           g % 3 <> 0, 'user' || g, '10.0.' || (g % 250) || '.' || (g % 200), '203.0.113.' || (g % 250), 'corp.example',
                           now() - (g % 1000) * interval '1 hour', (ARRAY['Fully Patched','Approved Pending','Install Error'])[1 + g % 3],
                           round((g % 50) / 40.0, 2), (ARRAY['Workstation','Laptop','Server','Virtual Machine'])[1 + g % 4],
                           'Site ' || (1 + g % 2000), 'datto', 'uid-' || g
                    FROM generate_series(1, 100000) g""");
            st.execute("INSERT INTO locations (name, address, company_account_number) "
                    + "SELECT 'Main office', g || ' Main St', (100000 + g)::text FROM generate_series(1, 2000) g");
            st.execute("INSERT INTO psa_agents (external_id, external_source, first_name, last_name, email, active) "
                    + "SELECT 7000 + g, 'freshservice', 'Agent', 'N' || g, 'agent' || g || '@msp.example', true FROM generate_series(1, 20) g");
            // 500,000 tickets, one every 126 s over two years; 0.2 % still active (≈ 1,000, what a helpdesk of this size carries)
            st.execute("""
                    INSERT INTO ticket_details (external_id, external_source, company_account_number, ticket_number, subject, description,
                        description_text, status, status_id, priority, priority_id, requester_id, requester_email, requester_name,
                        responder_id, group_id, created_at, last_updated_at, closed_at, total_hours_spent, fr_due_by, due_by,
                        first_responded_at, conversations, notes)
                    SELECT g, 'freshservice', (100001 + g % 2000)::text, g::text, 'Ticket ' || g || ': printer offline',
                           '<div>Printer offline at desk ' || g || '</div>', 'Printer offline at desk ' || g,
                           CASE WHEN g % 500 = 0 THEN (ARRAY['open','pending','customer_replied','on_hold','waiting_customer'])[1 + (g / 500) % 5]
                                ELSE 'closed' END,
                           CASE WHEN g % 500 = 0 THEN 2 ELSE 5 END,
                           (ARRAY['low','medium','high','urgent'])[1 + g % 4], 1 + g % 4, 1 + g % 40000,
                           'user' || (1 + g % 40000) || '@client.example', 'First' || (1 + g % 40000),
                           7001 + g % 20, 19000234009 + g % 2, ts, least(ts + (g % 48) * interval '1 hour', now()),
                           CASE WHEN g % 500 = 0 THEN NULL ELSE least(ts + (g % 48) * interval '1 hour', now()) END,
                           (g % 9) * 0.25, ts + interval '4 hours', ts + interval '3 days',
                           CASE WHEN g % 1000 = 0 THEN NULL ELSE ts + interval '30 minutes' END,
                           jsonb_build_array(jsonb_build_object('from_email', 'user@client.example', 'created_at', ts, 'body', 'Still broken', 'incoming', true)),
                           '[]'::jsonb
                    FROM (SELECT g, now() - (500000 - g) * interval '126 seconds' AS ts FROM generate_series(1, 500000) g) s""");
            st.execute("VACUUM ANALYZE");
            System.out.printf("seeded in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    static String counts() throws Exception {
        try (Connection c = DriverManager.getConnection(PG + "codex_bench", "postgres", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT (SELECT count(*) FROM companies), (SELECT count(*) FROM contacts), (SELECT count(*) FROM assets),
                               (SELECT count(*) FROM ticket_details), (SELECT count(*) FROM ticket_details WHERE closed_at IS NULL)""")) {
            rs.next();
            return String.format("data: %,d companies, %,d contacts, %,d assets, %,d tickets (%,d active)",
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
    }

    // ---------------------------------------------------------------- measuring

    /**
     * Warm-up and a clear failure when the endpoint refuses. Retried for up to a minute: on a loaded
     * machine the first JWKS fetch can time out, and the key source then waits before fetching again.
     */
    static void check(HttpClient http, String token, String path) throws Exception {
        check(http, PORT, token, path);
    }

    static void check(HttpClient http, int port, String token, String path) throws Exception {
        HttpResponse<String> r = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }

    static String wrk(String token, String url, int seconds, int connections) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d" + seconds + "s", "-s", "bench/codex/latency.lua", url)
                .redirectErrorStream(true);
        pb.environment().put("TOKEN", token);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.startsWith("REPORT")).findFirst().orElse("wrk failed:\n" + out) + " (c=" + connections + ")";
    }

    /** Wall clock from request to last byte, three runs after one warm-up. */
    static void bulk(HttpClient http, String token, String path) throws Exception {
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            long first = 0;
            long bytes = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = r.body()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (bytes == 0) {
                        first = System.nanoTime();
                    }
                    bytes += n;
                }
            }
            long end = System.nanoTime();
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
            if (i > 0) {
                System.out.printf("%s  status %d, %,.1f MB, first byte %.2f s, complete %.2f s%n", path, r.statusCode(), bytes / 1e6,
                        (first - t0) / 1e9, (end - t0) / 1e9);
            }
        }
    }

    // ---------------------------------------------------------------- Beacon (issue 6)

    static final int BEACON_PORT = 15001;

    /**
     * Beacon's /api/tickets/helpdesk with 5,000 active tickets among the 500,000: once as configured
     * (Codex's feed cached 5 s, what many TVs refreshing the same board get) and once with the cache
     * off, so every request reads Codex's active feed and classifies it. The Codex data set's own
     * 1,000 active tickets are put back afterwards.
     */
    static void beacon(HttpClient http, Path home, Path registry, String coreUrl, String tech, int seconds, int connections) throws Exception {
        Path jar = home.resolve("beacon/target/beacon.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build Beacon first: mvn -B -pl beacon -am package -DskipTests");
        }
        Path beaconRegistry = Files.createTempFile("beacon-bench-services", ".json");
        Files.writeString(beaconRegistry, Files.readString(registry)
                .replace("\"url\": \"http://127.0.0.1:5010\"", "\"url\": \"http://127.0.0.1:" + PORT + "\""));
        try {
            setActiveEvery(100);
            System.out.println(counts());
            for (String ttl : List.of("5s", "0s")) {
                Process beacon = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString(), "--server.port=" + BEACON_PORT,
                        "--hivematrix.home=" + home, "--hivematrix.registry-file=" + beaconRegistry, "--hivematrix.service-secret=bench",
                        "--hivematrix.security.jwks-uri=" + coreUrl + "/.well-known/jwks.json", "--hivematrix.logs.ship-to-helm=false",
                        "--beacon.feed-cache-ttl=" + ttl, "--logging.level.root=WARN")
                        .redirectErrorStream(true).redirectOutput(home.resolve("beacon/target/beacon-bench.log").toFile()).start();
                try {
                    waitUp(http, BEACON_PORT, "beacon/target/beacon-bench.log");
                    String path = "/api/tickets/helpdesk";
                    check(http, BEACON_PORT, tech, path);
                    System.out.println("beacon " + path + " (feed cache " + ttl + ")  "
                            + wrk(tech, "http://127.0.0.1:" + BEACON_PORT + path, seconds, connections));
                } finally {
                    beacon.destroy();
                    beacon.waitFor();
                }
            }
        } finally {
            setActiveEvery(500);
            Files.deleteIfExists(beaconRegistry);
        }
    }

    /** Makes every n-th generated ticket active (open / pending / customer replied / on hold / waiting) and the rest closed. */
    static void setActiveEvery(int n) throws Exception {
        try (Connection c = DriverManager.getConnection(PG + "codex_bench", "postgres", ""); Statement st = c.createStatement()) {
            st.executeUpdate("""
                    UPDATE ticket_details SET
                        status = CASE WHEN external_id %% %1$d = 0
                            THEN (ARRAY['open','pending','customer_replied','on_hold','waiting_customer'])[1 + (external_id / %1$d) %% 5]
                            ELSE 'closed' END,
                        status_id = CASE WHEN external_id %% %1$d = 0 THEN 2 ELSE 5 END,
                        closed_at = CASE WHEN external_id %% %1$d = 0 THEN NULL ELSE last_updated_at END
                    WHERE external_source = 'freshservice' AND (status <> 'closed' OR external_id %% %1$d = 0)""".formatted(n));
            st.execute("ANALYZE ticket_details");
        }
    }

    // ---------------------------------------------------------------- ticket sync throughput

    static final int DEPARTMENTS = 2_000;

    /**
     * Ticket sync throughput (issue 5: "full Freshservice sync of 500,000 tickets, tickets/s for the
     * database side"): a Freshservice stand-in serves 2,000 departments and {@code tickets} active
     * tickets in list pages of 100 (what the light tier reads: no per-ticket calls, so the time is
     * Codex's paging, mapping and saving); Codex syncs companies, then the tickets twice — first into
     * an empty table (inserts), then again (every row updated). Times are the job rows' own
     * started/completed instants.
     */
    static void ticketSync(HttpClient http, String admin, String service, int tickets) throws Exception {
        try (Connection c = DriverManager.getConnection(PG + "codex_bench_sync", "postgres", ""); Statement st = c.createStatement()) {
            st.execute("TRUNCATE ticket_details, sync_jobs");
            st.execute("""
                    INSERT INTO app_settings (key, value, secret, updated_at) VALUES ('freshservice.pacing_ms', '0', false, now()),
                      ('psa.default_provider', 'freshservice', false, now())
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value""");
        }
        HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/admin/update-freshservice"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("fs_domain=bench.freshservice.com&fs_api_key=bench-key")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (saved.statusCode() != 302) {
            throw new IllegalStateException("Freshservice settings not saved: HTTP " + saved.statusCode());
        }
        System.out.println("companies (2,000 departments): " + runJob(http, service, "/sync/psa"));
        for (String pass : List.of("insert", "update")) {
            String result = runJob(http, service, "/sync/tickets/light");
            System.out.println("tickets light sync, " + pass + " pass: " + result);
        }
        System.out.println(counts("codex_bench_sync"));
    }

    static String runJob(HttpClient http, String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"job_id\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException(path + " did not start: " + r.statusCode() + " " + r.body());
        }
        String id = m.group(1);
        try (Connection c = DriverManager.getConnection(PG + "codex_bench_sync", "postgres", "")) {
            while (true) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                        SELECT status, extract(epoch FROM completed_at - started_at), processed, success, left(coalesce(error, ''), 300)
                        FROM sync_jobs WHERE id = '%s'""".formatted(id))) {
                    rs.next();
                    if (!"running".equals(rs.getString(1))) {
                        double seconds = rs.getDouble(2);
                        long rows = count(c, "SELECT count(*) FROM ticket_details");
                        return String.format(java.util.Locale.ROOT, "%s in %.1f s, %d ticket rows, %.0f tickets/s%s", rs.getString(1), seconds,
                                rows, rows / Math.max(seconds, 0.001), rs.getBoolean(4) ? "" : " (errors: " + rs.getString(5) + ")");
                    }
                }
                Thread.sleep(1000);
            }
        }
    }

    static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String counts(String db) throws Exception {
        try (Connection c = DriverManager.getConnection(PG + db, "postgres", "")) {
            return "companies " + count(c, "SELECT count(*) FROM companies") + ", tickets " + count(c, "SELECT count(*) FROM ticket_details")
                    + ", tickets with a company " + count(c, "SELECT count(*) FROM ticket_details WHERE company_account_number IS NOT NULL");
        }
    }

    /** Freshservice v2 list endpoints as the light sync reads them, generated on the fly (payload shapes as in FreshserviceSyncTest). */
    static HttpServer fakeFreshservice(int tickets) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/api/v2/", ex -> {
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            java.util.regex.Matcher pm = java.util.regex.Pattern.compile("(?:^|&)page=(\\d+)").matcher(query);
            int page = pm.find() ? Integer.parseInt(pm.group(1)) : 1;
            StringBuilder body = new StringBuilder();
            if (path.endsWith("/departments")) {
                body.append("{\"departments\":[");
                for (int i = (page - 1) * 100; i < Math.min(page * 100, DEPARTMENTS); i++) {
                    body.append(i % 100 == 0 ? "" : ",").append("""
                            {"id":%d,"name":"Bench Client %d","description":null,"domains":[],"workspace_id":2,
                             "created_at":"2024-01-01T00:00:00Z","updated_at":"2025-01-01T00:00:00Z",
                             "custom_fields":{"account_number":%d,"plan_selected":"Gold","contract_term":"1 Year"}}""".formatted(10_000 + i, i, 800_000 + i));
                }
                body.append("]}");
            } else if (path.endsWith("/tickets/filter")) {
                body.append("{\"tickets\":[");
                int[] active = {2, 3, 8, 9, 10, 13, 19, 23, 26, 27};
                for (int i = (page - 1) * 100; i < Math.min(page * 100, tickets); i++) {
                    body.append(i % 100 == 0 ? "" : ",").append("""
                            {"id":%d,"subject":"Ticket %d: printer offline","description":"<div>The printer on floor %d is <b>offline</b>.</div>",
                             "description_text":"The printer on floor %d is offline.","status":%d,"priority":%d,"type":"Incident",
                             "requester_id":%d,"responder_id":7001,"group_id":19000234009,"department_id":%d,"source":2,
                             "created_at":"2025-06-01T09:00:00Z","updated_at":"2025-11-%02dT09:00:00Z","due_by":"2025-12-05T09:00:00Z",
                             "fr_due_by":"2025-12-02T09:00:00Z","is_escalated":false,"custom_fields":{}}"""
                            .formatted(1_000_000 + i, i, i % 9, i % 9, active[i % active.length], 1 + i % 4, 50_000 + i % 40_000,
                                    10_000 + i % DEPARTMENTS, 1 + i % 28));
                }
                body.append("]}");
            } else {
                String key = path.substring(path.lastIndexOf('/') + 1);
                body.append("{\"").append(key).append("\":[]}");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        });
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-freshservice");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return s;
    }

    // ---------------------------------------------------------------- Core stand-in and tokens

    static HttpServer fakeCore(KeyPair kp) throws Exception {
        RSAPublicKey key = (RSAPublicKey) kp.getPublic();
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\"" + b64(unsigned(key.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(key.getPublicExponent())) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        s.createContext("/.well-known/jwks.json", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, jwks.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(jwks);
            }
        });
        // every session the benchmark signed is alive (Codex caches the answer per session)
        s.createContext("/api/token/validate", ex -> {
            byte[] ok = "{\"valid\":true}".getBytes(StandardCharsets.UTF_8);
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, ok.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(ok);
            }
        });
        // Beacon's service token for Codex (the Beacon run): signed like Core signs one, for the caller named
        s.createContext("/service-token", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            java.util.regex.Matcher caller = java.util.regex.Pattern.compile("\"calling_service\"\\s*:\\s*\"([a-z-]+)\"").matcher(body);
            byte[] answer;
            try {
                answer = ("{\"token\":\"" + serviceToken(kp, caller.find() ? caller.group(1) : "unknown") + "\",\"expires_in\":7200}")
                        .getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new java.io.IOException(e);
            }
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(answer);
            }
        });
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-core");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return s;
    }

    static String userToken(KeyPair kp, String level) throws Exception {
        long now = Instant.now().getEpochSecond();
        return sign(kp, "{\"iss\":\"hivematrix-core\",\"sub\":\"" + UUID.randomUUID() + "\",\"jti\":\"" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"preferred_username\":\"bench-" + level + "\",\"name\":\"Bench " + level + "\",\"email\":\"" + level
                + "@bench.example\",\"permission_level\":\"" + level + "\",\"groups\":[],\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}");
    }

    static String serviceToken(KeyPair kp, String caller) throws Exception {
        long now = Instant.now().getEpochSecond();
        return sign(kp, "{\"iss\":\"hivematrix-core\",\"sub\":\"service:" + caller + "\",\"aud\":\"codex\",\"type\":\"service\","
                + "\"calling_service\":\"" + caller + "\",\"target_service\":\"codex\",\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}");
    }

    static String sign(KeyPair kp, String claimsJson) throws Exception {
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(kp.getPrivate());
        sig.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64(sig.sign());
    }

    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static void waitUp(HttpClient http) throws Exception {
        waitUp(http, PORT, "codex/target/codex-bench.log");
    }

    static void waitUp(HttpClient http, int port, String log) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                int s = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (s == 200 || s == 503) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service on port " + port + " did not start; see " + log);
    }

    static int intArg(String[] args, String name, int dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return dflt;
    }
}
