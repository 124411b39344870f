package com.hivematrix.brainhair.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.brainhair.model.ModelConnection.Provider;
import com.hivematrix.brainhair.web.Access;
import com.hivematrix.brainhair.web.Caller;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;

/** The model connection (admin only). The API key is write-only: responses say whether one is set. */
@RestController
@PreAuthorize(Access.ADMIN)
public class SettingsController {

    public record ModelRequest(String provider, String base_url, String model, String api_key, Boolean clear_api_key,
            Integer timeout_seconds, Integer max_retries, Integer max_tokens) {
    }

    private final ModelSettingsStore store;
    private final SecretCipher cipher;

    public SettingsController(ModelSettingsStore store, SecretCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    @GetMapping("/api/settings/model")
    public Map<String, Object> get() {
        return store.view().<Map<String, Object>>map(v -> Map.of("configured", true, "model", v))
                .orElse(Map.of("configured", false));
    }

    @PutMapping("/api/settings/model")
    @Operation(summary = "Choose the model: ANTHROPIC or OPENAI (any compatible endpoint), base URL, model, key (stored encrypted)")
    public Map<String, Object> put(@RequestBody(required = false) ModelRequest r, Authentication auth) {
        if (r == null) {
            throw ProblemException.badRequest("A JSON body is required");
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Provider provider = null;
        try {
            provider = Provider.valueOf(r.provider() == null ? "" : r.provider().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(Map.of("field", "provider", "message", "must be ANTHROPIC or OPENAI"));
        }
        if (r.base_url() == null || !r.base_url().trim().matches("https?://[^\\s]{1,490}")) {
            errors.add(Map.of("field", "base_url", "message", "must be an http(s) URL"));
        }
        if (r.model() == null || r.model().isBlank() || r.model().length() > 200) {
            errors.add(Map.of("field", "model", "message", "is required (at most 200 characters)"));
        }
        int timeout = range(r.timeout_seconds(), 120, 5, 600, "timeout_seconds", errors);
        int retries = range(r.max_retries(), 2, 0, 5, "max_retries", errors);
        int tokens = range(r.max_tokens(), 4096, 256, 64000, "max_tokens", errors);
        if (r.api_key() != null && !r.api_key().isBlank() && !cipher.available()) {
            errors.add(Map.of("field", "api_key", "message", "cannot be stored: no settings key is configured"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid model settings: " + errors.get(0).get("field")).with("errors", errors);
        }
        store.save(new ModelSettingsStore.Update(provider, r.base_url(), r.model(), r.api_key(), Boolean.TRUE.equals(r.clear_api_key()),
                timeout, retries, tokens), Caller.of(auth).username());
        return get();
    }

    @DeleteMapping("/api/settings/model")
    public Map<String, Object> delete() {
        store.clear();
        return get();
    }

    private static int range(Integer v, int dflt, int min, int max, String field, List<Map<String, String>> errors) {
        if (v == null) {
            return dflt;
        }
        if (v < min || v > max) {
            errors.add(Map.of("field", field, "message", "must be between " + min + " and " + max));
        }
        return v;
    }
}
