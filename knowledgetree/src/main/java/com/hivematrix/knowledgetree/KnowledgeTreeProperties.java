package com.hivematrix.knowledgetree;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

@ConfigurationProperties("knowledgetree")
public class KnowledgeTreeProperties {

    private final Neo4j neo4j = new Neo4j();
    private final Uploads uploads = new Uploads();

    public Neo4j getNeo4j() { return neo4j; }
    public Uploads getUploads() { return uploads; }

    public static class Neo4j {
        /** bolt:// or neo4j:// URI (NEO4J_URI); the launcher points it at its local server when unset. */
        private String uri = "bolt://127.0.0.1:7687";
        private String user = "neo4j";
        /** Empty: connect without authentication (the launcher's local server without a password). */
        private String password = "";

        public String getUri() { return uri; }
        public void setUri(String uri) { this.uri = uri; }
        public String getUser() { return user; }
        public void setUser(String user) { this.user = user; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
    }

    public static class Uploads {
        /** Where attachment bytes live, under random names (the original: instance/uploads). */
        private Path dir = Path.of("var/knowledgetree/uploads");
        /** Largest accepted attachment (the original: 50 MB). */
        private DataSize maxSize = DataSize.ofMegabytes(50);
        /** MIME types accepted, as detected from the bytes (Tika), not from the name. */
        private List<String> allowedTypes = List.of();

        public Path getDir() { return dir; }
        public void setDir(Path dir) { this.dir = dir; }
        public DataSize getMaxSize() { return maxSize; }
        public void setMaxSize(DataSize maxSize) { this.maxSize = maxSize; }
        public List<String> getAllowedTypes() { return allowedTypes; }
        public void setAllowedTypes(List<String> allowedTypes) { this.allowedTypes = allowedTypes; }
    }
}
