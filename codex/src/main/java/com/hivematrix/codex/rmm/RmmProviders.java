package com.hivematrix.codex.rmm;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.hivematrix.codex.rmm.datto.DattoProvider;
import com.hivematrix.codex.settings.SettingsService;

/** The RMM registry (spec §6.1): providers by name, the default from settings ({@code rmm.default_provider}), built fresh for each use. */
@Component
public class RmmProviders {

    public static final List<String> KNOWN = List.of(DattoProvider.NAME, "superops");

    private final SettingsService settings;
    private final String dattoBaseUrl;

    /** {@code codex.datto.base-url} (env CODEX_DATTO_BASE_URL): deployment override of the region's API URL (a proxy, a test RMM). */
    public RmmProviders(SettingsService settings, @Value("${codex.datto.base-url:}") String dattoBaseUrl) {
        this.settings = settings;
        this.dattoBaseUrl = dattoBaseUrl == null || dattoBaseUrl.isBlank() ? null : dattoBaseUrl.trim();
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
            case "superops" -> throw new RmmException.NotConfigured("The SuperOps RMM provider is not available yet; choose Datto RMM");
            default -> throw new RmmException.NotConfigured("Unknown RMM provider: " + name);
        };
    }
}
