package com.hivematrix.helm.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class-data archives against a real Spring Boot jar (Core's, built earlier in the reactor) and real JVMs. */
class StartupArchivesTest {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final String JAVA = JAVA_HOME.resolve("bin/java").toString();

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killChildren() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aBootJarIsExtractedOnceAndItsFirstRunRecordsAnArchive() throws Exception {
        Path jar = coreJar();
        StartupArchives archives = new StartupArchives(dir.resolve("cds"), JAVA_HOME);
        ProcessSpec spec = bootSpec(jar);

        StartupArchives.Launch first = archives.launch(spec);

        Path build = archives.prepare(jar);
        assertThat(build).isNotNull().startsWith(dir.resolve("cds/core"));
        Path extracted = build.resolve("app/core.jar");
        assertThat(extracted).isRegularFile();
        try (var libs = Files.list(build.resolve("app/lib"))) {
            assertThat(libs.filter(p -> p.getFileName().toString().startsWith("spring-boot-")).count()).isPositive();
        }
        assertThat(first.archive().archive()).isEqualTo(build.resolve("core.jsa"));
        assertThat(first.archive().written().getParent()).isEqualTo(build);
        assertThat(first.command()).containsExactly(JAVA, "-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + first.archive().written(),
                "-Xlog:cds*=error", "-jar", extracted.toString(), "--spring.main.banner-mode=off");

        // extracted once: a second launch (a replica, a restart) reuses the directory as it is, writing its own file
        long extractedAt = Files.getLastModifiedTime(extracted).toMillis();
        StartupArchives.Launch replica = archives.launch(spec);
        assertThat(replica.command()).contains(extracted.toString());
        assertThat(replica.archive().written()).isNotEqualTo(first.archive().written());
        assertThat(Files.getLastModifiedTime(extracted).toMillis()).isEqualTo(extractedAt);

        // a clean exit that wrote no archive: not tried at every start, a plain extracted run
        archives.collect(first.archive(), 143);
        assertThat(build.resolve("dump-attempted")).isRegularFile();
        StartupArchives.Launch afterFailedDump = archives.launch(spec);
        assertThat(afterFailedDump.command()).noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit")).contains(extracted.toString());
        assertThat(afterFailedDump.archive()).isNull();

        // an archive present: every start maps it
        Files.writeString(build.resolve("core.jsa"), "archive");
        assertThat(archives.launch(spec).command()).contains("-XX:SharedArchiveFile=" + build.resolve("core.jsa"), "-Xshare:auto");
    }

    @Test
    void aRebuiltJarGetsAFreshBuildDirectory() throws Exception {
        Path jar = Files.copy(coreJar(), dir.resolve("core.jar"));
        StartupArchives archives = new StartupArchives(dir.resolve("cds"), JAVA_HOME);
        Path before = archives.prepare(jar);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        Path after = archives.prepare(jar);

        assertThat(after).isNotEqualTo(before);
        assertThat(after.resolve("app/core.jar")).isRegularFile();
        assertThat(archives.launch(bootSpec(jar)).archive().archive()).isEqualTo(after.resolve("core.jsa"));
    }

    @Test
    void whatIsNotABootJarRunsAsPlanned() {
        StartupArchives archives = new StartupArchives(dir.resolve("cds"), JAVA_HOME);
        ProcessSpec neo4j = new ProcessSpec("neo4j", 1, List.of("deploy/neo4j-run"), Map.of(), dir, HealthProbe.ALIVE,
                "neo4j", Duration.ofSeconds(30), null, 0, null);
        assertThat(archives.launch(neo4j)).isEqualTo(new StartupArchives.Launch(neo4j.command(), null));
    }

    @Test
    void aJvmStoppedCleanlyLeavesItsArchiveAndTheNextStartLoadsClassesFromIt() throws Exception {
        Path jar = childJar();
        Path build = Files.createDirectories(dir.resolve("cds/child/build"));
        StartupArchives archives = new StartupArchives(dir.resolve("cds"), JAVA_HOME);
        StartupArchives.PendingArchive pending = new StartupArchives.PendingArchive(build.resolve("child.jsa.a.tmp"), build.resolve("child.jsa"));
        int port = freePort();
        Process recording = start(List.of(JAVA, "-XX:ArchiveClassesAtExit=" + pending.written(), "-jar", jar.toString(),
                Integer.toString(port), dir.resolve("starts").toString()), dir.resolve("recording.log"));
        awaitHealthy(port);
        assertThat(pending.written()).doesNotExist();

        // SIGTERM, as Helm stops a process: the JVM writes the archive on its way out
        recording.destroy();
        int code = recording.waitFor();
        assertThat(code).isEqualTo(143);
        archives.collect(pending, code);

        assertThat(pending.archive()).isRegularFile();
        assertThat(pending.written()).doesNotExist();
        assertThat(build.resolve("dump-attempted")).doesNotExist();
        // a replica exiting later does not replace the archive the others now map
        long kept = Files.getLastModifiedTime(pending.archive()).toMillis();
        StartupArchives.PendingArchive replica = new StartupArchives.PendingArchive(build.resolve("child.jsa.b.tmp"), pending.archive());
        Files.writeString(replica.written(), "another archive");
        archives.collect(replica, 0);
        assertThat(Files.getLastModifiedTime(pending.archive()).toMillis()).isEqualTo(kept);
        assertThat(replica.written()).doesNotExist();

        // -Xshare:on refuses to start unless the archive maps; the class-load log names where TestChild came from
        int port2 = freePort();
        Path log = dir.resolve("mapped.log");
        start(List.of(JAVA, "-XX:SharedArchiveFile=" + pending.archive(), "-Xshare:on", "-Xlog:class+load=info", "-jar", jar.toString(),
                Integer.toString(port2), dir.resolve("starts").toString()), log);
        awaitHealthy(port2);
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains(TestChild.class.getName()) && l.contains("shared objects file (top)"));
    }

    @Test
    void aKilledJvmsHalfWrittenArchiveIsDroppedAndTheNextRunRecordsAgain() throws Exception {
        Path build = Files.createDirectories(dir.resolve("cds/child/build"));
        StartupArchives archives = new StartupArchives(dir.resolve("cds"), JAVA_HOME);
        StartupArchives.PendingArchive pending = new StartupArchives.PendingArchive(build.resolve("child.jsa.c.tmp"), build.resolve("child.jsa"));
        Files.writeString(pending.written(), "cut short by SIGKILL");

        archives.collect(pending, 137);

        assertThat(pending.written()).doesNotExist();
        assertThat(pending.archive()).doesNotExist();
        assertThat(build.resolve("dump-attempted")).doesNotExist();
    }

    private static ProcessSpec bootSpec(Path jar) {
        return new ProcessSpec("core", 1, List.of(JAVA, "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--spring.main.banner-mode=off"),
                Map.of(), jar.getParent(), HealthProbe.ALIVE, "/core.jar", Duration.ofSeconds(30), null, 0, jar);
    }

    private static Path coreJar() {
        Path jar = Path.of("../core/target/core.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("StartupArchivesTest extracts Core's Spring Boot jar: mvn -B -pl core package (missing " + jar + ")");
        }
        return jar;
    }

    /** TestChild and nothing else in a jar: CDS archives classes from jars only, never from directories. */
    private Path childJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TestChild.class.getName());
        Path jar = dir.resolve("child.jar");
        String entry = TestChild.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest);
                var in = TestChild.class.getClassLoader().getResourceAsStream(entry)) {
            jos.putNextEntry(new JarEntry(entry));
            in.transferTo(jos);
            jos.closeEntry();
        }
        return jar;
    }

    private Process start(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    private static void awaitHealthy(int port) {
        HttpHealthProbe probe = new HttpHealthProbe(URI.create("http://127.0.0.1:" + port + "/health"));
        await().atMost(Duration.ofSeconds(60)).until(() -> probe.check().healthy());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
