package com.hivematrix.codex.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.hivematrix.codex.billing.BillingApiController;
import com.hivematrix.codex.io.CsvImportService;
import com.hivematrix.codex.io.ImportKind;

/**
 * {@code --load-demo} (or {@code hivematrix.demo.load=true}): at start-up, loads the sample MSP
 * through the same import code the CSV/JSON endpoints use, unless Codex already has companies.
 * Files come from {@code hivematrix.demo.dir} (default {home}/var/demo/codex), generated there
 * at {@code hivematrix.demo.scale} (default 1) when missing.
 */
@Component
public class DemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final Environment env;
    private final JdbcClient jdbc;
    private final CsvImportService imports;
    private final BillingApiController billing;

    public DemoLoader(Environment env, JdbcClient jdbc, CsvImportService imports, BillingApiController billing) {
        this.env = env;
        this.jdbc = jdbc;
        this.imports = imports;
        this.billing = billing;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!args.containsOption("load-demo") && !env.getProperty("hivematrix.demo.load", Boolean.class, false)) {
            return;
        }
        Path dir = Path.of(env.getProperty("hivematrix.demo.dir", env.getProperty("hivematrix.home", ".") + "/var/demo/codex"));
        int scale = env.getProperty("hivematrix.demo.scale", Integer.class, 1);
        load(dir, scale);
    }

    /** Returns the import results per file, or an empty map when data was already present. */
    public Map<String, Object> load(Path dir, int scale) throws IOException {
        if (jdbc.sql("SELECT count(*) FROM companies").query(Long.class).single() > 0) {
            log.info("Demo data not loaded: Codex already has companies");
            return Map.of();
        }
        if (!Files.exists(dir.resolve("companies.csv"))) {
            DemoDataGenerator.generate(dir, scale, 42, Instant.now().truncatedTo(ChronoUnit.DAYS));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("billing_plans", billing.importJson(Files.readString(dir.resolve("billing_plans.json"), StandardCharsets.UTF_8)));
        for (ImportKind kind : ImportKind.values()) {
            CsvImportService.Result r = imports.run(kind, Files.readString(dir.resolve(kind.path() + ".csv"), StandardCharsets.UTF_8), false);
            if (!r.errors().isEmpty()) {
                throw new IllegalStateException("Demo " + kind.path() + ".csv rejected: " + r.errors().subList(0, Math.min(5, r.errors().size())));
            }
            results.put(kind.path(), r.created());
            log.info("Demo data: {} {} imported", r.created(), kind.path());
        }
        return results;
    }
}
