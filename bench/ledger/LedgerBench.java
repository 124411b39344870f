// Ledger benchmarks: dashboard end to end, one bill (HTTP and engine only), accept-all of every company.
// Single-file program on Ledger's test classpath (it reuses the tests' Core stand-in, token issuer and
// real Codex process):
//
//   mvn -B -o -pl codex,ledger -am package -DskipTests
//   mvn -B -o -q -pl ledger dependency:build-classpath -Dmdep.outputFile=/tmp/ledger.cp
//   HIVEMATRIX_PG_URL_LEDGER_CODEX_TEST=jdbc:postgresql://127.0.0.1:5432/ledger_bench_codex \
//   flock /tmp/hm-bench.lock java -cp ledger/target/test-classes:ledger/target/classes:$(cat /tmp/ledger.cp) \
//        -Dledger.codex-jar=codex/target/codex.jar bench/ledger/LedgerBench.java \
//        [--companies 500] [--assets 25000] [--contacts 10000] [--tickets 100000] [--runs 5]
//
// The generator fills Codex's database (ledger_bench_codex) with SQL; Ledger runs in this JVM on
// 127.0.0.1:15030 against ledger_bench (its archive tables emptied first).
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.hivematrix.ledger.LedgerApplication;
import com.hivematrix.ledger.billing.BillingService;
import com.hivematrix.ledger.codex.CompanyData;
import com.hivematrix.shared.testsupport.CodexProcess;
import com.hivematrix.ledger.support.TestPlatform;

public class LedgerBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] a) {
        int status = 1;
        try {
            run(a);
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            // Ledger's and the Codex child's threads would otherwise keep the benchmark (and its lock) alive
            System.exit(status);
        }
    }

    static void run(String[] a) throws Exception {
        Map<String, Integer> opt = new HashMap<>(Map.of("companies", 500, "assets", 25000, "contacts", 10000, "tickets", 100000, "runs", 5));
        for (int i = 0; i + 1 < a.length; i += 2) {
            opt.put(a[i].replace("--", ""), Integer.parseInt(a[i + 1]));
        }
        CodexProcess codex = CodexProcess.get("ledger", TestPlatform.ISSUER, TestPlatform.CORE);
        long t0 = System.nanoTime();
        generate(codex, opt.get("companies"), opt.get("assets"), opt.get("contacts"), opt.get("tickets"));
        System.out.printf("generated %s in Codex in %.1f s%n", opt, (System.nanoTime() - t0) / 1e9);

        ConfigurableApplicationContext ledger = SpringApplication.run(LedgerApplication.class, "--server.port=15030",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/ledger_bench", "--hivematrix.logs.ship-to-helm=false",
                "--hivematrix.service-secret=bench", "--ledger.snapshot.cron=-", "--logging.level.root=WARN",
                "--hivematrix.client.read-timeout=120s",
                "--hivematrix.security.jwks-uri=" + TestPlatform.ISSUER.jwksUri(),
                "--hivematrix.registry-file=" + TestPlatform.registry(codex.url()));
        JdbcClient jdbc = ledger.getBean(JdbcClient.class);
        jdbc.sql("TRUNCATE snapshot_line_items, billing_snapshots, snapshot_voids, snapshot_jobs RESTART IDENTITY CASCADE").update();
        String base = "http://127.0.0.1:15030";
        YearMonth period = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        String q = "?year=" + period.getYear() + "&month=" + period.getMonthValue();
        int runs = opt.get("runs");

        get(base + "/api/billing/dashboard" + q); // warm-up
        List<Double> dash = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            String body = get(base + "/api/billing/dashboard" + q);
            dash.add((System.nanoTime() - s) / 1e6);
            rows = body.split("\"account_number\"", -1).length - 1;
        }
        System.out.printf("dashboard (%d companies) end to end: %s ms, median %.0f ms%n", rows, fmt(dash), median(dash));

        List<Double> one = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long s = System.nanoTime();
            get(base + "/api/billing/B" + String.format("%04d", 1 + i % 50) + q);
            one.add((System.nanoTime() - s) / 1e6);
        }
        System.out.printf("one bill over HTTP (Codex fetch + engine): median %.1f ms, max %.1f ms%n", median(one), Collections.max(one));

        BillingService billing = ledger.getBean(BillingService.class);
        BillingService.Batch batch = billing.batch(period);
        CompanyData biggest = batch.companies().stream().max((x, y) -> Integer.compare(x.assets().size() + x.contacts().size()
                + x.tickets().size(), y.assets().size() + y.contacts().size() + y.tickets().size())).orElseThrow();
        for (int i = 0; i < 200; i++) {
            billing.calculate(biggest, batch.catalog(), batch.adjustmentsOf(biggest.company().accountNumber()), period);
        }
        List<Double> engine = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long s = System.nanoTime();
            billing.calculate(biggest, batch.catalog(), batch.adjustmentsOf(biggest.company().accountNumber()), period);
            engine.add((System.nanoTime() - s) / 1e6);
        }
        System.out.printf("one bill, engine only, largest company (%d assets, %d contacts, %d tickets): median %.3f ms, max %.3f ms%n",
                biggest.assets().size(), biggest.contacts().size(), biggest.tickets().size(), median(engine), Collections.max(engine));

        long s = System.nanoTime();
        String started = post(base + "/api/bill/accept-all", "{\"year\":" + period.getYear() + ",\"month\":" + period.getMonthValue() + "}");
        String id = started.replaceAll(".*\"job_id\":\"([^\"]+)\".*", "$1");
        long deadline = System.nanoTime() + 600_000_000_000L;
        String job;
        do {
            Thread.sleep(100); // polling interval of a benchmark client, not a test wait
            job = get(base + "/archive/api/scheduler/jobs/" + id);
        } while (job.contains("\"status\":\"running\"") && System.nanoTime() < deadline);
        double acceptAll = (System.nanoTime() - s) / 1e9;
        long archived = jdbc.sql("SELECT count(*) FROM billing_snapshots").query(Long.class).single();
        System.out.printf("accept-all: %d bills archived in %.1f s (job %s)%n", archived, acceptAll,
                job.replaceAll(".*\"status\":\"([a-z]+)\".*", "$1"));
        ledger.close();
    }

    /** Codex data by set-based SQL: plans for every term, companies spread over them, items spread over companies. */
    static void generate(CodexProcess codex, int companies, int assets, int contacts, int tickets) throws Exception {
        try (Connection c = codex.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE ticket_details, contact_company_link, contacts, assets, locations, plan_features, billing_plans, companies "
                    + "RESTART IDENTITY CASCADE");
            s.execute("""
                    INSERT INTO billing_plans (plan_name, term_length, support_level, per_user_cost, per_workstation_cost, per_server_cost,
                      per_vm_cost, per_switch_cost, per_firewall_cost, per_hour_ticket_cost, backup_base_fee_workstation,
                      backup_base_fee_server, backup_included_tb, backup_per_tb_fee)
                    SELECT p, t, 'Billed Hourly', 15 + i, 40, 120, 60, 20, 30, 150, 5, 25, 1, 50
                    FROM unnest(ARRAY['Essential','Premium','Enterprise']) WITH ORDINALITY AS x(p, i),
                         unnest(ARRAY['Month to Month','1 Year','2 Year','3 Year']) AS t""");
            s.execute("""
                    INSERT INTO companies (account_number, name, plan_selected, contract_term_length, contract_start_date, support_level)
                    SELECT 'B' || lpad(g::text, 4, '0'), 'Bench Company ' || g,
                           (ARRAY['Essential','Premium','Enterprise'])[1 + g %% 3],
                           (ARRAY['Month to Month','1 Year','2 Year','3 Year'])[1 + g %% 4], DATE '2024-01-01' + (g %% 365), 'Billed Hourly'
                    FROM generate_series(1, %d) g""".formatted(companies));
            s.execute("""
                    INSERT INTO assets (id, hostname, company_account_number, device_type, backup_usage_tb)
                    SELECT g, 'HOST-' || g, 'B' || lpad((1 + g %% %d)::text, 4, '0'),
                           (ARRAY['Workstation','Workstation','Workstation','Laptop','Server','VM','Switch','Firewall'])[1 + g %% 8],
                           CASE WHEN g %% 5 = 0 THEN round((g %% 7) * 0.35, 2) END
                    FROM generate_series(1, %d) g""".formatted(companies, assets));
            s.execute("""
                    INSERT INTO contacts (id, name, primary_email, email, active)
                    SELECT g, 'Person ' || g, 'p' || g || '@bench.test', 'p' || g || '@bench.test', g %% 20 <> 0
                    FROM generate_series(1, %d) g""".formatted(contacts));
            s.execute("""
                    INSERT INTO contact_company_link (contact_id, company_account_number)
                    SELECT g, 'B' || lpad((1 + g %% %d)::text, 4, '0') FROM generate_series(1, %d) g""".formatted(companies, contacts));
            s.execute("""
                    INSERT INTO ticket_details (external_id, company_account_number, ticket_number, subject, last_updated_at, total_hours_spent)
                    SELECT g, 'B' || lpad((1 + g %% %d)::text, 4, '0'), 'T' || g, 'Ticket ' || g,
                           now() - make_interval(days => g %% 700), round(((g %% 16) * 0.25)::numeric, 2)
                    FROM generate_series(1, %d) g""".formatted(companies, tickets));
            s.execute("SELECT setval(pg_get_serial_sequence('assets', 'id'), (SELECT max(id) FROM assets))");
            s.execute("SELECT setval(pg_get_serial_sequence('contacts', 'id'), (SELECT max(id) FROM contacts))");
            s.execute("ANALYZE");
        }
    }

    static String get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static String post(String url, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.header("Authorization", "Bearer " + TestPlatform.BILLING).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static String fmt(List<Double> v) {
        return v.stream().map(d -> String.format("%.0f", d)).toList().toString();
    }

}
