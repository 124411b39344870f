package com.hivematrix.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hivematrix.core.config.CoreProperties;

/** Key files, rotation, retirement and convergence of replicas sharing the directory. */
class SigningKeysTest {

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private CoreProperties props() {
        CoreProperties props = new CoreProperties();
        props.setKeyDir(dir.resolve("keys"));
        props.setKeyRetireAfter(Duration.ofSeconds(3900));
        return props;
    }

    @SuppressWarnings("unchecked")
    private static List<String> kids(SigningKeys keys) {
        return ((List<Map<String, Object>>) keys.jwks().get("keys")).stream().map(k -> (String) k.get("kid")).toList();
    }

    @Test
    void firstStartGeneratesKeyOneWithAPrivateFile() throws Exception {
        SigningKeys keys = new SigningKeys(props());
        assertThat(keys.active().kid()).isEqualTo("hivematrix-signing-key-1");
        Path file = dir.resolve("keys/hivematrix-signing-key-1.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys")))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).contains("-----BEGIN PRIVATE KEY-----");

        SigningKeys restarted = new SigningKeys(props());
        assertThat(restarted.active().publicJwk()).isEqualTo(keys.active().publicJwk());
    }

    @Test
    void rotationPublishesBothUntilTheOldKeyRetires() {
        MovableClock clock = new MovableClock();
        SigningKeys keys = new SigningKeys(props(), clock);
        SigningKeys replica = new SigningKeys(props(), clock);

        clock.now = clock.now.plusSeconds(600);
        assertThat(keys.rotate().kid()).isEqualTo("hivematrix-signing-key-2");
        assertThat(kids(keys)).containsExactly("hivematrix-signing-key-1", "hivematrix-signing-key-2");

        // the other replica learns of key 2 on its next scan, or at once when it sees the kid
        assertThat(replica.find("hivematrix-signing-key-2")).isNotNull();
        assertThat(replica.active().kid()).isEqualTo("hivematrix-signing-key-2");

        clock.now = clock.now.plusSeconds(3800);
        keys.rescan();
        assertThat(kids(keys)).containsExactly("hivematrix-signing-key-1", "hivematrix-signing-key-2");

        clock.now = clock.now.plusSeconds(200);
        keys.rescan();
        replica.rescan();
        assertThat(kids(keys)).containsExactly("hivematrix-signing-key-2");
        assertThat(kids(replica)).containsExactly("hivematrix-signing-key-2");
        assertThat(keys.find("hivematrix-signing-key-1")).isNull();
        assertThat(dir.resolve("keys/retired/hivematrix-signing-key-1.pem")).exists();
    }

    @Test
    void concurrentRotationOnTwoReplicasNeverOverwritesAKey() {
        MovableClock clock = new MovableClock();
        SigningKeys a = new SigningKeys(props(), clock);
        SigningKeys b = new SigningKeys(props(), clock);
        String ka = a.rotate().kid();
        String kb = b.rotate().kid();
        assertThat(ka).isNotEqualTo(kb);
        a.rescan();
        assertThat(kids(a)).containsExactly("hivematrix-signing-key-1", "hivematrix-signing-key-2", "hivematrix-signing-key-3");
        assertThat(a.active().kid()).isEqualTo(b.active().kid());
    }
}
