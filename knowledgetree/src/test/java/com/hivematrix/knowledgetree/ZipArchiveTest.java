package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.knowledgetree.attachment.AttachmentStore;

import tools.jackson.databind.JsonNode;

/** The export with attachments: export, wipe, import gives the same tree and the same bytes, inline images included. */
class ZipArchiveTest extends KtTestBase {

    @Autowired
    AttachmentStore store;

    @Test
    void exportWipeImportRestoresTheSameTreeAndAttachmentBytes() throws IOException {
        String folder = create("root", "Network", true);
        String article = create(folder, "Rack", false);
        String attached = create(folder, "Tickets", true, true);
        create(attached, "Ticket 1", false);
        byte[] png = AttachmentTest.png();
        byte[] notes = "rack notes\nline 2\n".getBytes(StandardCharsets.UTF_8);
        String imageId = upload("/api/upload/" + article, "file", "rack photo.png", "image/png", png, TECH).json().get("file_id").asString();
        String notesId = upload("/api/upload/" + article, "file", "notes.txt", "text/plain", notes, TECH).json().get("file_id").asString();
        String folderFileId = upload("/api/upload/" + folder, "file", "plan.txt", "text/plain", "plan".getBytes(StandardCharsets.UTF_8), TECH)
                .json().get("file_id").asString();
        write(article, "# Rack\n\n![rack](/knowledgetree/api/file/" + imageId + ")");
        Set<String> tree = entries(get("/admin/export", ADMIN).json());
        Map<String, String> filesBefore = files();

        Response export = get("/admin/export.zip", ADMIN);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).isEqualTo("application/zip");
        assertThat(export.header("Content-Disposition")).contains("knowledgetree_export.zip");
        Map<String, byte[]> zip = unzip(export.bytes());
        assertThat(zip).containsKeys("knowledgetree_export.json", "attachments.json", "files/" + imageId, "files/" + notesId, "files/" + folderFileId);
        assertThat(zip.get("files/" + imageId)).isEqualTo(png);
        assertThat(get("/admin/export.zip", TECH).status()).isEqualTo(403);

        long storedBefore = storedFiles();
        io.wipe();
        assertThat(get("/api/file/" + imageId, CLIENT).status()).isEqualTo(404);
        assertThat(storedFiles()).isEqualTo(storedBefore - 3);

        // the dry run counts without writing
        Response dry = upload("/admin/import?dry_run=true", "file", "knowledgetree_export.zip", "application/zip", export.bytes(), ADMIN);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("files").asInt()).isEqualTo(3);
        assertThat(get("/api/folders/tree", CLIENT).json().get("children")).isEmpty();

        Response imported = upload("/admin/import", "file", "knowledgetree_export.zip", "application/zip", export.bytes(), ADMIN);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("files").asInt()).isEqualTo(3);
        assertThat(entries(get("/admin/export", ADMIN).json())).isEqualTo(tree);
        assertThat(files()).isEqualTo(filesBefore);
        // same file ids, so the article's inline image link works as before, with the same bytes
        assertThat(get("/api/file/" + imageId, CLIENT).bytes()).isEqualTo(png);
        assertThat(get("/api/file/" + notesId, CLIENT).bytes()).isEqualTo(notes);
        assertThat(get("/api/file/" + folderFileId, CLIENT).bytes()).isEqualTo("plan".getBytes(StandardCharsets.UTF_8));
        String newArticleId = get("/api/browse?path=/Network", CLIENT).json().get("articles").get(0).get("id").asString();
        assertThat(get("/api/node/" + newArticleId, CLIENT).json().get("content_html").asString()).contains("api/file/" + imageId);

        // importing the same archive again adds no duplicate files
        Response again = upload("/admin/import", "file", "knowledgetree_export.zip", "application/zip", export.bytes(), ADMIN);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("files").asInt()).isZero();
        assertThat(files()).isEqualTo(filesBefore);
        assertThat(storedFiles()).isEqualTo(storedBefore);
    }

    private long storedFiles() throws IOException {
        Files.createDirectories(store.dir());
        try (var stored = Files.list(store.dir())) {
            return stored.count();
        }
    }

    @Test
    void badArchivesAre400AndWriteNothing() throws IOException {
        byte[] png = AttachmentTest.png();
        long storedBefore = storedFiles();
        String tree = "[{\"path\": \"A\", \"content\": \"\", \"is_folder\": true, \"is_attached\": false},"
                + " {\"path\": \"A/B\", \"content\": \"b\", \"is_folder\": false, \"is_attached\": false}]";
        String id = "0b6c3c52-8a0f-4d0e-9d52-2d7f5b7e1a11";

        Response missingBytes = importZip(Map.of("knowledgetree_export.json", tree,
                "attachments.json", "[{\"path\": \"A/B\", \"id\": \"" + id + "\", \"original_filename\": \"x.png\"}]"), Map.of());
        assertProblem(missingBytes, 400);
        assertThat(missingBytes.json().get("errors").get(0).asString()).contains("files/" + id + " is missing");

        Response badChecksum = importZip(Map.of("knowledgetree_export.json", tree,
                "attachments.json", "[{\"path\": \"A/B\", \"id\": \"" + id + "\", \"original_filename\": \"x.png\", \"sha256\": \"00\"}]"),
                Map.of("files/" + id, png));
        assertProblem(badChecksum, 400);
        assertThat(badChecksum.json().get("errors").get(0).asString()).contains("checksum");

        Response disguised = importZip(Map.of("knowledgetree_export.json", tree,
                "attachments.json", "[{\"path\": \"A/B\", \"id\": \"" + id + "\", \"original_filename\": \"x.png\"}]"),
                Map.of("files/" + id, "MZ\u0090\u0000 not an image".getBytes(StandardCharsets.ISO_8859_1)));
        assertProblem(disguised, 400);
        assertThat(disguised.json().get("errors").get(0).asString()).contains("not allowed");

        Response noTree = importZip(Map.of("readme.txt", "hi"), Map.of());
        assertProblem(noTree, 400);

        assertThat(get("/api/folders/tree", CLIENT).json().get("children")).isEmpty();
        assertThat(storedFiles()).isEqualTo(storedBefore);
        assertThat(upload("/admin/import", "file", "x.zip", "application/zip", zipOf(Map.of("knowledgetree_export.json", tree), Map.of()), TECH)
                .status()).isEqualTo(403);
    }

    private Response importZip(Map<String, String> texts, Map<String, byte[]> binaries) throws IOException {
        return upload("/admin/import", "file", "archive.zip", "application/zip", zipOf(texts, binaries), ADMIN);
    }

    private static byte[] zipOf(Map<String, String> texts, Map<String, byte[]> binaries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : texts.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            for (var e : binaries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }

    /** Every attachment as "node path / original name" → its bytes (hex) fetched by id through the API. */
    private Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        collect("root", "", out);
        return out;
    }

    private void collect(String id, String path, Map<String, String> out) {
        JsonNode node = get("/api/node/" + id, CLIENT).json();
        for (JsonNode f : node.get("files")) {
            out.put(path + " / " + f.get("original_filename").asString() + " [" + f.get("id").asString() + "]",
                    java.util.HexFormat.of().formatHex(get("/api/file/" + f.get("id").asString(), CLIENT).bytes()));
        }
        for (JsonNode c : get("/api/node/" + id + "/children", CLIENT).json()) {
            collect(c.get("id").asString(), path + "/" + c.get("name").asString(), out);
        }
    }

    private static Set<String> entries(JsonNode export) {
        Set<String> out = new HashSet<>();
        export.forEach(e -> out.add(e.get("path").asString() + "|" + e.get("content").asString() + "|" + e.get("is_folder").asBoolean()
                + "|" + e.get("is_attached").asBoolean()));
        return out;
    }
}
