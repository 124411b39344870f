package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.knowledgetree.attachment.AttachmentStore;

import tools.jackson.databind.JsonNode;

class AttachmentTest extends KtTestBase {

    @Autowired
    AttachmentStore store;

    @Test
    void imageUploadIsServedToReadersWithDispositionAndNosniffAndDeletedWithItsNode() throws IOException {
        String folder = create("root", "Docs", true);
        String article = create(folder, "Diagram", false);
        byte[] png = png();
        Response up = upload("/api/upload/" + article, "file", "rack photo.png", "image/png", png, TECH);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        JsonNode body = up.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("filename").asString()).isEqualTo("rack photo.png");
        String fileId = body.get("file_id").asString();
        String stored = body.get("stored_filename").asString();
        assertThat(stored).matches("[0-9a-f-]{36}\\.png");
        Path onDisk = store.path(stored);
        assertThat(Files.readAllBytes(onDisk)).isEqualTo(png);

        Response download = get("/api/file/" + fileId, CLIENT);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(png);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(get("/api/file/" + fileId + "/rack%20photo.png", CLIENT).bytes()).isEqualTo(png);
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Disposition")).startsWith("inline").contains("rack photo.png");
        assertThat(get("/uploads/" + stored, BILLING).bytes()).isEqualTo(png);
        assertThat(get("/api/file/" + fileId, null).status()).isEqualTo(401);

        JsonNode node = get("/api/node/" + article, CLIENT).json();
        assertThat(node.get("files").get(0).get("original_filename").asString()).isEqualTo("rack photo.png");
        assertThat(node.get("files").get(0).get("size").asLong()).isEqualTo(png.length);
        assertThat(node.get("files").get(0).get("uploaded_by").asString()).isEqualTo("user-technician");

        // what the editor inserts for a pasted image; it survives sanitising and so displays after reload
        write(article, "Rack:\n\n![rack photo](/knowledgetree/api/file/" + fileId + ")");
        assertThat(get("/api/node/" + article, CLIENT).json().get("content_html").asString())
                .contains("<img src=\"/knowledgetree/api/file/" + fileId + "\" alt=\"rack photo\">");

        assertThat(delete("/api/node/" + folder, TECH).status()).isEqualTo(200);
        assertThat(Files.exists(onDisk)).isFalse();
        assertProblem(get("/api/file/" + fileId, CLIENT), 404);
    }

    @Test
    void typesAreCheckedByContentNotByName() {
        String article = create("root", "Files", false);
        byte[] exe = new byte[256];
        exe[0] = 'M';
        exe[1] = 'Z';
        assertProblem(upload("/api/upload/" + article, "file", "photo.png", "image/png", exe, TECH), 415);
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        assertProblem(upload("/api/upload/" + article, "file", "notes.txt", "text/plain", html, TECH), 415);
        Response pdfNamedTxt = upload("/api/upload/" + article, "file", "readme.txt", "text/plain",
                "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes(StandardCharsets.US_ASCII), TECH);
        assertThat(pdfNamedTxt.status()).as(pdfNamedTxt.body()).isEqualTo(200);
        assertThat(pdfNamedTxt.json().get("mime_type").asString()).isEqualTo("application/pdf");
        Response csv = upload("/api/node/" + article + "/upload", "file", "data.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), TECH);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        Response dl = get("/api/file/" + csv.json().get("file_id").asString(), CLIENT);
        assertThat(dl.header("Content-Disposition")).startsWith("attachment");
    }

    @Test
    void sizeLimitPermissionsAndBadRequests() {
        String article = create("root", "Big", false);
        byte[] big = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        Response tooBig = upload("/api/upload/" + article, "file", "big.txt", "text/plain", big, TECH);
        assertProblem(tooBig, 413);
        assertProblem(upload("/api/upload/" + article, "file", "a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8), CLIENT), 403);
        assertProblem(upload("/api/upload/missing", "file", "a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8), TECH), 404);
        Response noFile = upload("/api/upload/" + article, "other", "a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8), TECH);
        assertProblem(noFile, 400);
        assertThat(noFile.json().get("field").asString()).isEqualTo("file");
        assertProblem(get("/uploads/passwd", CLIENT), 404);
        // Tomcat itself refuses encoded slashes before any controller runs
        assertThat(get("/uploads/..%2F..%2Fetc%2Fpasswd", CLIENT).status()).isIn(400, 404);
    }

    @Test
    void hostileNamesAndContentAreInert() {
        String article = create("root", "<img src=x onerror=alert(1)>", false);
        Response up = upload("/api/upload/" + article, "file", "\"><script>alert(1)</script>.txt", "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8), TECH);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        Response dl = get("/api/file/" + up.json().get("file_id").asString(), CLIENT);
        assertThat(dl.header("Content-Disposition")).doesNotContain("\"><");
        assertThat(dl.header("Content-Security-Policy")).contains("sandbox");

        write(article, "[click](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"x()\">x</a>\n\n<iframe src=\"https://evil.test\"></iframe><svg onload=alert(3)>");
        String html = get("/api/node/" + article, CLIENT).json().get("content_html").asString();
        assertThat(html).doesNotContain("javascript:", "onclick", "<iframe", "<svg", "onload").contains("click");
        assertThat(put("/api/node/" + article, map("content_html", "<p style=\"background:url(javascript:x)\" onmouseover=\"x\">ok</p>"), TECH).status())
                .isEqualTo(200);
        String stored = get("/api/node/" + article, CLIENT).json().get("content").asString();
        assertThat(stored).isEqualTo("<p>ok</p>");

        Response page = page("/browse/", TECH);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("onerror=alert");
    }

    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
