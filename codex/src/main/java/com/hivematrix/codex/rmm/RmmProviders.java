package com.hivematrix.codex.rmm;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.hivematrix.codex.rmm.datto.DattoProvider;
import com.hivematrix.codex.rmm.superops.SuperOpsRmmProvider;
import com.hivematrix.codex.settings.SettingsService;

/** The RMM registry (spec §6.1): providers by name, the default from settings ({@code rmm.default_provider}), built fresh for each use. */
@Component
public class RmmProviders {

    public static final List<String> KNOWN = List.of(DattoProvider.NAME, SuperOpsRmmProvider.NAME);

    private final SettingsService settings;
    private final String dattoBaseUrl;
    private final String superopsBaseUrl;

    /**
     * {@code codex.datto.base-url} (env CODEX_DATTO_BASE_URL): deployment override of the region's API URL (a proxy, a test RMM);
     * {@code codex.superops.base-url} likewise for SuperOps' GraphQL endpoint, the same one the SuperOps PSA uses.
     */
    public RmmProviders(SettingsService settings, @Value("${codex.datto.base-url:}") String dattoBaseUrl,
            @Value("${codex.superops.base-url:}") String superopsBaseUrl) {
        this.settings = settings;
        this.dattoBaseUrl = blankToNull(dattoBaseUrl);
        this.superopsBaseUrl = blankToNull(superopsBaseUrl);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public String defaultName() {
        return settings.get("rmm.default_provider", DattoProvider.NAME);
    }

    public RmmProvider byDefault() {
        return byName(defaultName());
    }

    public RmmProvider byName(String name) {
        return switch (name == null ? "" : name) {
            case DattoProvider.NAME -> DattoProvider.fromSettings(settings, dattoBaseUrl);
            case SuperOpsRmmProvider.NAME -> SuperOpsRmmProvider.fromSettings(settings, superopsBaseUrl);
            default -> throw new RmmException.NotConfigured("Unknown RMM provider: " + name);
        };
    }
}
