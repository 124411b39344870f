package com.hivematrix.core.servicetoken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.hivematrix.core.config.CoreProperties;

/**
 * The per-service secrets provisioned by the launcher: {@code <dir>/<service>.secret}, content = secret.
 * Re-read when the directory changes (a cheap mtime check per call) so new services need no restart.
 */
@Component
public class ServiceSecrets {

    private static final Logger log = LoggerFactory.getLogger(ServiceSecrets.class);

    private final Path dir;
    private volatile Map<String, byte[]> secrets = Map.of();
    private volatile long loadedStamp = Long.MIN_VALUE;

    public ServiceSecrets(CoreProperties props) {
        this.dir = props.getServiceSecretsDir().toAbsolutePath().normalize();
    }

    /** Constant-time comparison of the presented secret with the service's file. */
    public boolean matches(String service, String presented) {
        byte[] expected = current().get(service);
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, byte[]> current() {
        long stamp = stamp();
        if (stamp != loadedStamp) {
            synchronized (this) {
                if (stamp != loadedStamp) {
                    secrets = load();
                    loadedStamp = stamp;
                }
            }
        }
        return secrets;
    }

    private long stamp() {
        try {
            long newest = Files.getLastModifiedTime(dir).toMillis();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.secret")) {
                for (Path f : files) {
                    newest = (newest * 31 + Files.getLastModifiedTime(f).toMillis()) * 31 + f.getFileName().hashCode();
                }
            }
            return newest;
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            return -2;
        }
    }

    private Map<String, byte[]> load() {
        Map<String, byte[]> map = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.secret")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String secret = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (!secret.isEmpty()) {
                    map.put(name.substring(0, name.length() - ".secret".length()), secret.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (NoSuchFileException e) {
            log.warn("No service secrets directory {}: no service can obtain service tokens", dir);
        } catch (IOException e) {
            log.error("Cannot read service secrets from {}: {}", dir, e.toString());
        }
        return Map.copyOf(map);
    }
}
