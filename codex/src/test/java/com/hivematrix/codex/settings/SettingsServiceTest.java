package com.hivematrix.codex.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.codex.CodexTestBase;

/** Secrets at rest: encrypted, and one the current key cannot decrypt reads as not configured instead of failing pages. */
class SettingsServiceTest extends CodexTestBase {

    @Autowired
    SettingsService settings;

    @Test
    void anUndecryptableSecretReadsAsNotConfiguredAndTheAdminPageStillRenders() {
        settings.putSecret("freshservice.api_key", "fs-key-123");
        assertThat(jdbc.sql("SELECT value FROM app_settings WHERE key = 'freshservice.api_key'").query(String.class).single())
                .startsWith("v1:").doesNotContain("fs-key-123");
        assertThat(settings.get("freshservice.api_key")).contains("fs-key-123");

        // written under another key (a new HIVEMATRIX_HOME, a replaced codex.settings.key): the tag no longer matches
        jdbc.sql("UPDATE app_settings SET value = 'v1:' || encode(decode(md5(random()::text) || md5(random()::text), 'hex'), 'base64') WHERE key = 'freshservice.api_key'").update();
        assertThat(settings.get("freshservice.api_key")).isEmpty();
        assertThat(settings.isSet("freshservice.api_key")).isFalse();
        Response admin = page("/admin/", ADMIN);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("API key not configured");
    }
}
