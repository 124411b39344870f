package com.hivematrix.helm.supervisor;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing (AppCDS) for the Spring Boot services. A crash costs the service's start-up
 * (kill -9 → healthy, docs/PERFORMANCE.md), and a class-data archive roughly halves the CPU a start
 * burns. The JVM cannot archive classes loaded from a fat jar's nested jars, so each jar is extracted
 * once with Spring Boot's own tools ({@code -Djarmode=tools extract}) into
 * {@code var/cds/<module>/<build>/}; the first run from there keeps what a dump needs
 * ({@code -XX:+RecordDynamicDumpInfo}) and, once it is healthy, Helm has that JVM write its dynamic
 * archive ({@code jcmd <pid> VM.cds dynamic_dump}); every later start maps the archive
 * ({@code -XX:SharedArchiveFile}). A rebuilt jar or another JDK is another build directory. Whatever
 * fails here leaves the service on its plain jar: the archive only ever makes a start faster.
 */
public final class StartupArchives {

    /** Launch with this command; when {@code dumpTo} is set, dump the archive there once the process is healthy. */
    public record Launch(List<String> command, Path dumpTo) {
    }

    private static final Logger log = LoggerFactory.getLogger(StartupArchives.class);
    private static final String ATTEMPTED = "dump-attempted";
    private static final long EXTRACT_TIMEOUT_S = 120;
    private static final long DUMP_TIMEOUT_S = 120;

    private final Path root;
    private final Path java;
    private final Path jcmd;
    /** Dumps one at a time, apart from extraction's lock: a launch never waits for a dump. */
    private final Object dumpLock = new Object();

    /** {@code root} is var/cds; {@code javaHome} the JDK that runs the services and owns jcmd. */
    public StartupArchives(Path root, Path javaHome) {
        this.root = root;
        this.java = javaHome.resolve("bin/java");
        this.jcmd = javaHome.resolve("bin/jcmd");
    }

    /** The command for {@code spec}: its plain command unless it runs a Spring Boot jar that could be extracted. */
    public Launch launch(ProcessSpec spec) {
        Path jar = spec.bootJar();
        int at = spec.command().indexOf("-jar");
        if (jar == null || at < 0 || !Files.isExecutable(jcmd)) {
            return new Launch(spec.command(), null);
        }
        Path build = prepare(jar);
        if (build == null) {
            return new Launch(spec.command(), null);
        }
        Path archive = archive(build, jar);
        List<String> command = new ArrayList<>(spec.command().subList(0, at));
        Path dumpTo = null;
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
            command.add("-Xshare:auto");
        } else if (!Files.exists(build.resolve(ATTEMPTED))) {
            command.add("-XX:+RecordDynamicDumpInfo");
            // the dump lists every class it leaves out as a warning: hundreds of lines in the service's output
            command.add("-Xlog:cds*=error");
            dumpTo = archive;
        }
        command.add("-jar");
        command.add(build.resolve("app").resolve(jar.getFileName()).toString());
        command.addAll(spec.command().subList(at + 2, spec.command().size()));
        return new Launch(command, dumpTo);
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

    /**
     * Has the healthy JVM {@code pid} (launched with {@code -XX:+RecordDynamicDumpInfo}) write its
     * archive to {@code archive}. Tried once per build: a failed dump is not repeated at every start,
     * and of replicas recording at the same time only the first dumps.
     */
    public void dump(long pid, Path archive) {
        synchronized (dumpLock) {
            dumpOnce(pid, archive);
        }
    }

    private void dumpOnce(long pid, Path archive) {
        Path build = archive.getParent();
        Path tmp = build.resolve(archive.getFileName() + "." + pid + ".tmp");
        try {
            if (Files.exists(archive) || Files.exists(build.resolve(ATTEMPTED))) {
                return;
            }
            Files.writeString(build.resolve(ATTEMPTED), Long.toString(pid));
            Files.deleteIfExists(tmp);
            long started = System.nanoTime();
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.cds", "dynamic_dump", tmp.toString())
                    .redirectErrorStream(true).redirectOutput(build.resolve("dump.log").toFile()).start();
            if (!p.waitFor(DUMP_TIMEOUT_S, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                p.destroyForcibly();
                log.warn("no class-data archive for {}: the dump failed (see {})", build, build.resolve("dump.log"));
                return;
            }
            move(tmp, archive);
            log.info("class-data archive written in {} ms (the JVM pid {} stood still meanwhile): {} ({} MB); the next start of {} uses it",
                    (System.nanoTime() - started) / 1_000_000, pid, archive, Files.size(archive) / (1024 * 1024),
                    build.getParent().getFileName());
        } catch (IOException e) {
            log.warn("no class-data archive for {}: {}", build, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
