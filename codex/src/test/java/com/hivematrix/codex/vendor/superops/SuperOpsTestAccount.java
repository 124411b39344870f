package com.hivematrix.codex.vendor.superops;

import com.hivematrix.codex.settings.SettingsService;

/** The one SuperOps account the PSA and RMM tests configure: WireMock's endpoint, the udf1text account-number field, fast retries. */
public final class SuperOpsTestAccount {

    private SuperOpsTestAccount() {
    }

    public static void configure(SettingsService settings, String wireMockBaseUrl) {
        settings.put("superops.base_url", wireMockBaseUrl + "/msp");
        settings.put("superops.subdomain", "acme");
        settings.putSecret("superops.api_key", "so-token");
        settings.put("superops.account_number_field", "udf1text");
        settings.put("superops.retry_backoff_ms", "10");
    }
}
