package com.hivematrix.codex.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void parsesQuotesEmbeddedNewlinesCrlfAndBom() {
        List<List<String>> rows = Csv.parse("\uFEFFa,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"multi\nline\"\n\n1,,3");
        assertThat(rows).containsExactly(List.of("a", "b", "c"), List.of("x, y", "he said \"hi\"", "multi\nline"), List.of("1", "", "3"));
    }

    @Test
    void unterminatedQuoteIsReportedWithItsLine() {
        assertThatThrownBy(() -> Csv.parse("a,b\n1,\"oops\n2,3"))
                .isInstanceOf(Csv.MalformedCsvException.class).hasMessageContaining("line 2");
    }

    @Test
    void writesNeutralisedAndQuotedCells() {
        assertThat(Csv.line(List.of("=HYPERLINK(\"x\")", "+1", "-2", "@SUM", "plain", "a,b"))).isEqualTo(
                "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM,plain,\"a,b\"\r\n");
        assertThat(Csv.parse(Csv.line(List.of("=1+2", "ok")))).containsExactly(List.of("'=1+2", "ok"));
    }
}
