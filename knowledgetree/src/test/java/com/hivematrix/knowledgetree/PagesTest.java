package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PagesTest extends KtTestBase {

    @Test
    void explorerDeepLinksAndAdminPage() {
        String folder = create("root", "IT Docs", true);
        String article = create(folder, "VPN", false);

        Response browse = page("/browse/IT%20Docs?article=" + article, CLIENT);
        assertThat(browse.status()).isEqualTo(200);
        assertThat(browse.body()).contains("data-base=\"/knowledgetree/\"", "data-folder-id=\"" + folder + "\"",
                "data-article-id=\"" + article + "\"", "data-can-write=\"false\"", "/knowledgetree/static/knowledgetree/explorer.js");
        assertThat(page("/browse/", TECH).body()).contains("data-folder-id=\"root\"", "data-can-write=\"true\"", "New article");
        assertThat(page("/browse/No%20Such", TECH).body()).contains("data-folder-id=\"root\"");

        Response view = page("/view/" + article, CLIENT);
        assertThat(view.status()).isEqualTo(302);
        assertThat(view.header("Location")).endsWith("/knowledgetree/browse/IT%20Docs?article=" + article);
        Response missing = page("/view/nope", CLIENT);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("text/html");
        assertThat(missing.body()).contains("error-page");

        assertThat(page("/admin/settings", TECH).status()).isEqualTo(403);
        Response admin = page("/admin/settings", ADMIN);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("Download export", "Download export with attachments (ZIP)", "Preview import", "Type YES",
                "Sync from Codex", "Sync tickets");
        assertThat(page("/", CLIENT).status()).isEqualTo(302);
    }

    @Test
    void theEditorComesFromTheWebJarNotACdn() {
        String body = page("/browse/", TECH).body();
        assertThat(body).containsPattern("/knowledgetree/webjars/easymde/[0-9.]+/dist/easymde.min.js").containsPattern("/knowledgetree/webjars/easymde/[0-9.]+/dist/easymde.min.css")
                .doesNotContain("https://", "http://");
        Response script = get("/webjars/easymde/dist/easymde.min.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("EasyMDE");
        Response explorer = get("/static/knowledgetree/explorer.js", null);
        assertThat(explorer.body()).contains("autoDownloadFontAwesome: false", "spellChecker: false");
    }

    @Test
    void healthAndDocsArePublic() {
        Response health = get("/health", null);
        assertThat(health.body()).contains("neo4j");
        assertThat(get("/docs", null).status()).isIn(200, 302);
    }
}
