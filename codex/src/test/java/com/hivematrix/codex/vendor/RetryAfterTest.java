package com.hivematrix.codex.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void deltaSecondsAreTakenAndCapped() {
        assertThat(RetryAfter.seconds("7", 60)).isEqualTo(7);
        assertThat(RetryAfter.seconds(" 3600 ", 60)).isEqualTo(60);
        assertThat(RetryAfter.seconds("-5", 60)).isZero();
    }

    @Test
    void anHttpDateWaitsUntilThen() {
        String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        assertThat(RetryAfter.seconds(inThirtySeconds, 60)).isBetween(25L, 30L);
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(30));
        assertThat(RetryAfter.seconds(past, 60)).isZero();
    }

    @Test
    void aMissingOrUnreadableHeaderWaitsTheDefault() {
        assertThat(RetryAfter.seconds(null, 60)).isEqualTo(RetryAfter.DEFAULT_SECONDS);
        assertThat(RetryAfter.seconds("soon", 60)).isEqualTo(RetryAfter.DEFAULT_SECONDS);
        assertThat(RetryAfter.seconds("soon", 2)).isEqualTo(2);
    }

    @Test
    void backoffGrowsQuadraticallyUpToTenSeconds() {
        assertThat(RetryAfter.backoffMillis(200, 1)).isEqualTo(200);
        assertThat(RetryAfter.backoffMillis(200, 3)).isEqualTo(1_800);
        assertThat(RetryAfter.backoffMillis(200, 10)).isEqualTo(10_000);
    }
}
