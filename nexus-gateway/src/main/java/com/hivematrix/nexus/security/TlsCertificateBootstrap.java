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
 * random password file beside it) on first start, and again when the platform's host name
 * ({@code hivematrix.hostname}, set on Helm's Settings page) is one the certificate does not cover.
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
        String hostname = env.getProperty("hivematrix.hostname", "").trim().toLowerCase(java.util.Locale.ROOT);
        String password = ensureKeystore(keystore, passwordFile, hostname);
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
    static synchronized String ensureKeystore(Path keystore, Path passwordFile, String hostname) {
        try {
            Files.createDirectories(passwordFile.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(passwordFile.toAbsolutePath().getParent().resolve(".nexus-tls.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return ensureKeystoreLocked(keystore, passwordFile, hostname);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Nexus's TLS keystore under " + keystore.getParent(), e);
        }
    }

    private static String ensureKeystoreLocked(Path keystore, Path passwordFile, String hostname) {
        try {
            if (Files.isReadable(keystore) && Files.isReadable(passwordFile)) {
                String password = Files.readString(passwordFile).trim();
                if (!hostname.isEmpty() && !SelfSignedCertificate.covers(certificate(keystore, password), hostname)) {
                    SelfSignedCertificate.generate(keystore, password.toCharArray(), hostname);
                }
                return password;
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            SelfSignedCertificate.generate(keystore, password.toCharArray(), hostname);
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

    static java.security.cert.X509Certificate certificate(Path keystore, String password) {
        try (java.io.InputStream in = Files.newInputStream(keystore)) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return (java.security.cert.X509Certificate) store.getCertificate(SelfSignedCertificate.ALIAS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Nexus's TLS keystore " + keystore, e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read Nexus's TLS keystore " + keystore, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
