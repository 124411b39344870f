package com.hivematrix.brainhair.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Sessions and messages (§B5). Every read by id is scoped to the owner, so a foreign id is a miss. */
@Repository
public class ChatRepository {

    private static final String SESSION_COLUMNS = "s.id, s.user_id, s.user_name, s.ticket_number, s.client_name, s.client_account, "
            + "s.created_at, s.updated_at, s.ended_at, s.is_active, s.title, s.summary";

    private final JdbcClient jdbc;

    public ChatRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void createSession(String id, String userId, String userName, String ticket, String clientName, String clientAccount) {
        jdbc.sql("""
                INSERT INTO chat_sessions (id, user_id, user_name, ticket_number, client_name, client_account)
                VALUES (?, ?, ?, ?, ?, ?)""").params(id, userId, userName, ticket, clientName, clientAccount).update();
    }

    public Optional<Map<String, Object>> session(String id, String userId) {
        return jdbc.sql("SELECT " + SESSION_COLUMNS + ", (SELECT count(*) FROM chat_messages m WHERE m.session_id = s.id) AS message_count "
                + "FROM chat_sessions s WHERE s.id = ? AND s.user_id = ?").params(id, userId).query().listOfRows().stream().findFirst();
    }

    @Transactional
    public long addMessage(String sessionId, String role, String content, String toolCallsJson, String toolResultsJson, String responseId,
            String status, boolean wasFiltered, String filterType) {
        long id = jdbc.sql("""
                INSERT INTO chat_messages (session_id, seq, role, content, tool_calls, tool_results, response_id, status, was_filtered, filter_type)
                VALUES (:s, (SELECT coalesce(max(seq), 0) + 1 FROM chat_messages WHERE session_id = :s), :r, :c, :tc::jsonb, :tr::jsonb,
                        :resp, :st, :wf, :ft) RETURNING id""")
                .param("s", sessionId).param("r", role).param("c", content == null ? "" : content).param("tc", toolCallsJson)
                .param("tr", toolResultsJson).param("resp", responseId).param("st", status).param("wf", wasFiltered).param("ft", filterType)
                .query(Long.class).single();
        jdbc.sql("UPDATE chat_sessions SET updated_at = now() WHERE id = ?").param(sessionId).update();
        return id;
    }

    public List<Map<String, Object>> messages(String sessionId) {
        return jdbc.sql("""
                SELECT id, seq, role, content, tool_calls::text AS tool_calls, tool_results::text AS tool_results, response_id, status,
                       created_at, was_filtered, filter_type
                FROM chat_messages WHERE session_id = ? ORDER BY seq""").param(sessionId).query().listOfRows();
    }

    public boolean setTitle(String sessionId, String userId, String title) {
        return jdbc.sql("UPDATE chat_sessions SET title = ?, updated_at = now() WHERE id = ? AND user_id = ?").params(title, sessionId, userId)
                .update() > 0;
    }

    public boolean delete(String sessionId, String userId) {
        return jdbc.sql("DELETE FROM chat_sessions WHERE id = ? AND user_id = ?").params(sessionId, userId).update() > 0;
    }

    public List<Map<String, Object>> history(String userId, String ticket, String client, int limit, int offset) {
        return jdbc.sql("SELECT " + SESSION_COLUMNS + ", (SELECT count(*) FROM chat_messages m WHERE m.session_id = s.id) AS message_count "
                + "FROM chat_sessions s WHERE s.user_id = :u AND (CAST(:t AS text) IS NULL OR s.ticket_number = :t) "
                + "AND (CAST(:c AS text) IS NULL OR s.client_name ILIKE '%' || :c || '%') ORDER BY s.updated_at DESC LIMIT :l OFFSET :o")
                .param("u", userId).param("t", ticket).param("c", client).param("l", limit).param("o", offset).query().listOfRows();
    }

    public long count(String userId, String ticket, String client) {
        return jdbc.sql("SELECT count(*) FROM chat_sessions s WHERE s.user_id = :u AND (CAST(:t AS text) IS NULL OR s.ticket_number = :t) "
                + "AND (CAST(:c AS text) IS NULL OR s.client_name ILIKE '%' || :c || '%')")
                .param("u", userId).param("t", ticket).param("c", client).query(Long.class).single();
    }

    /** Keyword search over titles, summaries and message text; LIKE wildcards in the query are literal. */
    public List<Map<String, Object>> search(String userId, String q, String ticket, int limit) {
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("SELECT " + SESSION_COLUMNS + ", (SELECT count(*) FROM chat_messages m WHERE m.session_id = s.id) AS message_count "
                + "FROM chat_sessions s WHERE s.user_id = :u AND (CAST(:t AS text) IS NULL OR s.ticket_number = :t) AND (s.title ILIKE :q "
                + "OR s.summary ILIKE :q OR EXISTS (SELECT 1 FROM chat_messages m WHERE m.session_id = s.id AND m.role <> 'tool' "
                + "AND m.content ILIKE :q)) ORDER BY s.updated_at DESC LIMIT :l")
                .param("u", userId).param("t", ticket).param("q", like).param("l", limit).query().listOfRows();
    }

    /** Sets the summary from the first user message when the session has none (the original never wrote it). */
    public void summarise(String sessionId, String text) {
        String summary = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        jdbc.sql("UPDATE chat_sessions SET summary = ? WHERE id = ? AND summary IS NULL").params(summary, sessionId).update();
    }
}
