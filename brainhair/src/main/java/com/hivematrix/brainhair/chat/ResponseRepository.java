package com.hivematrix.brainhair.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Model turns and their ordered event streams (what SSE and the poll endpoint replay). */
@Repository
public class ResponseRepository {

    private final JdbcClient jdbc;

    public ResponseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void create(String id, String sessionId, String userId) {
        jdbc.sql("INSERT INTO chat_responses (id, session_id, user_id) VALUES (?, ?, ?)").params(id, sessionId, userId).update();
    }

    public Optional<Map<String, Object>> owned(String id, String userId) {
        return jdbc.sql("SELECT id, session_id, status, error FROM chat_responses WHERE id = ? AND user_id = ?").params(id, userId)
                .query().listOfRows().stream().findFirst();
    }

    public boolean finish(String id, String status, String error) {
        return jdbc.sql("UPDATE chat_responses SET status = ?, error = ?, finished_at = now() WHERE id = ? AND status = 'running'")
                .params(status, error, id).update() > 0;
    }

    public int append(String responseId, String type, String payloadJson) {
        return jdbc.sql("""
                INSERT INTO response_events (response_id, seq, type, payload)
                VALUES (:r, (SELECT coalesce(max(seq), 0) + 1 FROM response_events WHERE response_id = :r), :t, :p::jsonb) RETURNING seq""")
                .param("r", responseId).param("t", type).param("p", payloadJson).query(Integer.class).single();
    }

    public List<Map<String, Object>> events(String responseId, int afterSeq) {
        return jdbc.sql("SELECT seq, type, payload::text AS payload FROM response_events WHERE response_id = ? AND seq > ? ORDER BY seq")
                .params(responseId, afterSeq).query().listOfRows();
    }
}
