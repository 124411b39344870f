package com.hivematrix.helm.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor against real child processes: a small Java program serving /health (TestChild)
 * and shell commands. Every wait is on a condition (Awaitility), never a fixed sleep.
 */
class SupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SupervisorPolicy FAST = new SupervisorPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 3,
            Duration.ofMinutes(5), 3, Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofSeconds(3), 4096, 2);

    @TempDir
    Path dir;

    private final List<Supervisor> supervisors = new ArrayList<>();
    private final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() {
        for (Supervisor s : supervisors) {
            s.stopAll();
            s.close();
        }
    }

    @Test
    void startsGroupsInOrderEachHealthyBeforeTheNext() throws Exception {
        Supervisor sup = supervisor(List.of(
                javaChild("nexus", 3, freePort(), "-", "-"),
                javaChild("core", 1, freePort(), "-", "-"),
                javaChild("codex", 2, freePort(), "-", "-"),
                javaChild("ledger", 2, freePort(), "-", "-")));

        sup.startAll();

        assertThat(sup.statuses()).allSatisfy(s -> assertThat(s.state()).isEqualTo(ProcessState.RUNNING));
        assertThat(sup.statuses()).extracting(ProcessStatus::name).containsExactly("core", "codex", "ledger", "nexus");
        int coreHealthy = indexOf("core", ProcessState.RUNNING);
        assertThat(indexOf("codex", ProcessState.STARTING)).isGreaterThan(coreHealthy);
        assertThat(indexOf("ledger", ProcessState.STARTING)).isGreaterThan(coreHealthy);
        int nexusStarting = indexOf("nexus", ProcessState.STARTING);
        assertThat(nexusStarting).isGreaterThan(indexOf("codex", ProcessState.RUNNING))
                .isGreaterThan(indexOf("ledger", ProcessState.RUNNING));
        for (String name : List.of("core", "codex", "ledger", "nexus")) {
            long pid = sup.status(name).pid();
            assertThat(Files.readString(dir.resolve("run/" + name + ".pid")).trim()).isEqualTo(Long.toString(pid));
            assertThat(lines(starts(name))).hasSize(1);
            assertThat(Files.readString(dir.resolve("log/" + name + ".log"))).contains("test child listening on");
        }
    }

    @Test
    void killedProcessIsRestartedAndBecomesHealthyAgain() throws Exception {
        Supervisor sup = supervisor(List.of(javaChild("codex", 1, freePort(), "-", "-")));
        sup.startAll();
        long first = sup.status("codex").pid();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        await().atMost(WAIT).until(() -> sup.status("codex").state() == ProcessState.RUNNING
                && sup.status("codex").pid() != null && sup.status("codex").pid() != first);
        assertThat(sup.status("codex").restarts()).isEqualTo(1);
        assertThat(sup.status("codex").lastExitCode()).isEqualTo(137);
        assertThat(lines(starts("codex"))).hasSize(2);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("codex");
            assertThat(e.state()).isEqualTo(ProcessState.BACKOFF);
            assertThat(e.detail()).contains("crashed (exit code 137)");
        });
    }

    @Test
    void crashLoopBacksOffExponentiallyThenGivesUp() throws Exception {
        Path starts = starts("flaky");
        ProcessSpec flaky = shell("flaky", 1, "echo \"$$ $(date +%s%3N)\" >> '" + starts + "'; echo 'boom: no config'; exit 3");
        Supervisor sup = supervisor(List.of(flaky));

        sup.start("flaky");

        await().atMost(WAIT).until(() -> sup.status("flaky").state() == ProcessState.FAILED);
        ProcessStatus status = sup.status("flaky");
        assertThat(status.restarts()).isEqualTo(3);
        assertThat(status.lastExitCode()).isEqualTo(3);
        assertThat(status.lastError()).contains("boom: no config");
        List<String> launches = lines(starts);
        assertThat(launches).hasSize(4);
        long[] times = launches.stream().mapToLong(l -> Long.parseLong(l.split(" ")[1])).toArray();
        for (int i = 1; i < times.length; i++) {
            assertThat(times[i] - times[i - 1]).as("gap before launch " + i).isGreaterThanOrEqualTo(FAST.backoff(i).toMillis());
        }
        assertThat(events.stream().filter(e -> e.state() == ProcessState.BACKOFF).map(SupervisorEvent::detail))
                .hasSize(3).allSatisfy(d -> assertThat(d).contains("failed to start (exit code 3)"))
                .anySatisfy(d -> assertThat(d).endsWith("in 200 ms"))
                .anySatisfy(d -> assertThat(d).endsWith("in 400 ms"))
                .anySatisfy(d -> assertThat(d).endsWith("in 800 ms"));
        assertThat(dir.resolve("run/flaky.pid")).doesNotExist();

        sup.start("flaky");
        await().atMost(WAIT).until(() -> lines(starts).size() == 5);
    }

    @Test
    void persistentlyUnhealthyProcessIsRestarted() throws Exception {
        Path flag = dir.resolve("codex.unhealthy");
        Supervisor sup = supervisor(List.of(javaChild("codex", 1, freePort(), flag.toString(), "-")));
        sup.startAll();
        long first = sup.status("codex").pid();

        Files.writeString(flag, "sick");
        await().atMost(WAIT).until(() -> lines(starts("codex")).size() == 2);
        Files.delete(flag);

        await().atMost(WAIT).until(() -> sup.status("codex").state() == ProcessState.RUNNING && sup.status("codex").pid() != first);
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(events).anySatisfy(e -> assertThat(e.detail()).contains("unhealthy for 3 probes"));
    }

    @Test
    void stopTerminatesTheWholeTree() throws Exception {
        Path grandchildPid = dir.resolve("grandchild.pid");
        Supervisor sup = supervisor(List.of(javaChild("codex", 1, freePort(), "-", grandchildPid.toString())));
        sup.startAll();
        long child = sup.status("codex").pid();
        long grandchild = Long.parseLong(Files.readString(grandchildPid).trim());
        assertThat(ProcessHandle.of(grandchild).orElseThrow().parent().map(ProcessHandle::pid)).contains(child);

        sup.stop("codex");

        assertThat(alive(child)).isFalse();
        assertThat(alive(grandchild)).isFalse();
        assertThat(sup.status("codex").state()).isEqualTo(ProcessState.STOPPED);
        assertThat(dir.resolve("run/codex.pid")).doesNotExist();
        assertThat(lines(starts("codex"))).hasSize(1);
    }

    @Test
    void treeIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        Path pids = dir.resolve("stubborn.pids");
        Supervisor sup = supervisor(List.of(shell("stubborn", 1,
                "trap '' TERM; sleep 600 & echo $! > '" + pids + "'; while :; do wait; done")));
        sup.startAll();
        await().atMost(WAIT).until(() -> Files.exists(pids) && !Files.readString(pids).isBlank());
        long root = sup.status("stubborn").pid();
        long sleeper = Long.parseLong(Files.readString(pids).trim());

        sup.stop("stubborn");

        assertThat(alive(root)).isFalse();
        assertThat(alive(sleeper)).isFalse();
        assertThat(sup.status("stubborn").lastExitCode()).isEqualTo(137);
    }

    @Test
    void newSupervisorAdoptsRunningProcessesInsteadOfStartingDuplicates() throws Exception {
        int port = freePort();
        List<ProcessSpec> specs = List.of(javaChild("codex", 1, port, "-", "-"));
        Supervisor first = supervisor(specs);
        first.startAll();
        long pid = first.status("codex").pid();
        first.close();
        supervisors.remove(first);

        Supervisor second = supervisor(specs);
        assertThat(second.adoptAll()).containsExactly("codex");
        second.startAll();

        assertThat(second.status("codex").state()).isEqualTo(ProcessState.RUNNING);
        assertThat(second.status("codex").pid()).isEqualTo(pid);
        assertThat(second.status("codex").adopted()).isTrue();
        assertThat(lines(starts("codex"))).hasSize(1);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(WAIT).until(() -> second.status("codex").state() == ProcessState.RUNNING
                && second.status("codex").pid() != pid);
        assertThat(lines(starts("codex"))).hasSize(2);
    }

    @Test
    void portHeldByAStrangerIsNeverMistakenForTheProcess() throws Exception {
        ServerSocket stranger = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        int port = stranger.getLocalPort();
        Supervisor sup = supervisor(List.of(javaChild("codex", 1, port, "-", "-")));

        sup.start("codex");
        await().atMost(WAIT).until(() -> sup.status("codex").state() == ProcessState.FAILED);
        assertThat(sup.status("codex").lastError()).contains("port " + port + " is already in use");
        assertThat(starts("codex")).doesNotExist();

        stranger.close();
        sup.start("codex");
        await().atMost(WAIT).until(() -> sup.status("codex").state() == ProcessState.RUNNING);
        assertThat(lines(starts("codex"))).hasSize(1);
    }

    @Test
    void stopAllDuringStartUpLaunchesNoFurtherGroup() throws Exception {
        int neverHealthy = freePort();
        ProcessSpec slow = new ProcessSpec("keycloak", 1, List.of("/bin/sh", "-c", "exec sleep 600"), Map.of(), dir,
                new HttpHealthProbe(URI.create("http://127.0.0.1:" + neverHealthy + "/health")), "sleep 600",
                Duration.ofSeconds(60), null, 0, null);
        Supervisor sup = supervisor(List.of(slow, javaChild("core", 2, freePort(), "-", "-")));
        java.util.concurrent.CompletableFuture<Void> startUp = java.util.concurrent.CompletableFuture.runAsync(sup::startAll);
        await().atMost(WAIT).until(() -> sup.status("keycloak").state() == ProcessState.STARTING);

        sup.stopAll();

        startUp.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(sup.status("keycloak").state()).isEqualTo(ProcessState.STOPPED);
        assertThat(sup.status("core").state()).isEqualTo(ProcessState.STOPPED);
        assertThat(starts("core")).doesNotExist();
    }

    @Test
    void pidFileOfAStrangerIsNotAdopted() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/codex.pid"), ProcessHandle.current().pid() + "\n");
        Supervisor sup = supervisor(List.of(javaChild("codex", 1, freePort(), "-", "-")));

        assertThat(sup.adoptAll()).isEmpty();
        assertThat(dir.resolve("run/codex.pid")).doesNotExist();
        assertThat(sup.status("codex").state()).isEqualTo(ProcessState.STOPPED);
    }

    @Test
    void skippedProcessIsNeverStarted() {
        Supervisor sup = supervisor(List.of(ProcessSpec.skipped("brainhair", 1, "brainhair/target/brainhair.jar not built", 5050),
                shell("ok", 1, "exec sleep 600")));
        sup.startAll();
        assertThat(sup.status("brainhair").state()).isEqualTo(ProcessState.SKIPPED);
        assertThat(sup.status("brainhair").skipReason()).contains("not built");
        assertThat(sup.status("ok").state()).isEqualTo(ProcessState.RUNNING);
    }

    @Test
    void outputIsRotatedAtItsSizeCap() throws Exception {
        Path go = dir.resolve("go");
        Supervisor sup = supervisor(List.of(shell("chatty", 1,
                "i=0; while :; do if [ -e '" + go + "' ]; then echo \"line $i: $(printf '%0100d' 0)\"; i=$((i+1)); fi; "
                        + "if [ $i -gt 200 ]; then exec sleep 600; fi; done")));
        sup.startAll();
        Files.writeString(go, "1");
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("log/chatty.log.1")));
        await().atMost(WAIT).until(() -> Files.size(dir.resolve("log/chatty.log")) < FAST.logMaxBytes() + 2048);
        assertThat(Files.size(dir.resolve("log/chatty.log.1"))).isGreaterThanOrEqualTo(FAST.logMaxBytes());
        assertThat(dir.resolve("log/chatty.log.3")).doesNotExist();
    }

    private Supervisor supervisor(List<ProcessSpec> specs) {
        Supervisor s = new Supervisor(specs, FAST, dir.resolve("run"), dir.resolve("log"));
        s.addListener(events::add);
        supervisors.add(s);
        return s;
    }

    private ProcessSpec javaChild(String name, int order, int port, String unhealthyFlag, String grandchildPidFile) throws Exception {
        Path classes = Path.of(TestChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessSpec(name, order,
                List.of(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", classes.toString(), TestChild.class.getName(),
                        Integer.toString(port), starts(name).toString(), unhealthyFlag, grandchildPidFile),
                Map.of(), dir, new HttpHealthProbe(URI.create("http://127.0.0.1:" + port + "/health")),
                TestChild.class.getName(), Duration.ofSeconds(30), null, port, null);
    }

    private ProcessSpec shell(String name, int order, String script) {
        return new ProcessSpec(name, order, List.of("/bin/sh", "-c", script), Map.of(), dir, HealthProbe.ALIVE,
                script, Duration.ofSeconds(30), null, 0, null);
    }

    private Path starts(String name) {
        return dir.resolve(name + ".starts");
    }

    private int indexOf(String name, ProcessState state) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).name().equals(name) && events.get(i).state() == state) {
                return i;
            }
        }
        throw new AssertionError("no event " + name + " " + state + " in " + events);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
