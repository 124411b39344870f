package com.hivematrix.brainhair.redact;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place tool results are redacted before the model sees them. Each object is filtered at
 * its own company's level (an explicit {@code compliance_level}/{@code company_compliance_level},
 * else the level of its {@code company_account_number}/{@code account_number}/{@code company_id}),
 * inheriting its parent's level otherwise. Keys are never changed; identifier fields (ids,
 * hostnames, account and ticket numbers, statuses, dates) are allow-listed.
 */
@Component
public class Redactor {

    /** The outcome: the redacted copy, the entity types that were replaced, the strictest level applied. */
    public record Result(JsonNode value, Set<EntityType> filtered, ComplianceLevel level) {
        public boolean wasFiltered() {
            return !filtered.isEmpty();
        }
    }

    private record Scope(ComplianceLevel level, KnownEntities known) {
    }

    private static final Pattern ALLOWED_KEY = Pattern.compile("(?i)^(id|.*_id|.*hostname|account_number|company_account_number|"
            + "ticket_number|invoice_number|serial_number|asset_tag|device_type|hardware_type|billing_type|operating_system|status|"
            + "status_text|priority|priority_text|billing_plan|plan_name|plan_selected|term_length|contract_term_length|support_level|"
            + "compliance_level|company_compliance_level|source|type|domain|domains|feature_type|feature_value|antivirus_product|"
            + ".*_at|.*_date|year|month|period)$");
    private static final String[] ACCOUNT_KEYS = {"company_account_number", "account_number", "company_id"};
    private static final String[] LEVEL_KEYS = {"compliance_level", "company_compliance_level"};

    public Result redact(JsonNode value, String accountNumber, CompanyDirectory directory) {
        ComplianceLevel level = accountNumber == null ? ComplianceLevel.STANDARD : directory.level(accountNumber);
        KnownEntities known = accountNumber == null ? KnownEntities.NONE : directory.known(accountNumber);
        Set<EntityType> found = EnumSet.noneOf(EntityType.class);
        ComplianceLevel[] strictest = {level};
        JsonNode out = walk(value, new Scope(level, known), directory, found, strictest);
        return new Result(out, found, strictest[0]);
    }

    private JsonNode walk(JsonNode node, Scope scope, CompanyDirectory directory, Set<EntityType> found, ComplianceLevel[] strictest) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            Scope own = scopeOf((ObjectNode) node, scope, directory);
            strictest[0] = strictest[0].stricter(own.level());
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), ALLOWED_KEY.matcher(e.getKey()).matches() ? e.getValue() : walk(e.getValue(), own, directory, found, strictest));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> copy.add(walk(child, scope, directory, found, strictest)));
            return copy;
        }
        if (node.isString()) {
            TextRedactor.Result r = TextRedactor.redact(node.asString(), scope.level().entities(), scope.known());
            found.addAll(r.found());
            return JsonNodeFactory.instance.stringNode(r.text());
        }
        return node;
    }

    private static Scope scopeOf(ObjectNode node, Scope parent, CompanyDirectory directory) {
        String account = null;
        for (String key : ACCOUNT_KEYS) {
            JsonNode v = node.get(key);
            if (v != null && (v.isString() || v.isNumber()) && !v.asString().isBlank()) {
                account = v.asString();
                break;
            }
        }
        ComplianceLevel level = null;
        for (String key : LEVEL_KEYS) {
            JsonNode v = node.get(key);
            if (v != null && v.isString()) {
                level = ComplianceLevel.of(v.asString());
                break;
            }
        }
        if (account != null) {
            ComplianceLevel known = directory.level(account);
            return new Scope(level == null ? known : level.stricter(known), directory.known(account));
        }
        return level == null ? parent : new Scope(level, parent.known());
    }
}
