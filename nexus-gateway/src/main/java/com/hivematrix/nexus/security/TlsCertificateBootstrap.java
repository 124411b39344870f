package com.hivematrix.nexus.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * TLS unless told otherwise: when {@code nexus.tls.enabled} is not false and no certificate is
 * configured ({@code server.ssl.key-store}, {@code server.ssl.certificate} or {@code server.ssl.bundle}),
 * uses {@code ${hivematrix.home}/var/nexus/nexus-tls.p12}, generating a self-signed one (and its
 * random password file beside it) on first start.
 */
public class TlsCertificateBootstrap implements EnvironmentPostProcessor, Ordered {

    public static final String KEYSTORE_FILE = "var/nexus/nexus-tls.p12";
    public static final String PASSWORD_FILE = "var/nexus/nexus-tls.password";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("nexus.tls.enabled", Boolean.class, true)
                || "false".equals(env.getProperty("server.ssl.enabled"))
                || env.containsProperty("server.ssl.key-store")
                || env.containsProperty("server.ssl.certificate")
                || env.containsProperty("server.ssl.bundle")) {
            return;
        }
        Path home = Path.of(env.resolvePlaceholders("${hivematrix.home:${HIVEMATRIX_HOME:.}}"));
        Path keystore = home.resolve(KEYSTORE_FILE);
        Path passwordFile = home.resolve(PASSWORD_FILE);
        String password = ensureKeystore(keystore, passwordFile);
        Map<String, Object> ssl = new HashMap<>();
        ssl.put("server.ssl.enabled", "true");
        ssl.put("server.ssl.key-store", keystore.toAbsolutePath().toString());
        ssl.put("server.ssl.key-store-type", "PKCS12");
        ssl.put("server.ssl.key-store-password", password);
        ssl.put("server.ssl.key-alias", SelfSignedCertificate.ALIAS);
        env.getPropertySources().addFirst(new MapPropertySource("nexusTls", ssl));
    }

    /**
     * Returns the keystore's password, creating keystore and password file when either is missing.
     * Nexus replicas share the installation's home and may first start at the same moment, so the
     * check and the creation hold an OS file lock (one process generates, the others read its result).
     */
    static synchronized String ensureKeystore(Path keystore, Path passwordFile) {
        try {
            Files.createDirectories(passwordFile.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(passwordFile.toAbsolutePath().getParent().resolve(".nexus-tls.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return ensureKeystoreLocked(keystore, passwordFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Nexus's TLS keystore under " + keystore.getParent(), e);
        }
    }

    private static String ensureKeystoreLocked(Path keystore, Path passwordFile) {
        try {
            if (Files.isReadable(keystore) && Files.isReadable(passwordFile)) {
                return Files.readString(passwordFile).trim();
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            SelfSignedCertificate.generate(keystore, password.toCharArray());
            Path tmp = Files.createTempFile(passwordFile.toAbsolutePath().getParent(), ".nexus-tls", ".tmp");
            SelfSignedCertificate.restrict(tmp);
            Files.writeString(tmp, password + "\n");
            Files.move(tmp, passwordFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Nexus's TLS keystore under " + keystore.getParent(), e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
