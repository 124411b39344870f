package com.hivematrix.helm.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hivematrix.helm.ScratchRealm;
import com.hivematrix.shared.testsupport.LoopbackServer;
import com.hivematrix.shared.testsupport.RepoRoot;

/**
 * {@code deploy/hivematrix backup} and {@code restore} against the machine's real PostgreSQL,
 * on databases of this test's own ({@code helm_bk_*}): back up, wipe (drop the databases),
 * restore into nothing, and compare row counts and content checksums of every table.
 */
class BackupRestoreTest {

    private static final String PG = System.getenv().getOrDefault("HIVEMATRIX_PG_TEST_BASE", "jdbc:postgresql://127.0.0.1:5432/");
    private static final List<String> DBS = List.of("helm_bk_alpha", "helm_bk_beta");
    private static final List<String> TABLES = List.of("company", "asset", "note");

    @TempDir
    Path dir;
    private String knowledgeTreeUrl = "http://127.0.0.1:1";
    private String coreUrl = "http://127.0.0.1:1";
    /** No Keycloak unless a test brings a scratch realm (port 1: nothing answers). */
    private String keycloakUrl = "http://127.0.0.1:1/keycloak";
    private String keycloakRealm = "hivematrix";

    /** Core as the backup sees it: a helm→knowledgetree service token for Helm's secret, nothing else. */
    static final class CoreStandIn extends LoopbackServer {
        CoreStandIn(String secret) {
            route("/service-token", ex -> {
                String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(("helm:" + secret).getBytes(StandardCharsets.UTF_8));
                boolean ok = expected.equals(ex.getRequestHeaders().getFirst("Authorization"))
                        && body(ex).replace(" ", "").contains("\"target_service\":\"knowledgetree\"");
                send(ex, ok ? 200 : 401, ok ? "{\"token\":\"tok-kt-1\"}" : "{\"error\":\"unauthorized\"}");
            });
            start();
        }
    }

    /** KnowledgeTree's health and export, the export only for Core's token. */
    static final class KnowledgeTreeStandIn extends LoopbackServer {
        KnowledgeTreeStandIn(String export, int exportStatus) {
            route("/health", ex -> send(ex, 200, "{\"status\":\"healthy\"}"));
            route("/admin/export", ex -> send(ex, "Bearer tok-kt-1".equals(ex.getRequestHeaders().getFirst("Authorization")) ? exportStatus : 401,
                    export));
            start();
        }
    }

    @BeforeEach
    void createDatabases() throws SQLException {
        dropAll();
        for (String db : DBS) {
            admin("CREATE DATABASE " + db);
            try (Connection c = connect(db); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE company (id bigserial PRIMARY KEY, name text NOT NULL, billing numeric(12,2), created timestamptz DEFAULT now())");
                st.execute("CREATE TABLE asset (id bigserial PRIMARY KEY, company_id bigint REFERENCES company(id), hostname text, data jsonb)");
                st.execute("CREATE INDEX asset_company ON asset(company_id)");
                st.execute("CREATE TABLE note (id bigserial PRIMARY KEY, body text)");
                st.execute("INSERT INTO company(name, billing) SELECT 'Company ' || i || ' ' || md5(i::text), i * 12.5 FROM generate_series(1, 300) i");
                st.execute("INSERT INTO asset(company_id, hostname, data) SELECT 1 + i % 300, 'host-' || i, jsonb_build_object('i', i, 'tags', jsonb_build_array('a', i % 7)) FROM generate_series(1, 2000) i");
                st.execute("INSERT INTO note(body) SELECT repeat('ünïcode ' || i, 3) FROM generate_series(1, " + (db.endsWith("alpha") ? 50 : 75) + ") i");
            }
        }
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        dropAll();
    }

    @Test
    void backupRestoresIntoEmptyDatabasesWithIdenticalContent() throws Exception {
        Map<String, Map<String, String>> before = fingerprints();
        // KnowledgeTree's attachments travel in the same archive
        Path uploads = Files.createDirectories(dir.resolve("uploads/ab"));
        byte[] binary = new byte[70_000];
        new java.util.Random(7).nextBytes(binary);
        Files.write(uploads.resolve("f0e1d2"), binary);
        Files.writeString(dir.resolve("uploads/readme"), "ünïcode attachment");
        Path archive = backup();
        assertThat(run(List.of("tar", "-tf", archive.toString())).stdout()).contains("./knowledgetree-uploads.tar");

        for (String db : DBS) {
            admin("DROP DATABASE " + db);
        }
        run(List.of("rm", "-rf", dir.resolve("uploads").toString()));
        Run restore = cli("restore", archive.toString());

        assertThat(restore.code()).as(restore.output()).isZero();
        assertThat(fingerprints()).isEqualTo(before);
        assertThat(Files.readAllBytes(dir.resolve("uploads/ab/f0e1d2"))).isEqualTo(binary);
        assertThat(Files.readString(dir.resolve("uploads/readme"))).isEqualTo("ünïcode attachment");
        try (Connection c = connect("helm_bk_alpha"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("INSERT INTO company(name) VALUES ('after restore') RETURNING id")) {
            rs.next();
            assertThat(rs.getLong(1)).as("sequences restored too").isEqualTo(301);
        }
    }

    @Test
    void withAKeyTheArchiveIsEncryptedAndRestoresOnlyWithThatKey() throws Exception {
        Map<String, Map<String, String>> before = fingerprints();
        Files.writeString(dir.resolve("backup.key"), "correct horse battery staple " + java.util.UUID.randomUUID() + "\n");
        Run made = cli("backup", "--db", DBS.get(0), "--db", DBS.get(1), "--out", dir.toString());
        assertThat(made.code()).as(made.output()).isZero();
        String[] lines = made.stdout().strip().split("\n");
        Path archive = Path.of(lines[lines.length - 1]);
        assertThat(archive.getFileName().toString()).matches("hivematrix-[0-9TZ.]+\\.tar\\.gpg");
        assertThat(Files.getPosixFilePermissions(archive)).hasSize(2);
        assertThat(run(List.of("tar", "-tf", archive.toString())).code()).as("not a readable tar without the key").isNotZero();
        assertThat(new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1)).doesNotContain("format hivematrix-backup");

        Path key = dir.resolve("backup.key");
        Files.move(key, dir.resolve("backup.key.kept"));
        Files.writeString(key, "another key\n");
        for (String db : DBS) {
            admin("DROP DATABASE " + db);
        }
        Run wrongKey = cli("restore", archive.toString());
        assertThat(wrongKey.code()).isNotZero();
        assertThat(wrongKey.output()).contains("cannot decrypt").contains("nothing was changed");
        assertThat(databaseExists(DBS.get(0))).isFalse();

        Files.move(dir.resolve("backup.key.kept"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run restore = cli("restore", archive.toString());
        assertThat(restore.code()).as(restore.output()).isZero();
        assertThat(fingerprints()).isEqualTo(before);
    }

    @Test
    void restoreReplacesChangedDataAfterASafetyBackup() throws Exception {
        Map<String, Map<String, String>> before = fingerprints();
        Path archive = backup();
        exec("helm_bk_beta", "DELETE FROM asset WHERE id % 2 = 0");
        exec("helm_bk_alpha", "INSERT INTO note(body) VALUES ('written after the backup')");

        Run restore = cli("restore", archive.toString(), "--only", "helm_bk_beta");

        assertThat(restore.code()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("safety backup of helm_bk_beta");
        assertThat(fingerprints().get("helm_bk_beta")).isEqualTo(before.get("helm_bk_beta"));
        assertThat(fingerprints().get("helm_bk_alpha").get("note")).startsWith("51|");
        try (var safety = Files.list(dir.resolve("backups/safety"))) {
            assertThat(safety.filter(p -> p.toString().endsWith(".tar"))).hasSize(1);
        }
    }

    @Test
    void damagedArchiveIsRefusedBeforeAnythingChanges() throws Exception {
        Path archive = backup();
        Path unpacked = Files.createDirectory(dir.resolve("unpacked"));
        assertThat(run(List.of("tar", "-C", unpacked.toString(), "-xf", archive.toString())).code()).isZero();
        Path dump = unpacked.resolve("helm_bk_alpha.dump");
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(dump, bytes);
        Path damaged = dir.resolve("damaged.tar");
        assertThat(run(List.of("tar", "-C", unpacked.toString(), "-cf", damaged.toString(), ".")).code()).isZero();
        exec("helm_bk_alpha", "INSERT INTO note(body) VALUES ('must survive')");
        Map<String, Map<String, String>> before = fingerprints();

        Run restore = cli("restore", damaged.toString());

        assertThat(restore.code()).isNotZero();
        assertThat(restore.output()).contains("damaged").contains("nothing was changed");
        assertThat(fingerprints()).isEqualTo(before);
        assertThat(dir.resolve("backups/safety")).doesNotExist();
    }

    @Test
    void knowledgeTreesGraphIsExportedWithAServiceTokenAndHandedBackForImport() throws Exception {
        Files.writeString(dir.resolve("helm.secret"), "s3cret-helm\n");
        String export = "[{\"path\":\"Procedures/Onboarding\",\"content\":\"# Onboarding ünï\",\"is_folder\":false}]";
        try (CoreStandIn core = new CoreStandIn("s3cret-helm"); KnowledgeTreeStandIn kt = new KnowledgeTreeStandIn(export, 200)) {
            coreUrl = core.url();
            knowledgeTreeUrl = kt.url();
            Path archive = backup();
            Path unpacked = Files.createDirectory(dir.resolve("graph-unpacked"));
            assertThat(run(List.of("tar", "-C", unpacked.toString(), "-xf", archive.toString())).code()).isZero();
            assertThat(Files.readString(unpacked.resolve("knowledgetree-graph.json"))).isEqualTo(export);
            assertThat(Files.readString(unpacked.resolve("MANIFEST"))).contains("graph knowledgetree knowledgetree-graph.json");
            assertThat(Files.readString(unpacked.resolve("SHA256SUMS"))).contains("  knowledgetree-graph.json");

            Run restore = cli("restore", archive.toString(), "--only", "knowledgetree-graph");
            assertThat(restore.code()).as(restore.output()).isZero();
            Path handedBack = dir.resolve("backups/restored/knowledgetree-graph-" + archive.getFileName().toString().replace(".tar", "") + ".json");
            assertThat(Files.readString(handedBack)).isEqualTo(export);
            assertThat(restore.output()).contains("import " + handedBack);
        }
    }

    @Test
    void keycloaksRealmWithItsUsersAndTheirGroupsIsExportedAndHandedBack() throws Exception {
        try (ScratchRealm realm = new ScratchRealm("helm-backup")) {
            Files.writeString(dir.resolve("helm-keycloak.secret"), realm.helmSecret + "\n");
            keycloakUrl = realm.keycloak.url();
            keycloakRealm = realm.name;
            Path archive = backup();
            Path unpacked = Files.createDirectory(dir.resolve("realm-unpacked"));
            assertThat(run(List.of("tar", "-C", unpacked.toString(), "-xf", archive.toString())).code()).isZero();
            assertThat(Files.readString(unpacked.resolve("MANIFEST"))).contains("realm keycloak keycloak-realm.json");
            assertThat(Files.readString(unpacked.resolve("SHA256SUMS"))).contains("  keycloak-realm.json");
            JsonNode export = JsonMapper.builder().build().readTree(unpacked.resolve("keycloak-realm.json").toFile());
            assertThat(export.path("format").asString()).isEqualTo("hivematrix-realm/1");
            assertThat(export.path("realm").path("realm").asString()).isEqualTo(realm.name);
            assertThat(export.path("groups").values()).extracting(g -> g.path("name").asString()).contains("admins", "technicians");
            JsonNode admin = export.path("users").values().stream().filter(u -> "admin".equals(u.path("username").asString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no admin user in " + export.path("users")));
            assertThat(admin.path("groups").values()).extracting(JsonNode::asString).containsExactly("/admins");
            assertThat(admin.has("credentials")).isFalse();

            Run restore = cli("restore", archive.toString());
            assertThat(restore.code()).as(restore.output()).isZero();
            Path handedBack = dir.resolve("backups/restored/keycloak-realm-" + archive.getFileName().toString().replace(".tar", "") + ".json");
            assertThat(handedBack).hasSameTextualContentAs(unpacked.resolve("keycloak-realm.json"));
            assertThat(restore.output()).contains(handedBack.toString());

            Files.writeString(dir.resolve("helm-keycloak.secret"), "not-the-secret\n");
            Run refused = cli("backup", "--db", DBS.get(0), "--out", dir.resolve("refused").toString());
            assertThat(refused.code()).isNotZero();
            assertThat(refused.output()).contains("Keycloak refused Helm's account");
        }
    }

    @Test
    void aRunningKnowledgeTreeWhoseExportFailsFailsTheBackup() throws Exception {
        Files.writeString(dir.resolve("helm.secret"), "s3cret-helm\n");
        try (CoreStandIn core = new CoreStandIn("s3cret-helm"); KnowledgeTreeStandIn kt = new KnowledgeTreeStandIn("{}", 503)) {
            coreUrl = core.url();
            knowledgeTreeUrl = kt.url();
            Run r = cli("backup", "--db", DBS.get(0), "--out", dir.toString());
            assertThat(r.code()).isNotZero();
            assertThat(r.output()).contains("KnowledgeTree's export").contains("failed");
            try (var files = Files.list(dir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".tar"))).isEmpty();
            }
            Run without = cli("backup", "--db", DBS.get(0), "--out", dir.toString(), "--no-graph");
            assertThat(without.code()).as(without.output()).isZero();
        }
    }

    @Test
    void retentionKeepsTheNewestOfSevenDaysFourWeeksAndTwelveMonths() throws Exception {
        Path out = Files.createDirectories(dir.resolve("retention"));
        Files.createDirectories(out.resolve("safety"));
        Files.createFile(out.resolve("safety/hivematrix-20200101T000000.000Z.tar"));
        Files.createFile(out.resolve("notes.txt"));
        List<String> made = new ArrayList<>();
        for (int day = 1; day <= 20; day++) {
            made.add(String.format("hivematrix-202503%02dT020000.000Z.tar", day));
        }
        made.add("hivematrix-20250320T010000.000Z.tar");
        for (String month : List.of("202401", "202402", "202403", "202404", "202405", "202406", "202407", "202408", "202409",
                "202410", "202411", "202412", "202501", "202502")) {
            made.add("hivematrix-" + month + "01T030000.000Z.tar");
        }
        for (String f : made) {
            Files.createFile(out.resolve(f));
        }

        Run r = cli("backup", "--prune-only", "--out", out.toString());

        assertThat(r.code()).as(r.output()).isZero();
        List<String> kept;
        try (var files = Files.list(out)) {
            kept = files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("hivematrix-")).sorted().toList();
        }
        // days: 14th-20th (the 20th's later archive); ISO weeks: 17-23, 10-16, 3-9 (the 9th), 24 Feb-2 Mar (the 2nd);
        // months: March 2025 back to April 2024
        List<String> expected = new ArrayList<>(List.of("202404", "202405", "202406", "202407", "202408", "202409", "202410",
                "202411", "202412", "202501", "202502").stream().map(m -> "hivematrix-" + m + "01T030000.000Z.tar").toList());
        for (int day : new int[] {2, 9, 14, 15, 16, 17, 18, 19, 20}) {
            expected.add(String.format("hivematrix-202503%02dT020000.000Z.tar", day));
        }
        assertThat(kept).containsExactlyElementsOf(expected.stream().sorted().toList());
        assertThat(out.resolve("safety/hivematrix-20200101T000000.000Z.tar")).exists();
        assertThat(out.resolve("notes.txt")).exists();
        assertThat(r.stderr()).contains("retention: deleted hivematrix-20250320T010000.000Z.tar");
    }

    @Test
    void unknownDatabaseIsRefused() throws Exception {
        Run r = cli("backup", "--db", "helm_bk_missing", "--out", dir.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.output()).contains("database helm_bk_missing does not exist");
        Run bad = cli("backup", "--db", "x; drop", "--out", dir.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.output()).contains("is not a database name");
    }

    private Path backup() throws Exception {
        Run r = cli("backup", "--db", DBS.get(0), "--db", DBS.get(1), "--out", dir.toString());
        assertThat(r.code()).as(r.output()).isZero();
        String[] lines = r.stdout().strip().split("\n");
        Path archive = Path.of(lines[lines.length - 1]);
        assertThat(archive).exists().hasParent(dir);
        assertThat(Files.getPosixFilePermissions(archive)).hasSize(2);
        Run list = run(List.of("tar", "-tf", archive.toString()));
        assertThat(list.stdout()).contains("./MANIFEST", "./SHA256SUMS", "./helm_bk_alpha.dump", "./config/services.json");
        return archive;
    }

    /** Per database, per table: "count|md5 of every row in id order". */
    private Map<String, Map<String, String>> fingerprints() throws SQLException {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (String db : DBS) {
            Map<String, String> tables = new LinkedHashMap<>();
            try (Connection c = connect(db); Statement st = c.createStatement()) {
                for (String t : TABLES) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) || '|' || coalesce(md5(string_agg(t::text, ',' ORDER BY id)), '') FROM " + t + " t")) {
                        rs.next();
                        tables.put(t, rs.getString(1));
                    }
                }
            }
            all.put(db, tables);
        }
        return all;
    }

    private Run cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(RepoRoot.get().resolve("deploy/hivematrix").toString());
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private Run run(List<String> cmd) throws IOException, InterruptedException {
        Path errFile = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(errFile.toFile());
        pb.environment().put("HIVEMATRIX_BACKUP_DIR", dir.resolve("backups").toString());
        pb.environment().put("KNOWLEDGETREE_UPLOAD_DIR", dir.resolve("uploads").toString());
        // no KnowledgeTree unless a test starts a stand-in (port 1: nothing answers)
        pb.environment().put("HIVEMATRIX_KNOWLEDGETREE_URL", knowledgeTreeUrl);
        pb.environment().put("HIVEMATRIX_CORE_URL", coreUrl);
        pb.environment().put("HIVEMATRIX_HELM_SECRET_FILE", dir.resolve("helm.secret").toString());
        pb.environment().put("HIVEMATRIX_KEYCLOAK_URL", keycloakUrl);
        pb.environment().put("HIVEMATRIX_KEYCLOAK_REALM", keycloakRealm);
        pb.environment().put("HIVEMATRIX_HELM_KEYCLOAK_SECRET_FILE", dir.resolve("helm-keycloak.secret").toString());
        // no encryption unless a test writes this key file
        pb.environment().put("HIVEMATRIX_BACKUP_KEY_FILE", dir.resolve("backup.key").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(errFile, StandardCharsets.UTF_8));
    }

    record Run(int code, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static boolean databaseExists(String db) throws SQLException {
        try (Connection c = connect("postgres"); java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void exec(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void admin(String sql) throws SQLException {
        exec("postgres", sql);
    }

    private static void dropAll() throws SQLException {
        for (String db : DBS) {
            for (String suffix : List.of("", "_restoring", "_pre_restore")) {
                admin("DROP DATABASE IF EXISTS " + db + suffix + " WITH (FORCE)");
            }
        }
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(PG + db, System.getenv().getOrDefault("HIVEMATRIX_PG_USER", "postgres"),
                System.getenv().getOrDefault("HIVEMATRIX_PG_PASSWORD", ""));
    }
}
