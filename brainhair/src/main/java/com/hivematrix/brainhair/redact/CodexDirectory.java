package com.hivematrix.brainhair.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.hivematrix.shared.client.ServiceClient;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;

/**
 * Company levels, contacts and locations read from Codex as the chatting user, memoised for one
 * turn. When Codex cannot say what a company's level is, the company is treated as HIPAA: a
 * failure must never let data through less filtered.
 */
public final class CodexDirectory implements CompanyDirectory {

    private final ServiceClient codex;
    private final Map<String, ComplianceLevel> levels = new ConcurrentHashMap<>();
    private final Map<String, KnownEntities> known = new ConcurrentHashMap<>();

    public CodexDirectory(ServiceClient userClient) {
        this.codex = userClient;
    }

    @Override
    public ComplianceLevel level(String account) {
        return levels.computeIfAbsent(account, a -> {
            try {
                return ComplianceLevel.of(codex.get("codex", "/api/companies/" + encode(a), JsonNode.class).path("compliance_level").asString(null));
            } catch (ProblemException e) {
                return e.getStatusCode().value() == 404 ? ComplianceLevel.STANDARD : ComplianceLevel.HIPAA;
            }
        });
    }

    @Override
    public KnownEntities known(String account) {
        return known.computeIfAbsent(account, a -> {
            List<String> names = new ArrayList<>();
            List<String> places = new ArrayList<>();
            try {
                codex.get("codex", "/api/companies/" + encode(a) + "/contacts", JsonNode.class)
                        .forEach(c -> names.add(c.path("name").asString(null)));
                codex.get("codex", "/api/companies/" + encode(a) + "/locations", JsonNode.class).forEach(l -> {
                    places.add(l.path("name").asString(null));
                    places.add(l.path("address").asString(null));
                });
            } catch (ProblemException e) {
                return KnownEntities.NONE;
            }
            return new KnownEntities(names, places);
        });
    }

    private static String encode(String account) {
        return java.net.URLEncoder.encode(account, java.nio.charset.StandardCharsets.UTF_8);
    }
}
