package com.hivematrix.codex.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.codex.CodexTestBase;

/** Job bookkeeping: progress written live, one run per kind across processes, dead processes' jobs closed. */
class SyncJobServiceTest extends CodexTestBase {

    @Autowired
    SyncJobService jobs;

    Map<String, Object> row(String id) {
        return jdbc.sql("SELECT status, success, phase, processed, total, output, error, owner IS NOT NULL AS owned FROM sync_jobs WHERE id = ?")
                .param(id).query().singleRow();
    }

    @Test
    void progressIsVisibleWhileRunningAndTheOutcomeIsRecorded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String id = jobs.start("test-kind", "psa", "freshservice", "base", p -> {
            p.phase("Saving companies", 10);
            p.advance(4);
            p.error("Company X: value too long");
            release.await(10, TimeUnit.SECONDS);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> "Saving companies".equals(row(id).get("phase")));
        assertThat(row(id)).containsEntry("status", "running").containsEntry("total", 10).containsEntry("owned", true);
        // the same kind cannot start twice
        assertThatThrownBy(() -> jobs.start("test-kind", "psa", "freshservice", "base", p -> { }))
                .isInstanceOf(SyncJobService.AlreadyRunning.class).hasMessageContaining(id);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !"running".equals(row(id).get("status")));
        Map<String, Object> done = row(id);
        assertThat(done).containsEntry("status", "completed").containsEntry("success", false).containsEntry("processed", 4);
        assertThat((String) done.get("error")).contains("value too long");
        assertThat((String) done.get("output")).contains("Saving companies (10)").contains("Finished with 1 error(s)");

        String failing = jobs.start("test-kind", "psa", "freshservice", "base", p -> {
            throw new IllegalStateException("boom");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !"running".equals(row(failing).get("status")));
        assertThat(row(failing)).containsEntry("status", "failed").containsEntry("success", false);
        assertThat((String) row(failing).get("error")).contains("boom");
    }

    @Test
    void aLiveJobOfAnotherProcessBlocksTheKindAndADeadOneIsClosed() {
        jdbc.sql("""
                INSERT INTO sync_jobs (id, script, sync_type, status, started_at, kind, owner, heartbeat_at) VALUES
                  ('other-live', 'psa', 'tickets', 'running', now() - interval '1 hour', 'other-kind', 'replica-2', now()),
                  ('other-dead', 'psa', 'base', 'running', now() - interval '1 hour', 'dead-kind', 'replica-3', now() - interval '10 minutes')""")
                .update();
        assertThatThrownBy(() -> jobs.start("other-kind", "psa", "freshservice", "tickets", p -> { }))
                .isInstanceOf(SyncJobService.AlreadyRunning.class).hasMessageContaining("other-live");

        assertThat(jobs.closeStaleJobs()).isEqualTo(1);
        assertThat(row("other-dead")).containsEntry("status", "failed");
        assertThat((String) row("other-dead").get("error")).contains("Interrupted");
        assertThat(row("other-live")).containsEntry("status", "running");

        // the dead process's kind can run again
        String id = jobs.start("dead-kind", "psa", "freshservice", "base", p -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> "completed".equals(row(id).get("status")));
        jdbc.sql("UPDATE sync_jobs SET status = 'completed' WHERE id = 'other-live'").update();
    }
}
