package com.hivematrix.codex.rmm.superops;

import static com.hivematrix.codex.vendor.VendorJson.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.hivematrix.codex.rmm.RmmException;
import com.hivematrix.codex.rmm.RmmProvider;
import com.hivematrix.codex.rmm.RmmRecords;
import com.hivematrix.codex.settings.SettingsService;
import com.hivematrix.codex.vendor.superops.SuperOpsClient;

import tools.jackson.databind.JsonNode;

/**
 * SuperOps RMM over the GraphQL API the SuperOps PSA uses, with the same account settings. SuperOps
 * groups devices by client, so its clients are this provider's sites (the site uid is the client's
 * {@code accountId}). SuperOps has no site variables: the AccountNumber variable is the client custom
 * field named by {@code superops.account_number_field}, the field the SuperOps PSA reads, so one
 * number links a client to its Codex company on both sides; any other variable name is read as a
 * custom field column name. Lists are read page by page to the end or the call throws.
 */
public class SuperOpsRmmProvider implements RmmProvider {

    public static final String NAME = "superops";

    private static final String CLIENT_LIST = """
            query getClientList($input: ListInfoInput!) { getClientList(input: $input) {
              clients { accountId name customFields } listInfo { page pageSize hasMore totalCount } } }""";
    private static final String ASSET_LIST = "query getAssetList($input: ListInfoInput!) { getAssetList(input: $input) { assets { "
            + SuperOpsAssets.FIELDS + " } listInfo { page pageSize hasMore totalCount } } }";

    private final SuperOpsClient client;
    private final String accountNumberField;
    /** The clients of the latest {@link #sites()}: a run reads each client's variable and name from here instead of one call per client. */
    private final Map<String, JsonNode> clients = new HashMap<>();

    public SuperOpsRmmProvider(SuperOpsClient client, String accountNumberField) {
        this.client = client;
        this.accountNumberField = accountNumberField;
    }

    /** Built from the stored settings on every run, so the cached clients never outlive one run. */
    public static SuperOpsRmmProvider fromSettings(SettingsService settings, String baseUrlOverride) {
        return new SuperOpsRmmProvider(SuperOpsClient.fromSettings(settings, baseUrlOverride, RmmException.FAILURES),
                SuperOpsClient.accountNumberField(settings));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "SuperOps RMM";
    }

    @Override
    public ConnectionTest testConnection() {
        try {
            JsonNode list = client.query("query getAssetList($input: ListInfoInput!) { getAssetList(input: $input) { listInfo { totalCount } } }",
                    Map.of("input", Map.of("page", 1, "pageSize", 1))).path("getAssetList");
            return new ConnectionTest(true, "Connected to SuperOps RMM (" + list.path("listInfo").path("totalCount").asInt(0) + " assets)");
        } catch (RmmException e) {
            return new ConnectionTest(false, e.getMessage());
        }
    }

    @Override
    public List<RmmRecords.Site> sites() {
        Map<String, JsonNode> fetched = new LinkedHashMap<>();
        client.pages(CLIENT_LIST, "getClientList", "clients", null, page -> page.forEach(c -> {
            String id = text(c.get("accountId"));
            if (id != null) {
                fetched.put(id, c);
            }
        }));
        clients.clear();
        clients.putAll(fetched);
        List<RmmRecords.Site> out = new ArrayList<>(fetched.size());
        fetched.forEach((id, c) -> out.add(new RmmRecords.Site(id, text(c.get("name")), null)));
        return out;
    }

    @Override
    public Optional<String> siteVariable(String siteUid, String name) {
        return Optional.ofNullable(text(clientOf(siteUid).path("customFields").get(field(name))));
    }

    /**
     * {@code updateClient} with just this custom field. SuperOps answers with the client, and a
     * field it does not know (a wrong column name in settings) is simply absent from that answer:
     * that is a refusal, not a success.
     */
    @Override
    public void setSiteVariable(String siteUid, String name, String value) {
        String field = field(name);
        JsonNode updated = client.query("mutation updateClient($input: UpdateClientInput!) { updateClient(input: $input) { accountId name customFields } }",
                Map.of("input", Map.of("accountId", siteUid, "customFields", Map.of(field, value)))).get("updateClient");
        if (updated == null || updated.isNull()) {
            throw new RmmException("SuperOps did not update client " + siteUid);
        }
        if (!value.equals(text(updated.path("customFields").get(field)))) {
            throw new RmmException("SuperOps did not store the client custom field " + field + ": check superops.account_number_field");
        }
        clients.put(siteUid, updated);
    }

    /**
     * The client's assets, filtered by client name (the documented filter attribute of SuperOps'
     * JSON-valued fields). The answer is checked against the accountId as well, so an ignored
     * filter or a second client of the same name can never hand this client another's assets.
     */
    @Override
    public List<RmmRecords.Device> devices(String siteUid) {
        String clientName = text(clientOf(siteUid).get("name"));
        if (clientName == null) {
            throw new RmmException("SuperOps client " + siteUid + " has no name to select its assets by");
        }
        List<RmmRecords.Device> out = new ArrayList<>();
        client.pages(ASSET_LIST, "getAssetList", "assets", Map.of("attribute", "client.name", "operator", "is", "value", clientName), page -> {
            for (JsonNode a : page) {
                if (siteUid.equals(text(a.path("client").get("accountId")))) {
                    RmmRecords.Device d = SuperOpsAssets.device(a);
                    if (d.uid() != null && d.hostname() != null) {
                        out.add(d);
                    }
                }
            }
        });
        return out;
    }

    private JsonNode clientOf(String siteUid) {
        JsonNode c = clients.get(siteUid);
        if (c != null) {
            return c;
        }
        c = client.query("query getClient($input: ClientIdentifierInput!) { getClient(input: $input) { accountId name customFields } }",
                Map.of("input", Map.of("accountId", siteUid))).get("getClient");
        if (c == null || c.isNull()) {
            throw new RmmException("SuperOps has no client " + siteUid);
        }
        clients.put(siteUid, c);
        return c;
    }

    private String field(String variable) {
        return ACCOUNT_NUMBER.equals(variable) ? accountNumberField : variable;
    }
}
