package com.hivematrix.codex.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.problem.ProblemException;

/** A secret stored under another settings key is a 503 problem naming the fix where it is decrypted directly, never a bare 500; reads through get() treat it as not configured (SettingsServiceTest). */
class SettingsKeyTest {

    private static SettingsService withRandomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        HivematrixProperties props = new HivematrixProperties();
        props.setHome(Path.of(System.getProperty("java.io.tmpdir")));
        return new SettingsService(null, props, Base64.getEncoder().encodeToString(key));
    }

    @Test
    void aSecretFromAnotherKeyIsA503Problem() {
        SettingsService before = withRandomKey();
        String stored = before.encrypt("fs-api-key");
        assertThat(before.decrypt(stored)).isEqualTo("fs-api-key");

        ProblemException e = catchThrowableOfType(ProblemException.class, () -> withRandomKey().decrypt(stored));
        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(e.getBody().getDetail()).contains("settings key", "enter it again");
    }
}
