package com.hivematrix.brainhair.approval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Approval records: who asked, what, who decided, when, outcome. Reads for users are owner-scoped. */
@Repository
public class ApprovalRepository {

    private final JdbcClient jdbc;

    public ApprovalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void create(String id, String sessionId, String responseId, String toolCallId, String toolName, String action, String argsJson,
            String previewJson, String requiredLevel, String requestedBy, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO approvals (id, session_id, response_id, tool_call_id, tool_name, action, arguments, preview, required_level,
                                       requested_by, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)""")
                .params(id, sessionId, responseId, toolCallId, toolName, action, argsJson, previewJson, requiredLevel, requestedBy,
                        java.sql.Timestamp.from(expiresAt))
                .update();
    }

    public Optional<Map<String, Object>> ownedBy(String id, String userId) {
        return jdbc.sql("""
                SELECT a.id, a.session_id, a.response_id, a.tool_call_id, a.tool_name, a.action, a.arguments::text AS arguments,
                       a.preview::text AS preview, a.required_level, a.requested_by, a.requested_at, a.expires_at, a.status,
                       a.decided_by, a.decided_at, a.outcome::text AS outcome
                FROM approvals a JOIN chat_sessions s ON s.id = a.session_id WHERE a.id = ? AND s.user_id = ?""")
                .params(id, userId).query().listOfRows().stream().findFirst();
    }

    public Optional<Map<String, Object>> state(String id) {
        return jdbc.sql("SELECT status, decided_by, outcome::text AS outcome FROM approvals WHERE id = ?").param(id).query().listOfRows()
                .stream().findFirst();
    }

    public List<Map<String, Object>> forSession(String sessionId) {
        return jdbc.sql("""
                SELECT id, tool_name, action, preview::text AS preview, required_level, requested_by, requested_at, expires_at, status,
                       decided_by, decided_at FROM approvals WHERE session_id = ? ORDER BY requested_at""").param(sessionId).query().listOfRows();
    }

    /** The one transition out of pending; false if it was decided, expired or stopped meanwhile. */
    public boolean claim(String id, String status, String decidedBy) {
        return jdbc.sql("UPDATE approvals SET status = ?, decided_by = ?, decided_at = now() WHERE id = ? AND status = 'pending' "
                + "AND (? <> 'approved' OR expires_at > now())").params(status, decidedBy, id, status).update() > 0;
    }

    public void outcome(String id, String status, String outcomeJson) {
        jdbc.sql("UPDATE approvals SET status = ?, outcome = ?::jsonb WHERE id = ?").params(status, outcomeJson, id).update();
    }

    public int denyPending(String responseId, String by) {
        return jdbc.sql("UPDATE approvals SET status = 'denied', decided_by = ?, decided_at = now() WHERE response_id = ? AND status = 'pending'")
                .params(by, responseId).update();
    }
}
