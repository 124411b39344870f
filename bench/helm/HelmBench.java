// Helm benchmarks: log ingestion over HTTP (batches of 1,000) and the newest-100 query for one
// service in a large table. Single-file program: JDK + the PostgreSQL driver.
//
//   mvn -B -o -pl helm -am package -DskipTests
//   java -cp ~/.m2/repository/org/postgresql/postgresql/42.7.11/postgresql-42.7.11.jar bench/helm/HelmBench.java \
//        [--seconds 30] [--threads 4] [--rows 10000000]
//
// It starts its own JWKS (an RSA key of its own), launches helm/target/helm.jar on 127.0.0.1:15004
// against database helm_bench (dropped and recreated), signs a codex→helm service token, and posts.
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

public class HelmBench {

    static final String PG = System.getenv().getOrDefault("HIVEMATRIX_PG_BASE", "jdbc:postgresql://127.0.0.1:5432/");
    static final int PORT = 15004;

    public static void main(String[] args) throws Exception {
        int seconds = intArg(args, "--seconds", 30);
        int threads = intArg(args, "--threads", 4);
        long rows = intArg(args, "--rows", 10_000_000);
        Path home = Path.of("").toAbsolutePath();

        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS helm_bench WITH (FORCE)");
        }
        KeyPair kp = KeyPairGenerator.getInstance("RSA").genKeyPair();
        HttpServer jwks = jwks((RSAPublicKey) kp.getPublic());
        String token = token(kp, "codex");
        String reader = token(kp, "helm");

        java.nio.file.Files.createDirectories(home.resolve("target"));
        Process helm = new ProcessBuilder("java", "-Xmx1g", "-jar", home.resolve("helm/target/helm.jar").toString(),
                "--server.port=" + PORT, "--hivematrix.home=" + home, "--spring.datasource.url=" + PG + "helm_bench",
                "--hivematrix.security.jwks-uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
                "--hivematrix.logs.ship-to-helm=false", "--hivematrix.helm.status.enabled=false",
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(home.resolve("target/helm-bench.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            waitHealthy(http);
            ingest(http, token, seconds, threads);
            query(http, reader, rows);
        } finally {
            helm.destroy();
            helm.waitFor();
            jwks.stop(0);
        }
    }

    // ---------------------------------------------------------------- ingestion
    static void ingest(HttpClient http, String token, int seconds, int threads) throws Exception {
        byte[][] bodies = new byte[8][];
        for (int b = 0; b < bodies.length; b++) {
            bodies[b] = batch("codex", 1000).getBytes(StandardCharsets.UTF_8);
        }
        // warm-up (and a clear failure if Helm refuses the batch)
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/logs/ingest"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[0])).build(), HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            throw new IllegalStateException("ingest answered " + first.statusCode() + ": " + first.body());
        }
        for (int i = 0; i < 20; i++) {
            post(http, token, bodies[i % bodies.length]);
        }
        AtomicLong entries = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                int i = id;
                while (!stop.get()) {
                    int status = post(http, token, bodies[i++ % bodies.length]);
                    if (status == 200) {
                        entries.addAndGet(1000);
                    } else {
                        failures.incrementAndGet();
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("ingest: %d entries in %.1f s with %d client threads = %,.0f entries/s (%d failed batches)%n",
                entries.get(), secs, threads, entries.get() / secs, failures.get());
    }

    static String batch(String service, int n) {
        StringBuilder sb = new StringBuilder("{\"service_name\":\"").append(service).append("\",\"logs\":[");
        String ts = LocalDateTime.now(ZoneOffset.UTC).toString();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"level\":\"").append(i % 10 == 0 ? "WARN" : "INFO").append("\",\"message\":\"GET /api/companies/")
                    .append(i).append(" completed in 12 ms with status 200\",\"timestamp\":\"").append(ts)
                    .append("\",\"context\":{\"logger\":\"com.hivematrix.codex.web.Access\",\"thread\":\"http-nio-5010-exec-")
                    .append(i % 16).append("\",\"correlation_id\":\"c0ffee00-0000-4000-8000-").append(String.format("%012d", i))
                    .append("\",\"username\":\"tech").append(i % 20).append("\"},\"trace_id\":\"c0ffee00-0000-4000-8000-")
                    .append(String.format("%012d", i)).append("\",\"user_id\":\"user-").append(i % 20).append("\"}");
        }
        return sb.append("]}").toString();
    }

    static int post(HttpClient http, String token, byte[] body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/logs/ingest"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- query
    static void query(HttpClient http, String token, long rows) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(PG + "helm_bench", "postgres", ""); Statement st = c.createStatement()) {
            // 20 services; timestamps spread over 30 days; inserted in one statement (server side)
            st.execute("INSERT INTO log_entries (ts, service_name, level, message, context, trace_id, user_id) "
                    + "SELECT now() - make_interval(secs => (" + rows + " - g) * (2592000.0 / " + rows + ")), "
                    + "'svc' || (g % 20), (ARRAY['DEBUG','INFO','INFO','INFO','WARNING','ERROR'])[1 + g % 6], "
                    + "'GET /api/things/' || g || ' completed in ' || (g % 97) || ' ms', "
                    + "jsonb_build_object('logger', 'com.example.Thing', 'thread', 'exec-' || (g % 16)), "
                    + "md5(g::text), 'user-' || (g % 50) FROM generate_series(1, " + rows + ") g");
            st.execute("VACUUM ANALYZE log_entries");
        }
        System.out.printf("seeded %,d extra rows in %.0f s%n", rows, (System.nanoTime() - t0) / 1e9);
        long total;
        try (Connection c = DriverManager.getConnection(PG + "helm_bench", "postgres", ""); Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM log_entries")) {
            rs.next();
            total = rs.getLong(1);
        }
        String[] paths = {"/api/logs?service=svc7&limit=100", "/api/logs?service=svc7&level=ERROR&limit=100",
                "/api/logs?limit=100", "/api/logs?trace_id=" + md5Of(4242) + "&limit=100"};
        for (String path : paths) {
            long[] ms = new long[200];
            for (int i = 0; i < 20; i++) {
                get(http, token, path);
            }
            for (int i = 0; i < ms.length; i++) {
                long s = System.nanoTime();
                int status = get(http, token, path);
                ms[i] = (System.nanoTime() - s) / 1000;
                if (status != 200) {
                    throw new IllegalStateException(path + " answered " + status);
                }
            }
            Arrays.sort(ms);
            System.out.printf("query %s over %,d rows: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (HTTP, incl. capped total)%n",
                    path, total, ms[100] / 1000.0, ms[190] / 1000.0, ms[198] / 1000.0);
        }
    }

    static String md5Of(int g) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("MD5").digest(Integer.toString(g).getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, d));
    }

    static int get(HttpClient http, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // ---------------------------------------------------------------- tokens
    static HttpServer jwks(RSAPublicKey key) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\"" + b64(unsigned(key.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(key.getPublicExponent())) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        s.createContext("/jwks", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        s.start();
        return s;
    }

    /** A {caller} → helm service token, as Core mints them (valid for the whole run). */
    static String token(KeyPair kp, String caller) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64(("{\"iss\":\"hivematrix-core\",\"sub\":\"service:" + caller + "\",\"aud\":\"helm\",\"type\":\"service\","
                + "\"calling_service\":\"" + caller + "\",\"target_service\":\"helm\",\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}")
                .getBytes(StandardCharsets.UTF_8));
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

    static void waitHealthy(HttpClient http) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                int s = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (s == 200 || s == 503) {
                    return;
                }
            } catch (Exception e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("helm did not start; see target/helm-bench.log");
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
