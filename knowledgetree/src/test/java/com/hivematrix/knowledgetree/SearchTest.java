package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class SearchTest extends KtTestBase {

    @Test
    void rankedByFullTextIndexWithNameMatchesFirstAndTheOriginalFields() {
        String net = create("root", "Network Docs", true);
        String vpnByName = create(net, "VPN Setup", false);
        write(vpnByName, "How to configure the client.");
        String mention = create("root", "Remote Work", false);
        write(mention, "Employees use the vpn from home. " + "Other text. ".repeat(20));
        write(create("root", "Printers", false), "Nothing relevant here.");

        Response r = get("/api/search?query=vpn", CLIENT);
        assertThat(r.status()).isEqualTo(200);
        JsonNode hits = r.json();
        assertThat(ids(hits)).containsExactly(vpnByName, mention);
        JsonNode top = hits.get(0);
        assertThat(top.get("name").asString()).isEqualTo("VPN Setup");
        assertThat(top.get("is_folder").asBoolean()).isFalse();
        assertThat(top.get("folder_path").asString()).isEqualTo("Network Docs / VPN Setup");
        assertThat(top.get("url_path").asString()).isEqualTo("Network%20Docs/VPN%20Setup");
        assertThat(top.get("path_names").get(0).asString()).isEqualTo("Network Docs");
        assertThat(hits.get(1).get("snippet").asString()).contains("use the vpn from home");
        assertThat(r.header("X-Total-Count")).isEqualTo("2");
    }

    @Test
    void acceptsQAndQueryPagesAndScopes() {
        String a = create("root", "Alpha", true);
        String b = create("root", "Beta", true);
        List<String> inA = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = create(a, "Printer guide " + i, false);
            inA.add(id);
        }
        create(b, "Printer outside", false);

        assertThat(get("/api/search?q=printer", BRAINHAIR).json()).hasSize(6);
        assertThat(get("/api/search?query=printer&start_node_id=" + a, CLIENT).json()).hasSize(5);
        Response page1 = get("/api/search?query=printer&limit=4&page=1", CLIENT);
        Response page2 = get("/api/search?query=printer&limit=4&page=2", CLIENT);
        assertThat(page1.json()).hasSize(4);
        assertThat(page2.json()).hasSize(2);
        assertThat(page1.header("X-Total-Count")).isEqualTo("6");
        List<String> all = new ArrayList<>(ids(page1.json()));
        all.addAll(ids(page2.json()));
        assertThat(all).doesNotHaveDuplicates().containsAll(inA);
        assertThat(get("/api/search?query=pri", CLIENT).json()).hasSize(6);
        assertThat(get("/api/search?query=printer%20guide", CLIENT).json()).hasSize(5);
    }

    @Test
    void emptyOrSyntaxQueriesAreSafeAndLimitsChecked() {
        create("root", "Something", false);
        assertThat(get("/api/search?query=", CLIENT).json()).isEmpty();
        assertThat(get("/api/search", CLIENT).json()).isEmpty();
        assertThat(get("/api/search?query=%22%29%28*%3A%5B", CLIENT).status()).isEqualTo(200);
        assertThat(get("/api/search?query=KnowledgeTree", CLIENT).json()).isEmpty();
        assertProblem(get("/api/search?query=x&limit=0", CLIENT), 400);
        assertProblem(get("/api/search?query=x&limit=1000", CLIENT), 400);
        assertThat(get("/api/search?query=x", null).status()).isEqualTo(401);
    }

    @Test
    void wholeTreeTotalsAreExactUpToTheCapAndSayWhenCapped() {
        StringBuilder export = new StringBuilder("[{\"path\": \"Bulk\", \"content\": \"\", \"is_folder\": true, \"is_attached\": false}");
        for (int i = 0; i < 1005; i++) {
            export.append(",{\"path\": \"Bulk/Note ").append(i).append("\", \"content\": \"common word").append(i < 3 ? " rarest" : "")
                    .append("\", \"is_folder\": false, \"is_attached\": false}");
        }
        export.append(']');
        Response imported = upload("/admin/import", "file", "bulk.json", "application/json",
                export.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), ADMIN);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        Response many = get("/api/search?query=common&limit=15&offset=990", CLIENT);
        assertThat(many.header("X-Total-Count")).isEqualTo("1000");
        assertThat(many.header("X-Total-Count-Capped")).isEqualTo("true");
        assertThat(many.json()).hasSize(15);
        assertThat(many.json().get(0).get("folder_path").asString()).startsWith("Bulk / Note ");

        Response few = get("/api/search?query=rarest", CLIENT);
        assertThat(few.header("X-Total-Count")).isEqualTo("3");
        assertThat(few.header("X-Total-Count-Capped")).isEmpty();
        assertThat(few.json()).hasSize(3);
    }

    static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asString()));
        return out;
    }
}
