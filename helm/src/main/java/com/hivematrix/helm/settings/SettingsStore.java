package com.hivematrix.helm.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import org.springframework.stereotype.Component;

import com.hivematrix.shared.config.HivematrixProperties;

/**
 * {@code var/config/platform.properties}: the saved platform settings. Written whole to a temporary
 * file and moved into place, so a reader never sees half a file; a missing file means the defaults.
 */
@Component
public class SettingsStore {

    private final Path file;

    public SettingsStore(HivematrixProperties props) {
        this.file = props.getHome().resolve("var/config/platform.properties");
    }

    public Path file() {
        return file;
    }

    public PlatformSettings load() {
        if (!Files.isRegularFile(file)) {
            return PlatformSettings.DEFAULTS;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        PlatformSettings d = PlatformSettings.DEFAULTS;
        return PlatformSettings.of(p.getProperty("environment", d.environment()), p.getProperty("hostname", d.hostname()),
                p.getProperty("log_level", d.logLevel()));
    }

    public synchronized void save(PlatformSettings s) {
        Properties p = new Properties();
        p.setProperty("environment", s.environment());
        p.setProperty("hostname", s.hostname());
        p.setProperty("log_level", s.logLevel());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".platform", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "HiveMatrix platform settings (Helm's Settings page); applied to each service when it starts");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
