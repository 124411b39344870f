package com.hivematrix.codex.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.problem.ProblemException;

/**
 * Provider and scheduler settings (the original's codex.conf), stored in {@code app_settings} and
 * read on every use so changes take effect without a restart. Secrets (API keys, webhook secret)
 * are AES-GCM encrypted at rest with a key from {@code codex.settings.key} (base64, 32 bytes) or,
 * when unset, a key file generated once under {@code {home}/var/secrets/codex-settings.key} (0600).
 */
@Service
public class SettingsService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SettingsService.class);

    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final String configuredKey;
    private final Path keyFile;
    private volatile SecretKeySpec key;

    public SettingsService(JdbcClient jdbc, HivematrixProperties props, @Value("${codex.settings.key:}") String configuredKey) {
        this.jdbc = jdbc;
        this.configuredKey = configuredKey;
        this.keyFile = props.getHome().resolve("var/secrets/codex-settings.key");
    }

    /**
     * A stored secret that no longer decrypts (the settings key was replaced) reads as not set, with
     * a warning: the admin page shows it as "not configured" and the admin enters it again, instead
     * of every page and sync that reads settings failing.
     */
    public Optional<String> get(String name) {
        return jdbc.sql("SELECT value, secret FROM app_settings WHERE key = ?").param(name)
                .query((rs, n) -> rs.getBoolean("secret") ? readableSecret(name, rs.getString("value")) : rs.getString("value"))
                .optional().filter(v -> v != null && !v.isBlank());
    }

    private String readableSecret(String name, String stored) {
        try {
            return decrypt(stored);
        } catch (ProblemException e) {
            log.warn("Setting {} cannot be decrypted with the current settings key; treated as not configured", name);
            return null;
        }
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public int getInt(String name, int fallback) {
        return get(name).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }

    public boolean getBoolean(String name, boolean fallback) {
        return get(name).map(v -> "true".equalsIgnoreCase(v.trim()) || "1".equals(v.trim())).orElse(fallback);
    }

    public void put(String name, String value) {
        write(name, value, false);
    }

    public void putSecret(String name, String value) {
        write(name, value == null ? null : encrypt(value), true);
    }

    public boolean isSet(String name) {
        return get(name).isPresent();
    }

    private void write(String name, String value, boolean secret) {
        jdbc.sql("""
                INSERT INTO app_settings (key, value, secret, updated_at) VALUES (?, ?, ?, now())
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, secret = EXCLUDED.secret, updated_at = now()""")
                .params(name, value, secret).update();
    }

    String encrypt(String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt setting", e);
        }
    }

    String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), java.nio.charset.StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // an operator's problem (the key changed), not a bug: a 503 problem that says what to do, not a bare 500
            throw ProblemException.serviceUnavailable("A stored secret cannot be decrypted with this installation's settings key"
                    + " (was codex.settings.key or var/secrets/codex-settings.key changed?); an admin must enter it again", 60);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadKey() {
        if (configuredKey != null && !configuredKey.isBlank()) {
            byte[] k = Base64.getDecoder().decode(configuredKey.trim());
            if (k.length != 32) {
                throw new IllegalStateException("codex.settings.key must be 32 bytes, base64-encoded");
            }
            return k;
        }
        try {
            if (Files.exists(keyFile)) {
                return Base64.getDecoder().decode(Files.readString(keyFile).trim());
            }
            Files.createDirectories(keyFile.getParent());
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            // written whole to a temp file, then linked into place only if absent: a Codex replica
            // creating its key at the same moment keeps the first one (it reads the winner's)
            Path tmp = Files.createTempFile(keyFile.getParent(), ".codex-settings", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(k));
                Files.createLink(keyFile, tmp);
                return k;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return Base64.getDecoder().decode(Files.readString(keyFile).trim());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create " + keyFile, e);
        }
    }
}
