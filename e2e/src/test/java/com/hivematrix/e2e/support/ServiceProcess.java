package com.hivematrix.e2e.support;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.hivematrix.shared.testsupport.ChildJvm;
import com.hivematrix.shared.testsupport.RepoRoot;

/** Platform services run from their built jars as the launcher runs them: child JVMs, their logs in e2e/target/logs/. */
public final class ServiceProcess {

    private ServiceProcess() {
    }

    public static Path jar(String module) {
        return RepoRoot.get().resolve(module + "/target/" + module + ".jar");
    }

    /** Starts {@code module}'s jar with {@code env} and waits until {@code readyUrl} answers 200 through {@code http}. */
    public static ChildJvm start(String name, String module, Map<String, String> env, String readyUrl, HttpClient http, Duration timeout) {
        return ChildJvm.start(name, jar(module), "384m", List.of(), env, RepoRoot.get().resolve("e2e/target/logs/" + name + ".log"),
                ChildJvm.Readiness.ok200(http, readyUrl), timeout);
    }
}
