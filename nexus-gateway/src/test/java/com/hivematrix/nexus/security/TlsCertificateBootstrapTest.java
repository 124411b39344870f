package com.hivematrix.nexus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated certificate follows the platform's host name (Helm's Settings page). */
class TlsCertificateBootstrapTest {

    @TempDir
    Path home;

    @Test
    void theConfiguredHostNameIsTheSubjectAndANameOfTheCertificate() {
        X509Certificate cert = certificate(ensure("hm.example.test"));

        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=hm.example.test");
        assertThat(SelfSignedCertificate.covers(cert, "hm.example.test")).isTrue();
        assertThat(SelfSignedCertificate.covers(cert, "localhost")).isTrue();
    }

    @Test
    void aNewHostNameRegeneratesTheCertificateWithTheSamePasswordAndTheSameNameKeepsIt() throws Exception {
        String password = ensure("");
        X509Certificate first = certificate(password);
        assertThat(SelfSignedCertificate.covers(first, "hm.example.test")).isFalse();

        assertThat(ensure("hm.example.test")).isEqualTo(password);
        X509Certificate renamed = certificate(password);
        assertThat(renamed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(SelfSignedCertificate.covers(renamed, "hm.example.test")).isTrue();

        byte[] before = Files.readAllBytes(home.resolve(TlsCertificateBootstrap.KEYSTORE_FILE));
        ensure("HM.example.test");
        ensure("");
        assertThat(Files.readAllBytes(home.resolve(TlsCertificateBootstrap.KEYSTORE_FILE))).isEqualTo(before);
    }

    private String ensure(String hostname) {
        return TlsCertificateBootstrap.ensureKeystore(home.resolve(TlsCertificateBootstrap.KEYSTORE_FILE),
                home.resolve(TlsCertificateBootstrap.PASSWORD_FILE), hostname.toLowerCase(java.util.Locale.ROOT));
    }

    private X509Certificate certificate(String password) {
        return TlsCertificateBootstrap.certificate(home.resolve(TlsCertificateBootstrap.KEYSTORE_FILE), password);
    }
}
