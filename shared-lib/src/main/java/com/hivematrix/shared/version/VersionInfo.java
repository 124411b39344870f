package com.hivematrix.shared.version;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;

/**
 * The platform's version string, {@code YYYY.MM.DD-<git short hash>} of the last commit, shown in
 * page footers and used as the {@code ?v=} cache buster. "unknown" parts when built outside git.
 */
public final class VersionInfo {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final String version;

    public VersionInfo(GitProperties git, BuildProperties build) {
        this.version = compute(git, build);
    }

    public String version() {
        return version;
    }

    @Override
    public String toString() {
        return version;
    }

    private static String compute(GitProperties git, BuildProperties build) {
        if (git != null && git.getCommitTime() != null && git.getShortCommitId() != null) {
            return DAY.format(git.getCommitTime()) + "-" + git.getShortCommitId();
        }
        if (build != null && build.getTime() != null) {
            return DAY.format(build.getTime()) + "-unknown";
        }
        return "unknown";
    }
}
