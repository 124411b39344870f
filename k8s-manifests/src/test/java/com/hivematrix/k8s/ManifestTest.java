package com.hivematrix.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * deploy/k8s, base and production overlay, as kubectl renders them: every manifest is valid against
 * the Kubernetes model (no unknown fields, the required ones present), only Nexus takes outside
 * traffic, every backend accepts only its callers, every container has limits and probes, secrets
 * are references, and the scaling pieces the design asks for exist.
 */
class ManifestTest {

    static final Set<String> SERVICES = Set.of("core", "helm", "codex", "ledger", "knowledgetree", "beacon", "brainhair", "nexus");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyManifestIsValidAgainstTheModel(String dir) throws Exception {
        List<HasMetadata> all = RenderedManifests.render(dir);
        assertThat(all).hasSizeGreaterThan(40);
        for (HasMetadata r : all) {
            assertThat(r.getApiVersion()).as("apiVersion of %s", r).isNotBlank();
            assertThat(r.getKind()).as("kind").isNotBlank();
            assertThat(r.getMetadata().getName()).as("name of a %s", r.getKind()).isNotBlank();
            if (!r.getKind().equals("Namespace")) {
                assertThat(r.getMetadata().getNamespace()).as("namespace of %s", r.getMetadata().getName()).isEqualTo("hivematrix");
            }
            assertThat(RenderedManifests.unknownFields(r)).as("fields the model does not know").isEmpty();
        }
        for (Deployment d : of(all, Deployment.class)) {
            assertThat(d.getSpec().getSelector().getMatchLabels()).as("selector of %s", name(d)).isNotEmpty();
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                    .as("template labels of %s", name(d)).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
        }
        for (Service s : of(all, Service.class)) {
            assertThat(s.getSpec().getSelector()).as("selector of service %s", name(s)).isNotEmpty();
            assertThat(s.getSpec().getPorts()).as("ports of service %s", name(s)).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void onlyNexusIsExposed(String dir) throws Exception {
        List<HasMetadata> all = RenderedManifests.render(dir);
        Set<String> ingressBackends = of(all, Ingress.class).stream()
                .flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .map(p -> p.getBackend().getService().getName())
                .collect(Collectors.toSet());
        assertThat(ingressBackends).containsExactly("nexus");
        assertThat(of(all, Service.class)).allSatisfy(s ->
                assertThat(s.getSpec().getType()).as("type of service %s", name(s)).isIn(null, "ClusterIP"));

        List<NetworkPolicy> policies = of(all, NetworkPolicy.class);
        assertThat(policies).as("a default deny for every pod").anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
        });
        Stream.concat(of(all, Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
                of(all, StatefulSet.class).stream().map(s -> s.getSpec().getTemplate())).forEach(template -> {
            String app = template.getMetadata().getLabels().get("app.kubernetes.io/name");
            List<NetworkPolicy> own = policies.stream()
                    .filter(p -> app.equals(p.getSpec().getPodSelector().getMatchLabels() == null ? null
                            : p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                    .toList();
            assertThat(own).as("network policy of %s", app).hasSize(1);
            boolean openToAll = own.get(0).getSpec().getIngress().stream().anyMatch(rule -> rule.getFrom() == null || rule.getFrom().isEmpty());
            assertThat(openToAll).as("%s open to any source", app).isEqualTo(app.equals("nexus"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyContainerHasLimitsProbesAndSecretReferences(String dir) throws Exception {
        List<HasMetadata> all = RenderedManifests.render(dir);
        List<PodTemplateSpec> templates = Stream.concat(of(all, Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
                of(all, StatefulSet.class).stream().map(s -> s.getSpec().getTemplate())).toList();
        assertThat(templates).hasSizeGreaterThanOrEqualTo(SERVICES.size() + 3);
        for (PodTemplateSpec t : templates) {
            for (Container c : t.getSpec().getContainers()) {
                assertThat(c.getImage()).as("image of %s", c.getName()).isNotBlank();
                Map<String, ?> limits = c.getResources().getLimits();
                assertThat(limits).as("limits of %s", c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getRequests()).as("requests of %s", c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getLivenessProbe()).as("liveness probe of %s", c.getName()).isNotNull();
                assertThat(c.getReadinessProbe()).as("readiness probe of %s", c.getName()).isNotNull();
                for (EnvVar env : c.getEnv()) {
                    if (env.getName().matches(".*(PASSWORD|SECRET|_KEY)$")) {
                        assertThat(env.getValue()).as("%s of %s must come from a Secret", env.getName(), c.getName()).isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef()).as("%s of %s", env.getName(), c.getName()).isNotNull();
                    }
                }
            }
        }
        assertThat(all).noneSatisfy(r -> assertThat(r.getKind()).isEqualTo("Secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void servicesHaveDisruptionBudgetsAutoscalersAndDatabases(String dir) throws Exception {
        List<HasMetadata> all = RenderedManifests.render(dir);
        Set<String> deployments = of(all, Deployment.class).stream().map(ManifestTest::name).collect(Collectors.toSet());
        assertThat(deployments).containsAll(SERVICES).contains("keycloak");
        Set<String> budgets = of(all, PodDisruptionBudget.class).stream().map(ManifestTest::name).collect(Collectors.toSet());
        assertThat(budgets).containsAll(deployments);
        Set<String> scaled = of(all, HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getSpec().getScaleTargetRef().getName()).collect(Collectors.toSet());
        assertThat(scaled).containsExactlyInAnyOrder("nexus", "codex", "ledger");
        List<HasMetadata> clusters = all.stream().filter(r -> r.getKind().equals("Cluster")).toList();
        assertThat(clusters).extracting(ManifestTest::name)
                .containsExactlyInAnyOrder("codex-db", "ledger-db", "helm-db", "brainhair-db", "keycloak-db");
        HasMetadata codexDb = clusters.stream().filter(c -> name(c).equals("codex-db")).findFirst().orElseThrow();
        Object instances = ((io.fabric8.kubernetes.api.model.GenericKubernetesResource) codexDb).get("spec", "instances");
        assertThat(((Number) instances).intValue()).as("Codex's primary plus at least one read replica").isGreaterThanOrEqualTo(2);
    }

    private static <T extends HasMetadata> List<T> of(List<HasMetadata> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String name(HasMetadata r) {
        return r.getMetadata().getName();
    }
}
