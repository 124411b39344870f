package com.hivematrix.helm.supervisor;

import java.time.Instant;

/** Something that happened to a supervised process (state change), in the order it happened. */
public record SupervisorEvent(Instant at, String name, ProcessState state, Long pid, String detail) {

    @Override
    public String toString() {
        return name + ": " + state.name().toLowerCase() + (pid != null ? " (pid " + pid + ")" : "")
                + (detail != null && !detail.isBlank() ? " - " + detail : "");
    }
}
