package com.hivematrix.knowledgetree.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SnippetTest {

    @Test
    void snippetsAreTextWithoutMarkdownImagesLinksOrHeadingMarks() {
        String snippet = SearchService.snippet(
                "# Printer setup\n\nInstall the [driver](https://example.test/d) now.\n\n![](/knowledgetree/api/file/abc/x.png)\n<b>bold</b>",
                List.of("driver"));
        assertThat(snippet).isEqualTo("Printer setup Install the driver now. bold");
    }

    @Test
    void longTextIsCutAroundTheFirstMatch() {
        String snippet = SearchService.snippet("word ".repeat(100) + "needle " + "word ".repeat(100), List.of("needle"));
        assertThat(snippet).startsWith("…").endsWith("…").contains("needle").hasSizeLessThanOrEqualTo(162);
    }
}
