package com.hivematrix.helm.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * CPU, memory, threads and open files of a supervised process tree, read from /proc (the
 * supervisor holds the pids, so no agent inside the services is needed). CPU % is the share of
 * one core used since the previous sample of the same tree.
 */
@Component
public class ProcessSampler {

    /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Path proc;
    private final Map<Long, long[]> previous = new ConcurrentHashMap<>();

    public ProcessSampler() {
        this(Path.of("/proc"));
    }

    ProcessSampler(Path proc) {
        this.proc = proc;
    }

    /** @param rssMb resident memory of the tree in MiB */
    public record Sample(long rssMb, Double cpuPercent, int threads, int openFiles) {
    }

    public Sample sample(long rootPid) {
        List<Long> pids = new ArrayList<>();
        pids.add(rootPid);
        ProcessHandle.of(rootPid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        long rssKb = 0;
        long ticks = 0;
        int threads = 0;
        int files = 0;
        for (long pid : pids) {
            Path dir = proc.resolve(Long.toString(pid));
            String[] stat = statFields(dir);
            if (stat.length > 17) {
                ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                threads += Integer.parseInt(stat[17]);
            }
            rssKb += vmRssKb(dir);
            files += openFiles(dir);
        }
        long now = System.nanoTime();
        long[] before = previous.put(rootPid, new long[] {ticks, now});
        Double cpu = null;
        if (before != null && now > before[1]) {
            double seconds = (now - before[1]) / 1e9;
            cpu = Math.round((ticks - before[0]) / TICKS_PER_SECOND / seconds * 1000) / 10.0;
        }
        return new Sample(rssKb / 1024, cpu, threads, files);
    }

    /** Fields after the command name (which may itself contain spaces and parentheses). */
    private static String[] statFields(Path dir) {
        try {
            String s = Files.readString(dir.resolve("stat"));
            return s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }

    private static long vmRssKb(Path dir) {
        try (Stream<String> lines = Files.lines(dir.resolve("status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int openFiles(Path dir) {
        try (Stream<Path> fds = Files.list(dir.resolve("fd"))) {
            return (int) fds.count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
