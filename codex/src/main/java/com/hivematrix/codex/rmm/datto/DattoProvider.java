package com.hivematrix.codex.rmm.datto;

import static com.hivematrix.codex.vendor.VendorJson.text;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.hivematrix.codex.rmm.RmmException;
import com.hivematrix.codex.rmm.RmmNormalizer;
import com.hivematrix.codex.rmm.RmmProvider;
import com.hivematrix.codex.rmm.RmmRecords;
import com.hivematrix.codex.settings.SettingsService;

import tools.jackson.databind.JsonNode;

/** Datto RMM (spec §6.2): sites, the AccountNumber site variable, devices with their UDFs. */
public class DattoProvider implements RmmProvider {

    public static final String NAME = "datto";
    /** Datto's platform regions; the admin picks one, so the API host is never free text. */
    public static final List<String> REGIONS = List.of("zinfandel", "concord", "pinotgrigio", "pinotage", "merlot", "vidal", "syrah");
    static final int PAGE_SIZE = 250;

    private final DattoClient client;

    public DattoProvider(DattoClient client) {
        this.client = client;
    }

    /** Built from the stored settings on every run; {@code baseUrlOverride} is deployment configuration (a proxy or a test RMM). */
    public static DattoProvider fromSettings(SettingsService settings, String baseUrlOverride) {
        String region = settings.get("datto.region").orElse(null);
        String key = settings.get("datto.api_key").orElse(null);
        String secret = settings.get("datto.api_secret").orElse(null);
        String base = baseUrlOverride != null ? baseUrlOverride
                : settings.get("datto.base_url").orElse(region == null ? null : "https://" + region + "-api.centrastage.net");
        if (key == null || secret == null || base == null) {
            throw new RmmException.NotConfigured("Datto RMM is not configured: choose its region and set the API key and secret in the admin settings");
        }
        return new DattoProvider(new DattoClient(base, key, secret, settings.getInt("datto.max_attempts", 4),
                settings.getInt("datto.max_retry_after_s", 120), Duration.ofMillis(settings.getInt("datto.retry_backoff_ms", 1000))));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Datto RMM";
    }

    @Override
    public ConnectionTest testConnection() {
        try {
            JsonNode account = client.get("/account");
            return new ConnectionTest(true, "Connected to Datto RMM account " + account.path("name").asString(""));
        } catch (RmmException e) {
            return new ConnectionTest(false, e.getMessage());
        }
    }

    @Override
    public List<RmmRecords.Site> sites() {
        return client.all("/account/sites?max=" + PAGE_SIZE, "sites").stream()
                .map(s -> new RmmRecords.Site(s.path("uid").asString(), text(s.get("name")), text(s.get("description"))))
                .filter(s -> !s.uid().isBlank())
                .toList();
    }

    @Override
    public Optional<String> siteVariable(String siteUid, String name) {
        return variable(siteUid, name).map(v -> text(v.get("value")));
    }

    private Optional<JsonNode> variable(String siteUid, String name) {
        for (JsonNode v : client.all("/site/" + enc(siteUid) + "/variables?max=" + PAGE_SIZE, "variables")) {
            if (name.equals(v.path("name").asString(null))) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Datto creates a variable with PUT and updates one by id with POST. */
    @Override
    public void setSiteVariable(String siteUid, String name, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("value", value);
        Optional<JsonNode> existing = variable(siteUid, name);
        if (existing.isPresent()) {
            client.write("POST", "/site/" + enc(siteUid) + "/variable/" + existing.get().path("id").asLong(), body);
        } else {
            body.put("masked", false);
            client.write("PUT", "/site/" + enc(siteUid) + "/variable", body);
        }
    }

    @Override
    public List<RmmRecords.Device> devices(String siteUid) {
        return client.all("/site/" + enc(siteUid) + "/devices?max=" + PAGE_SIZE, "devices").stream()
                .filter(d -> !d.path("deleted").asBoolean(false))
                .map(DattoProvider::device)
                .filter(d -> d.uid() != null && d.hostname() != null)
                .toList();
    }

    static RmmRecords.Device device(JsonNode d) {
        Map<Integer, String> udf = new LinkedHashMap<>();
        JsonNode u = d.path("udf");
        for (int i = 1; i <= 30; i++) {
            String v = text(u.get("udf" + i));
            if (v != null) {
                udf.put(i, v);
            }
        }
        String category = text(d.path("deviceType").get("category"));
        // UDF7 is the MSP's own device-type field (spec §4.3); without it the category decides
        String deviceType = udf.get(7) != null ? udf.get(7) : RmmNormalizer.deviceType(category);
        return new RmmRecords.Device(text(d.get("uid")), text(d.get("hostname")), category, deviceType, text(d.get("operatingSystem")),
                text(d.get("lastLoggedInUser")), text(d.get("siteName")), text(d.path("antivirus").get("antivirusProduct")),
                text(d.get("description")), text(d.get("extIpAddress")), text(d.get("intIpAddress")), text(d.get("domain")),
                epoch(d.get("lastAuditDate")), epoch(d.get("lastReboot")), epoch(d.get("lastSeen")), d.path("online").asBoolean(false),
                RmmNormalizer.patchStatus(text(d.path("patchManagement").get("patchStatus"))), RmmNormalizer.bytesToTb(udf.get(6)),
                text(d.get("portalUrl")), text(d.get("webRemoteUrl")), udf);
    }

    /** Datto sends times as epoch milliseconds; stored as instants (the original wrote naive server-local text). */
    static OffsetDateTime epoch(JsonNode n) {
        if (n == null || n.isNull() || !n.isNumber() || n.asLong() <= 0) {
            return null;
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(n.asLong()), ZoneOffset.UTC);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
