package com.hivematrix.ledger.override;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/** The audit trail: who changed which adjustment, when, and to what. Written in the same transaction as the change. */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AuditLog(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(String actor, String acct, String entity, Object entityId, String action, Map<String, ?> detail) {
        jdbc.sql("INSERT INTO audit_log (actor, company_account_number, entity, entity_id, action, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)")
                .params(actor, acct, entity, entityId == null ? null : entityId.toString(), action,
                        detail == null ? null : json.writeValueAsString(detail))
                .update();
    }
}
