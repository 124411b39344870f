import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;

/**
 * KnowledgeTree benchmark (single-file program, JDK only). Publishes a JWKS of its own, starts
 * knowledgetree/target/knowledgetree.jar on 127.0.0.1:15020 against NEO4J_URI (an empty database),
 * imports a generated knowledge base of 20,000 articles through /admin/import, then measures
 * /api/search (p50/p95), /api/folders/tree and the context export of an article whose attached
 * folder holds 500 articles.
 *
 *   java bench/knowledgetree/KtBench.java --neo4j bolt://127.0.0.1:17687 [--articles 20000] [--searches 300] [--reuse]
 *
 * --reuse measures against a database this program already filled (skips the import).
 */
public class KtBench {

    static final String[] WORDS = ("printer vpn firewall backup restore mailbox license onboarding offboarding password reset "
            + "switch router wifi laptop desktop server domain certificate antivirus patch update driver scanner phone teams "
            + "sharepoint onedrive outlook calendar quota storage raid snapshot replication dns dhcp proxy gateway").split(" ");

    public static void main(String[] args) throws Exception {
        String neo4j = arg(args, "--neo4j", System.getenv().getOrDefault("NEO4J_URI", "bolt://127.0.0.1:7687"));
        int articles = Integer.parseInt(arg(args, "--articles", "20000"));
        int searches = Integer.parseInt(arg(args, "--searches", "300"));
        boolean reuse = List.of(args).contains("--reuse");
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        HttpServer jwks = jwks((RSAPublicKey) keys.getPublic());
        String admin = token(keys, "admin");
        Path home = Files.createTempDirectory("kt-bench");
        Files.createDirectories(home.resolve("deploy"));
        // Core is played by this program: user tokens are checked against /api/token/validate
        Files.writeString(home.resolve("deploy/services.json"), Files.readString(Path.of("deploy/services.json"))
                .replace("http://127.0.0.1:5000", "http://127.0.0.1:" + jwks.getAddress().getPort()));
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx768m", "-jar", Path.of("knowledgetree/target/knowledgetree.jar").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("kt.log").toFile());
        pb.environment().put("NEO4J_URI", neo4j);
        pb.environment().put("SERVER_PORT", "15020");
        pb.environment().put("HIVEMATRIX_HOME", home.toString());
        pb.environment().put("HIVEMATRIX_SECURITY_JWKS_URI", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
        pb.environment().put("HIVEMATRIX_LOGS_SHIP_TO_HELM", "false");
        Process kt = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:15020";
            waitUp(http, base, kt);
            // the first authenticated request fetches the signing keys; on a loaded machine that can time out once
            HttpResponse<String> children = send(http, base + "/api/node/root/children", admin, "GET", null, null);
            for (int i = 0; i < 30 && children.statusCode() >= 500; i++) {
                Thread.sleep(1000);
                children = send(http, base + "/api/node/root/children", admin, "GET", null, null);
            }
            if (children.statusCode() != 200) {
                throw new IllegalStateException("KnowledgeTree answers " + children.statusCode() + ": " + children.body());
            }
            boolean empty = children.body().equals("[]");
            if (!empty && !reuse) {
                throw new IllegalStateException("The Neo4j database is not empty; use a fresh one (or --reuse a generated one)");
            }
            if (empty) {
                byte[] export = generate(articles);
                long t0 = System.nanoTime();
                HttpResponse<String> imported = multipart(http, base + "/admin/import", admin, export);
                System.out.printf("import of %d entries (%d articles): HTTP %d in %.1f s%n", count(export), articles, imported.statusCode(), secs(t0));
                if (imported.statusCode() != 200) {
                    throw new IllegalStateException(imported.body());
                }
            }
            Random random = new Random(7);
            for (int i = 0; i < 20; i++) {
                send(http, base + "/api/search?query=" + WORDS[random.nextInt(WORDS.length)], admin, "GET", null, null);
            }
            List<Double> search = new ArrayList<>();
            for (int i = 0; i < searches; i++) {
                String q = WORDS[random.nextInt(WORDS.length)] + (i % 3 == 0 ? "%20" + WORDS[random.nextInt(WORDS.length)] : "");
                long s = System.nanoTime();
                HttpResponse<String> r = send(http, base + "/api/search?limit=15&query=" + q, admin, "GET", null, null);
                search.add(ms(s));
                check(r);
            }
            report("/api/search (limit 15)", search);
            List<Double> tree = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                long s = System.nanoTime();
                check(send(http, base + "/api/folders/tree", admin, "GET", null, null));
                tree.add(ms(s));
            }
            report("/api/folders/tree", tree);
            String target = send(http, base + "/api/browse?path=/Bench%20Context", admin, "GET", null, null).body();
            String id = target.replaceAll("(?s).*\"articles\":\\[\\{\"id\":\"([^\"]+)\".*", "$1");
            List<Double> context = new ArrayList<>();
            int length = 0;
            for (int i = 0; i < 20; i++) {
                long s = System.nanoTime();
                HttpResponse<String> r = send(http, base + "/api/context/" + id, admin, "GET", null, null);
                context.add(ms(s));
                check(r);
                length = r.body().length();
            }
            report("context export, 500 attached articles (" + length / 1024 + " KB)", context);
        } finally {
            kt.destroy();
            jwks.stop(0);
        }
    }

    /** 50 areas x 10 folders x N/500 articles, plus "Bench Context": one article and an attached folder of 500. */
    static byte[] generate(int articles) {
        Random random = new Random(42);
        StringBuilder out = new StringBuilder("[");
        int perFolder = Math.max(1, articles / 500);
        for (int a = 0; a < 50; a++) {
            entry(out, "Area " + a, "", true, false);
            for (int f = 0; f < 10; f++) {
                String folder = "Area " + a + "/Folder " + f;
                entry(out, folder, "", true, false);
                for (int n = 0; n < perFolder; n++) {
                    entry(out, folder + "/Article " + a + "-" + f + "-" + n + " " + WORDS[random.nextInt(WORDS.length)], body(random), false, false);
                }
            }
        }
        entry(out, "Bench Context", "", true, false);
        entry(out, "Bench Context/Target", "# Target\n\nThe article whose context is exported.", false, false);
        entry(out, "Bench Context/Attached", "", true, true);
        for (int f = 0; f < 10; f++) {
            entry(out, "Bench Context/Attached/Part " + f, "", true, false);
            for (int n = 0; n < 50; n++) {
                entry(out, "Bench Context/Attached/Part " + f + "/Note " + n, body(random), false, false);
            }
        }
        out.setLength(out.length() - 1);
        return out.append("]").toString().getBytes(StandardCharsets.UTF_8);
    }

    static String body(Random random) {
        StringBuilder b = new StringBuilder("# Notes\\n\\n");
        for (int i = 0; i < 60; i++) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(i % 12 == 11 ? ".\\n" : " ");
        }
        return b.toString();
    }

    static void entry(StringBuilder out, String path, String content, boolean folder, boolean attached) {
        out.append("{\"path\":\"").append(path).append("\",\"content\":\"").append(content.replace("\n", "\\n"))
                .append("\",\"is_folder\":").append(folder).append(",\"is_attached\":").append(attached).append("},");
    }

    static int count(byte[] export) {
        return new String(export, StandardCharsets.UTF_8).split("\"path\"").length - 1;
    }

    static void report(String what, List<Double> samples) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        System.out.printf("%-50s n=%d  p50=%.1f ms  p95=%.1f ms  max=%.1f ms%n", what, s.size(),
                s.get(s.size() / 2), s.get((int) Math.ceil(s.size() * 0.95) - 1), s.get(s.size() - 1));
    }

    static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static void waitUp(HttpClient http, String base, Process kt) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!kt.isAlive()) {
                throw new IllegalStateException("KnowledgeTree exited");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.body().contains("\"neo4j\":{\"status\":\"healthy\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            kt.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
        }
        throw new IllegalStateException("KnowledgeTree not up in time");
    }

    static HttpResponse<String> send(HttpClient http, String url, String token, String method, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofMinutes(10));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> multipart(HttpClient http, String url, String token, byte[] file) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(http, url, token, "POST", "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    static HttpServer jwks(RSAPublicKey key) throws IOException {
        String n = b64(unsigned(key.getModulus()));
        String e = b64(unsigned(key.getPublicExponent()));
        byte[] body = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + n + "\",\"e\":\"" + e + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", x -> {
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        });
        server.createContext("/api/token/validate", x -> {
            byte[] ok = "{\"valid\":true}".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, ok.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(ok);
            }
        });
        server.start();
        return server;
    }

    static String token(KeyPair keys, String level) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"kid\":\"bench\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64(("{\"iss\":\"hivematrix-core\",\"sub\":\"bench-" + level + "\",\"jti\":\"" + UUID.randomUUID()
                + "\",\"preferred_username\":\"bench\",\"permission_level\":\"" + level + "\",\"groups\":[],\"iat\":" + now
                + ",\"exp\":" + (now + 7200) + "}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64(s.sign());
    }

    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
