package com.hivematrix.brainhair.settings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.hivematrix.brainhair.BrainhairProperties;
import com.hivematrix.brainhair.model.ModelConnection;
import com.hivematrix.brainhair.model.ModelConnection.Provider;

/**
 * The model connection: the row saved in settings, else the {@code brainhair.model.*} environment
 * defaults, else none (the chat then says plainly that no model is configured).
 */
@Component
public class ModelSettingsStore {

    /** What the settings page shows: everything but the key, which is only "set" or "not set". */
    public record View(String provider, String baseUrl, String model, boolean apiKeySet, long timeoutSeconds, int maxRetries,
            int maxTokens, String source) {
    }

    public record Update(Provider provider, String baseUrl, String model, String apiKey, boolean clearApiKey, int timeoutSeconds,
            int maxRetries, int maxTokens) {
    }

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final BrainhairProperties props;

    public ModelSettingsStore(JdbcClient jdbc, SecretCipher cipher, BrainhairProperties props) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.props = props;
    }

    public Optional<ModelConnection> current() {
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM model_settings WHERE id = 1").query().listOfRows();
        BrainhairProperties.Model env = props.model();
        if (!rows.isEmpty()) {
            Map<String, Object> r = rows.get(0);
            String enc = (String) r.get("api_key_enc");
            return Optional.of(new ModelConnection(Provider.valueOf((String) r.get("provider")), (String) r.get("base_url"),
                    (String) r.get("model"), enc == null ? null : cipher.decrypt(enc),
                    Duration.ofSeconds(((Number) r.get("timeout_seconds")).longValue()), env.connectTimeout(),
                    ((Number) r.get("max_retries")).intValue(), ((Number) r.get("max_tokens")).intValue()));
        }
        if (blank(env.provider()) || blank(env.baseUrl()) || blank(env.model())) {
            return Optional.empty();
        }
        return Optional.of(new ModelConnection(Provider.valueOf(env.provider().trim().toUpperCase(java.util.Locale.ROOT)), env.baseUrl(),
                env.model(), env.apiKey(), env.timeout(), env.connectTimeout(), env.maxRetries(), env.maxTokens()));
    }

    public Optional<View> view() {
        boolean saved = jdbc.sql("SELECT count(*) FROM model_settings").query(Long.class).single() > 0;
        return current().map(c -> new View(c.provider().name(), c.baseUrl(), c.model(), c.apiKey() != null && !c.apiKey().isBlank(),
                c.timeout().toSeconds(), c.maxRetries(), c.maxTokens(), saved ? "settings" : "environment"));
    }

    @Transactional
    public void save(Update u, String by) {
        String existing = jdbc.sql("SELECT api_key_enc FROM model_settings WHERE id = 1").query(String.class).optional().orElse(null);
        String enc = u.clearApiKey() ? null : !blank(u.apiKey()) ? cipher.encrypt(u.apiKey().trim()) : existing;
        jdbc.sql("""
                INSERT INTO model_settings (id, provider, base_url, model, api_key_enc, timeout_seconds, max_retries, max_tokens, updated_by, updated_at)
                VALUES (1, :p, :u, :m, :k, :t, :r, :x, :by, now())
                ON CONFLICT (id) DO UPDATE SET provider = :p, base_url = :u, model = :m, api_key_enc = :k, timeout_seconds = :t,
                  max_retries = :r, max_tokens = :x, updated_by = :by, updated_at = now()""")
                .param("p", u.provider().name()).param("u", u.baseUrl().trim()).param("m", u.model().trim()).param("k", enc)
                .param("t", u.timeoutSeconds()).param("r", u.maxRetries()).param("x", u.maxTokens()).param("by", by).update();
    }

    @Transactional
    public void clear() {
        jdbc.sql("DELETE FROM model_settings").update();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
