package com.hivematrix.codex.psa;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.hivematrix.codex.psa.freshservice.FreshserviceProvider;
import com.hivematrix.codex.psa.superops.SuperOpsProvider;
import com.hivematrix.codex.settings.SettingsService;

/** The PSA registry (spec §5.1): providers by name, the default from settings, built fresh for each use. */
@Component
public class PsaProviders {

    public static final List<String> KNOWN = List.of("freshservice", "superops");

    private final SettingsService settings;
    private final String freshserviceBaseUrl;
    private final String superopsBaseUrl;

    /**
     * {@code codex.freshservice.base-url} (env CODEX_FRESHSERVICE_BASE_URL) sends Freshservice calls to
     * an operator-chosen endpoint (an egress proxy, or a test PSA) instead of {@code https://<domain>/api/v2}
     * ({@code codex.superops.base-url} likewise for SuperOps' GraphQL endpoint);
     * it is deployment configuration, deliberately not editable from the admin page.
     */
    public PsaProviders(SettingsService settings, @Value("${codex.freshservice.base-url:}") String freshserviceBaseUrl,
            @Value("${codex.superops.base-url:}") String superopsBaseUrl) {
        this.settings = settings;
        this.freshserviceBaseUrl = blankToNull(freshserviceBaseUrl);
        this.superopsBaseUrl = blankToNull(superopsBaseUrl);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public String defaultName() {
        return settings.get("psa.default_provider", FreshserviceProvider.NAME);
    }

    public PsaProvider byDefault() {
        return byName(defaultName());
    }

    public PsaProvider byName(String name) {
        return switch (name == null ? "" : name) {
            case FreshserviceProvider.NAME -> FreshserviceProvider.fromSettings(settings, freshserviceBaseUrl);
            case SuperOpsProvider.NAME -> SuperOpsProvider.fromSettings(settings, superopsBaseUrl);
            default -> throw new PsaException.NotConfigured("Unknown PSA provider: " + name);
        };
    }
}
