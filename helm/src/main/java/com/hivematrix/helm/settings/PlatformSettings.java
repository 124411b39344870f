package com.hivematrix.helm.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.hivematrix.shared.problem.ProblemException;

/**
 * The platform settings of the Settings page, as the environment every supervised process gets
 * when it starts: {@code HIVEMATRIX_ENVIRONMENT}, {@code HIVEMATRIX_HOSTNAME} and
 * {@code LOGGING_LEVEL_ROOT} (Spring Boot's root log level).
 */
public record PlatformSettings(String environment, String hostname, String logLevel) {

    public static final List<String> ENVIRONMENTS = List.of("development", "production");
    public static final List<String> LOG_LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
    public static final PlatformSettings DEFAULTS = new PlatformSettings("development", "", "INFO");
    /** A DNS name (RFC 1123 labels) or empty for "this machine's name". */
    private static final Pattern HOSTNAME = Pattern.compile("|(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** Checks each field; a 400 problem names the first bad one. */
    public static PlatformSettings of(String environment, String hostname, String logLevel) {
        String env = environment == null ? "" : environment.trim().toLowerCase();
        if (!ENVIRONMENTS.contains(env)) {
            throw ProblemException.badRequest("environment must be development or production").with("field", "environment");
        }
        String host = hostname == null ? "" : hostname.trim().toLowerCase();
        if (!HOSTNAME.matcher(host).matches()) {
            throw ProblemException.badRequest("hostname must be a DNS name such as hivematrix.example.com, or empty")
                    .with("field", "hostname");
        }
        String level = logLevel == null ? "" : logLevel.trim().toUpperCase();
        if (!LOG_LEVELS.contains(level)) {
            throw ProblemException.badRequest("log_level must be one of " + String.join(", ", LOG_LEVELS)).with("field", "log_level");
        }
        return new PlatformSettings(env, host, level);
    }

    public Map<String, String> processEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HIVEMATRIX_ENVIRONMENT", environment);
        if (!hostname.isEmpty()) {
            env.put("HIVEMATRIX_HOSTNAME", hostname);
        }
        env.put("LOGGING_LEVEL_ROOT", logLevel);
        return env;
    }
}
