package com.hivematrix.k8s;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.hivematrix.shared.testsupport.RepoRoot;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What {@code kubectl kustomize deploy/k8s/<dir>} renders, read into the fabric8 Kubernetes model.
 * A field the model does not know lands in some object's {@code additionalProperties}:
 * {@link #unknownFields} finds those, so a misspelt or misplaced field fails the check.
 */
final class RenderedManifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private RenderedManifests() {
    }

    static List<HasMetadata> render(String dir) throws IOException, InterruptedException {
        Path root = RepoRoot.get().resolve("deploy/k8s").resolve(dir);
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", root.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render deploy/k8s (Debian package kubernetes-client)", e);
        }
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed:\n" + yaml);
        }
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                resources.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return resources;
    }

    /** Paths of every field the typed model did not recognise (custom resources are not typed and are skipped). */
    static List<String> unknownFields(HasMetadata resource) {
        List<String> found = new ArrayList<>();
        if (!(resource instanceof GenericKubernetesResource)) {
            walk(resource, resource.getKind() + "/" + resource.getMetadata().getName(), found,
                    java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), found, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            walk(value, path + "." + field, found, seen);
        }
    }
}
