package com.hivematrix.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.hivematrix.e2e.support.Journey;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;

/**
 * The knowledge base through Nexus in headless Chromium, on KnowledgeTree's demo knowledge base
 * (its own local Neo4j): a technician browses the demo folders and reads an article, creates a
 * folder and an article in it with the editor (an image uploaded inline, a file attached), saves,
 * reloads the page and sees the image displayed, finds the article by search, sees its version
 * history; the editor with a table in dark mode. Screenshots in e2e/target/screenshots/ (kt-*).
 */
class KnowledgeTreeJourneyIT extends Journey {

    @Override
    protected String prefix() {
        return "kt";
    }

    @Test
    void technicianBrowsesWritesAnArticleWithAnImageAndFindsIt() throws IOException {
        assumeTrue(platform.knowledgetree, "KnowledgeTree's jar or the Neo4j launcher is not built");
        Page page = login("technicians", "/knowledgetree/");
        String origin = platform.origin;

        // 1. the demo knowledge base: its folders in the sidebar and the grid, an article opens
        page.navigate(origin + "/knowledgetree/");
        page.waitForURL(url -> url.contains("/knowledgetree/browse/"));
        assertThat(page.locator("#kt-tree .kt__tree-link", new Page.LocatorOptions().setHasText("Procedures"))).isVisible();
        assertThat(page.locator("#kt-items .kt__item", new Page.LocatorOptions().setHasText("Networking"))).isVisible();
        shot(page, "01-demo-root");
        page.locator("#kt-items .kt__item", new Page.LocatorOptions().setHasText("Networking")).click();
        assertThat(page.locator("#kt-breadcrumbs")).containsText("Networking");
        page.locator("#kt-items .kt__item", new Page.LocatorOptions().setHasText("VPN Troubleshooting")).click();
        assertThat(page.locator("#kt-article-title")).hasText("VPN Troubleshooting");
        assertThat(page.locator("#kt-content")).not().isEmpty();
        shot(page, "02-demo-article");

        // 2. a new folder at the root (the name is asked for in a prompt)
        String run = UUID.randomUUID().toString().substring(0, 8);
        String folder = "Journey " + run;
        page.locator("#kt-breadcrumbs a", new Page.LocatorOptions().setHasText("Home")).click();
        assertThat(page.locator("#kt-breadcrumbs")).not().containsText("Networking");
        page.onceDialog(d -> d.accept(folder));
        page.click("#kt-new-folder");
        Locator folderItem = page.locator("#kt-items .kt__item", new Page.LocatorOptions().setHasText(folder));
        assertThat(folderItem).isVisible();
        folderItem.click();
        assertThat(page.locator("#kt-breadcrumbs")).containsText(folder);

        // 3. a new article in it: opens in the editor; text typed, an image uploaded inline through the toolbar
        String article = "Printer setup " + run;
        String word = "zephyrine" + run;
        page.onceDialog(d -> d.accept(article));
        page.click("#kt-new-article");
        assertThat(page.locator("#kt-editor")).isVisible();
        assertThat(page.locator("#kt-editor .editor-toolbar")).isVisible();
        page.locator("#kt-editor .CodeMirror").click();
        page.keyboard().type("# Printer setup\n\nInstall the " + word + " driver, then print a test page.\n\n");
        FileChooser chooser = page.waitForFileChooser(() -> page.click("#kt-editor .editor-toolbar button.upload-image"));
        chooser.setFiles(new FilePayload("test-page.png", "image/png", png()));
        assertThat(page.locator("#kt-editor .CodeMirror")).containsText("/knowledgetree/api/file/");
        assertThat(page.locator("#kt-files")).containsText("test-page.png");
        shot(page, "03-editor-with-image");

        // a file attached to the article (not inline)
        page.setInputFiles("#kt-upload", new FilePayload("driver-notes.txt", "text/plain",
                ("Driver notes for " + word + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(page.locator("#kt-files")).containsText("driver-notes.txt");
        assertThat(page.locator("#kt-editor")).isVisible();

        // 4. save: the rendered article shows the image, loaded from KnowledgeTree through Nexus
        page.click("#kt-save");
        assertThat(page.locator("#kt-editor")).isHidden();
        assertThat(page.locator("#kt-content")).containsText(word);
        assertImageDisplayed(page);
        String articleUrl = page.url();
        assertThat(articleUrl).contains("/knowledgetree/view/");

        // 5. after a reload (the deep link of the article) the image still displays and both files are listed
        page.reload();
        assertThat(page.locator("#kt-article-title")).hasText(article);
        assertThat(page.locator("#kt-content")).containsText(word);
        assertImageDisplayed(page);
        assertThat(page.locator("#kt-files")).containsText("test-page.png");
        assertThat(page.locator("#kt-files")).containsText("driver-notes.txt");
        shot(page, "04-article-after-reload");

        // 6. search from the root finds it by a word of its text, highlighted, with its folder path; the hit opens it
        page.navigate(origin + "/knowledgetree/browse/");
        assertThat(page.locator("#kt-items .kt__item", new Page.LocatorOptions().setHasText(folder))).isVisible();
        page.fill("#kt-search", word);
        Locator hit = page.locator("#kt-results .kt__result", new Page.LocatorOptions().setHasText(article));
        assertThat(hit).isVisible();
        assertThat(hit).containsText(folder);
        assertThat(hit.locator("mark").first()).isVisible();
        shot(page, "05-search");
        hit.click();
        assertThat(page.locator("#kt-article-title")).hasText(article);
        assertImageDisplayed(page);

        // 7. version history: the save made version 2; version 1 (empty) is listed
        page.click("#kt-history");
        assertThat(page.locator("#kt-modal")).isVisible();
        assertThat(page.locator("#kt-modal-body")).containsText("v2 (current)");
        assertThat(page.locator("#kt-modal-body")).containsText("v1");
        shot(page, "06-history");
        page.locator("#kt-modal-footer button", new Page.LocatorOptions().setHasText("Close")).click();

        // 8. dark mode: the editor with a table, toolbar and text readable on the dark surface
        if (page.locator("#theme-toggle-btn").count() > 0) {
            page.click("#theme-toggle-btn");
            assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
            page.click("#kt-edit");
            page.locator("#kt-editor .CodeMirror").click();
            page.keyboard().press("Control+End");
            page.click("#kt-editor .editor-toolbar button.table");
            assertThat(page.locator("#kt-editor .CodeMirror")).containsText("Column 1");
            String background = (String) page.evaluate("() => getComputedStyle(document.querySelector('#kt-editor .CodeMirror')).backgroundColor");
            assertThat(background).isNotIn("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)");
            shot(page, "07-editor-dark-table");
            page.click("#kt-editor .editor-toolbar button.side-by-side");
            assertThat(page.locator("#kt-editor .editor-preview-side table")).isVisible();
            shot(page, "08-editor-dark-side-by-side");
            page.onceDialog(d -> d.dismiss());
            page.click("#kt-cancel");
            page.click("#theme-toggle-btn");
        }
        page.context().close();
    }

    /** The article's first image has loaded and has its real size (a broken image has naturalWidth 0). */
    private static void assertImageDisplayed(Page page) {
        Locator img = page.locator("#kt-content img").first();
        assertThat(img).isVisible();
        assertThat(img.getAttribute("src")).contains("/knowledgetree/api/file/");
        page.waitForFunction("() => { const i = document.querySelector('#kt-content img'); return i && i.complete && i.naturalWidth === 160; }");
    }

    /** A 160×80 PNG: a blue band with a white stripe, easy to spot in the screenshots. */
    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(160, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1f6feb));
        g.fillRect(0, 0, 160, 80);
        g.setColor(Color.WHITE);
        g.fillRect(0, 35, 160, 10);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
