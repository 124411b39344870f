package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing (AppCDS) for the Spring Boot services. A crash costs the service's start-up
 * (kill -9 → healthy, docs/PERFORMANCE.md), and a class-data archive roughly halves the CPU a start
 * burns. The JVM cannot archive classes loaded from a fat jar's nested jars, so each jar is extracted
 * once with Spring Boot's own tools ({@code -Djarmode=tools extract}) into
 * {@code var/cds/<module>/<build>/}; a run from there without an archive writes one when it stops
 * cleanly ({@code -XX:ArchiveClassesAtExit}, on SIGTERM as on a normal exit), so the first stop or
 * restart after a build pays for it — after the service has stopped serving — and every later start
 * maps it ({@code -XX:SharedArchiveFile}). Writing it while the service runs ({@code jcmd VM.cds
 * dynamic_dump}) stood the JVM still for 9–25 s on a loaded machine, requests and all. A rebuilt jar
 * or another JDK is another build directory. Whatever fails here leaves the service on its plain
 * jar: the archive only ever makes a start faster.
 */
public final class StartupArchives {

    /** Launch with this command; when {@code archive} is set, the process writes one as it exits. */
    public record Launch(List<String> command, PendingArchive archive) {
    }

    /** The JVM writes {@code written} when it exits; Helm keeps it as {@code archive} if that exit was clean. */
    public record PendingArchive(Path written, Path archive) {
    }

    private static final Logger log = LoggerFactory.getLogger(StartupArchives.class);
    private static final String ATTEMPTED = "dump-attempted";
    private static final long EXTRACT_TIMEOUT_S = 120;
    /** Exit codes of a JVM that ran its exit path (and so wrote its archive): System.exit(0) and SIGTERM. */
    private static final Set<Integer> CLEAN_EXITS = Set.of(0, 143);

    private final Path root;
    private final Path java;
    /** Replicas exiting together: one keeps its archive, apart from extraction's lock. */
    private final Object collectLock = new Object();

    /** {@code root} is var/cds; {@code javaHome} the JDK that runs the services. */
    public StartupArchives(Path root, Path javaHome) {
        this.root = root;
        this.java = javaHome.resolve("bin/java");
    }

    /** The command for {@code spec}: its plain command unless it runs a Spring Boot jar that could be extracted. */
    public Launch launch(ProcessSpec spec) {
        Path jar = spec.bootJar();
        int at = spec.command().indexOf("-jar");
        if (jar == null || at < 0) {
            return new Launch(spec.command(), null);
        }
        Path build = prepare(jar);
        if (build == null) {
            return new Launch(spec.command(), null);
        }
        Path archive = archive(build, jar);
        List<String> command = new ArrayList<>(spec.command().subList(0, at));
        PendingArchive pending = null;
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
            command.add("-Xshare:auto");
        } else if (!Files.exists(build.resolve(ATTEMPTED))) {
            // each run its own file: replicas exit at different times, the first clean one is kept
            pending = new PendingArchive(build.resolve(archive.getFileName() + "." + UUID.randomUUID() + ".tmp"), archive);
            command.add("-XX:ArchiveClassesAtExit=" + pending.written());
            // the dump lists every class it leaves out as a warning: hundreds of lines in the service's output
            command.add("-Xlog:cds*=error");
        }
        command.add("-jar");
        command.add(build.resolve("app").resolve(jar.getFileName()).toString());
        command.addAll(spec.command().subList(at + 2, spec.command().size()));
        return new Launch(command, pending);
    }

    /**
     * After a process launched with {@code pending} exited with {@code exitCode}: a clean exit's
     * archive becomes the build's (unless another replica's already is); a clean exit without one
     * means the JVM could not write it, so later runs do not try again; a killed JVM's half-written
     * file is dropped, and the next run records afresh.
     */
    public void collect(PendingArchive pending, Integer exitCode) {
        synchronized (collectLock) {
            keep(pending, exitCode);
        }
    }

    private void keep(PendingArchive pending, Integer exitCode) {
        Path written = pending.written();
        try {
            boolean clean = exitCode != null && CLEAN_EXITS.contains(exitCode);
            if (!clean || Files.exists(pending.archive())) {
                Files.deleteIfExists(written);
                return;
            }
            if (!Files.isRegularFile(written) || Files.size(written) == 0) {
                Files.writeString(pending.archive().resolveSibling(ATTEMPTED), "exit code " + exitCode + ", no archive written");
                log.warn("no class-data archive for {}: the JVM wrote none as it exited (its output says why)", pending.archive().getParent());
                Files.deleteIfExists(written);
                return;
            }
            move(written, pending.archive());
            log.info("class-data archive written as {} stopped: {} ({} MB); its next start uses it",
                    pending.archive().getParent().getParent().getFileName(), pending.archive(), Files.size(pending.archive()) / (1024 * 1024));
        } catch (IOException e) {
            log.warn("no class-data archive for {}: {}", pending.archive().getParent(), e.toString());
        }
    }

    /**
     * Extracts {@code jar} unless this build of it is extracted already; returns the build directory,
     * or null when extraction failed (logged). Several replicas of one module extract it once.
     */
    public synchronized Path prepare(Path jar) {
        Path build;
        try {
            build = root.resolve(module(jar)).resolve(Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis()
                    + "-java" + Runtime.version().feature() + "." + Runtime.version().interim() + "." + Runtime.version().update());
        } catch (IOException e) {
            log.warn("class-data sharing off for {}: {}", jar, e.toString());
            return null;
        }
        Path app = build.resolve("app");
        if (Files.isRegularFile(app.resolve(jar.getFileName()))) {
            return build;
        }
        Path tmp = build.resolve("app.tmp");
        try {
            deleteTree(tmp);
            Files.createDirectories(build);
            Process p = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", tmp.toString())
                    .redirectErrorStream(true).redirectOutput(build.resolve("extract.log").toFile()).start();
            if (!p.waitFor(EXTRACT_TIMEOUT_S, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                log.warn("class-data sharing off for {}: extracting it failed (see {})", jar, build.resolve("extract.log"));
                return null;
            }
            move(tmp, app);
            removeOlderBuilds(build);
            return build;
        } catch (IOException e) {
            log.warn("class-data sharing off for {}: {}", jar, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Path archive(Path build, Path jar) {
        return build.resolve(module(jar) + ".jsa");
    }

    private static String module(Path jar) {
        return jar.getFileName().toString().replaceFirst("\\.jar$", "");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Older builds of the module go, except the one before this: a process still running it (a
     * replica not yet restarted onto the new jar) reads classes from it lazily.
     */
    private static void removeOlderBuilds(Path build) throws IOException {
        List<Path> others;
        try (Stream<Path> builds = Files.list(build.getParent())) {
            others = builds.filter(p -> !p.equals(build))
                    .sorted(Comparator.comparing(StartupArchives::modified).reversed()).toList();
        }
        for (Path old : others.subList(Math.min(1, others.size()), others.size())) {
            deleteTree(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
