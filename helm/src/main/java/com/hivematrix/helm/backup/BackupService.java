package com.hivematrix.helm.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.hivematrix.helm.HelmProperties;
import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.problem.ProblemException;

/**
 * The backups page's side of {@code deploy/hivematrix backup}: the launcher owns the archive
 * format, checksums and retention, so Helm only lists the archives and runs the launcher's
 * command, one run at a time, remembering how the last run ended.
 */
@Service
public class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final int OUTPUT_LINES = 20;

    private final Path home;
    private final Path dir;
    private final HelmProperties.Backup cfg;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "helm-backup");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<BackupRun> current = new AtomicReference<>();
    private volatile BackupRun last;

    public BackupService(HivematrixProperties props, HelmProperties helm) {
        this.home = props.getHome();
        this.cfg = helm.getBackup();
        this.dir = cfg.getDir().isBlank() ? home.resolve("var/backups") : Path.of(cfg.getDir());
    }

    /**
     * How a run went.
     *
     * @param state running, succeeded or failed
     * @param output the last lines the command printed
     */
    public record BackupRun(String state, Instant started, Instant finished, Integer exitCode, String archive, List<String> output) {
    }

    /** Archives, newest first: the regular ones, then the safety backups. */
    public List<BackupArchive> archives() {
        List<BackupArchive> all = new ArrayList<>(list(dir, false));
        all.addAll(list(dir.resolve("safety"), true));
        return all;
    }

    public BackupRun running() {
        return current.get();
    }

    public BackupRun last() {
        return last;
    }

    /** Starts a backup in the background; 409 while one runs. */
    public BackupRun start() {
        BackupRun run = new BackupRun("running", Instant.now(), null, null, null, List.of());
        if (!current.compareAndSet(null, run)) {
            throw ProblemException.conflict("a backup is already running (started " + current.get().started() + ")");
        }
        runner.execute(() -> {
            BackupRun done = execute(run.started());
            last = done;
            current.set(null);
        });
        return run;
    }

    private BackupRun execute(Instant started) {
        List<String> command = new ArrayList<>(Arrays.asList(cfg.getCommand().trim().split("\\s+")));
        if (!command.get(0).startsWith("/")) {
            command.set(0, home.resolve(command.get(0)).toString());
        }
        try {
            Path out = Files.createTempFile("helm-backup", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.environment().put("HIVEMATRIX_BACKUP_DIR", dir.toString());
                Process p = pb.start();
                boolean finished = p.waitFor(cfg.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
                List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
                List<String> tail = lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size());
                int code = finished ? p.exitValue() : -1;
                // the launcher prints the archive's path as its last line
                String archive = code == 0 && !lines.isEmpty() ? Path.of(lines.get(lines.size() - 1).trim()).getFileName().toString() : null;
                log.info("backup finished with exit code {}{}", code, archive != null ? ": " + archive : "");
                return new BackupRun(code == 0 ? "succeeded" : "failed", started, Instant.now(), code, archive,
                        finished ? List.copyOf(tail) : List.of("timed out after " + cfg.getTimeout().toMinutes() + " min"));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new BackupRun("failed", started, Instant.now(), null, null, List.of("could not run " + command.get(0) + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BackupRun("failed", started, Instant.now(), null, null, List.of("interrupted"));
        }
    }

    private static List<BackupArchive> list(Path dir, boolean safety) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("hivematrix-[0-9TZ.]+\\.tar(\\.gpg)?") && Files.isRegularFile(f))
                    .map(f -> {
                        try {
                            return new BackupArchive(f.getFileName().toString(), Files.size(f),
                                    Files.getLastModifiedTime(f).toInstant(), safety);
                        } catch (IOException e) {
                            return null;
                        }
                    })
                    .filter(java.util.Objects::nonNull)
                    .sorted(Comparator.comparing(BackupArchive::name).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @PreDestroy
    void shutdown() {
        runner.shutdownNow();
    }
}
