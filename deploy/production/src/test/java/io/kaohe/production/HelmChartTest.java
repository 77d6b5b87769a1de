package io.kaohe.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Helm chart (deploy/helm/kaohe) rendered by Helm's own library with a county's values, every
 * object validated against the Kubernetes schemas, and the platform's policy checked on what renders.
 */
class HelmChartTest {

    static final Path CHART = root().resolve("deploy/helm/kaohe");
    static final Path VALUES = Path.of("src/test/resources/cluster-values.yaml").toAbsolutePath();
    static final List<String> APPS = List.of("gateway", "rubric-service", "evidence-service", "scoring-service", "workflow",
            "notification-service", "audit-service");
    static final List<String> STATELESS = List.of("gateway", "rubric-service", "evidence-service", "scoring-service",
            "notification-service");
    private static final ObjectMapper YAML = new YAMLMapper();

    private static List<JsonNode> objects;

    @BeforeAll
    static void render() throws IOException {
        objects = render(Map.of());
        System.out.println("[helm] rendered " + objects.size() + " objects: "
                + objects.stream().map(o -> o.get("kind").asText()).distinct().toList());
    }

    @Test
    void everyRenderedObjectIsValidAgainstTheKubernetesSchemas() {
        KubernetesSchemas schemas = new KubernetesSchemas();
        List<String> faults = new ArrayList<>();
        objects.forEach(o -> faults.addAll(schemas.validate(o)));
        assertThat(faults).isEmpty();
        // ...and the schemas do catch a misplaced field.
        JsonNode broken = one("Deployment", "gateway").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("spec").get("template").get("spec"))
                .put("securityContex", "typo");
        assertThat(schemas.validate(broken)).singleElement().asString().contains("securityContex");
    }

    @Test
    void everyPodPassesTheRestrictedPodSecurityProfile() {
        for (JsonNode deployment : kind("Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).as(name).isPositive();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
            assertThat(pod.has("hostNetwork") || pod.has("hostPID") || pod.has("hostIPC")).as(name).isFalse();
            for (JsonNode volume : pod.path("volumes")) {
                assertThat(volume.has("hostPath")).as(name + " volume " + volume.get("name")).isFalse();
            }
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
                assertThat(security.path("privileged").asBoolean(false)).as(name).isFalse();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
                assertThat(security.at("/capabilities/drop")).extracting(JsonNode::asText).as(name).containsExactly("ALL");
                assertThat(security.at("/capabilities/add").isMissingNode()).as(name).isTrue();
                for (String resource : List.of("/resources/requests/cpu", "/resources/requests/memory",
                        "/resources/limits/memory")) {
                    assertThat(container.at(resource).isMissingNode()).as(name + resource).isFalse();
                }
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(name + " " + probe)
                            .isEqualTo("management");
                }
                assertThat(container.get("image").asText()).as(name).startsWith("registry.example.gov.cn/kaohe/");
            }
        }
        JsonNode namespace = one("Namespace", "kaohe");
        assertThat(namespace.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText()).isEqualTo("restricted");
    }

    @Test
    void everyApplicationRunsTwiceWithADisruptionBudgetAndItsOwnAccount() {
        for (String app : APPS) {
            JsonNode deployment = one("Deployment", app);
            JsonNode hpa = find("HorizontalPodAutoscaler", app);
            int replicas = hpa != null ? hpa.at("/spec/minReplicas").asInt() : deployment.at("/spec/replicas").asInt();
            assertThat(replicas).as(app + " replicas").isGreaterThanOrEqualTo(2);
            JsonNode pdb = one("PodDisruptionBudget", app);
            assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
            assertThat(pdb.at("/spec/selector/matchLabels")).as(app + " PDB selects its pods")
                    .isEqualTo(deployment.at("/spec/selector/matchLabels"));
            assertThat(deployment.at("/spec/template/metadata/labels").properties())
                    .containsAll(pdb.at("/spec/selector/matchLabels").properties());
            JsonNode account = one("ServiceAccount", app);
            assertThat(account.get("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(deployment.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(app);
        }
        assertThat(kind("HorizontalPodAutoscaler")).extracting(h -> h.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(STATELESS);
        assertThat(kind("Secret")).as("the chart never carries a secret").isEmpty();
    }

    @Test
    void networkPoliciesDenyEverythingButWhatEachApplicationNeeds() {
        JsonNode deny = one("NetworkPolicy", "kaohe-default-deny");
        assertThat(deny.at("/spec/podSelector").isEmpty()).isTrue();
        assertThat(deny.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactly("Ingress", "Egress");
        assertThat(deny.at("/spec/ingress").isMissingNode() && deny.at("/spec/egress").isMissingNode()).isTrue();

        JsonNode gateway = one("NetworkPolicy", "gateway");
        JsonNode fromController = gateway.at("/spec/ingress/0");
        assertThat(fromController.at("/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("ingress-nginx");
        assertThat(fromController.at("/ports/0/port").asInt()).isEqualTo(8080);
        for (String app : APPS) {
            JsonNode policy = one("NetworkPolicy", app);
            int management = one("Service", app).at("/spec/ports/1/port").asInt();
            List<JsonNode> managementRules = new ArrayList<>();
            for (JsonNode rule : policy.at("/spec/ingress")) {
                for (JsonNode port : rule.path("ports")) {
                    if (port.get("port").asInt() == management) {
                        managementRules.add(rule);
                    }
                }
            }
            assertThat(managementRules).as(app + ": the management port only from the monitoring namespace")
                    .singleElement().satisfies(rule -> assertThat(rule.at("/from/0/namespaceSelector/matchLabels/"
                            + "kubernetes.io~1metadata.name").asText()).isEqualTo("monitoring"));
            String egress = policy.at("/spec/egress").toString();
            assertThat(egress).as(app + " DNS").contains("kube-dns").contains("10.20.0.20/32");
        }
        assertThat(one("NetworkPolicy", "evidence-service").at("/spec/egress").toString()).contains("0.0.0.0/0");
        assertThat(one("NetworkPolicy", "gateway").at("/spec/egress").toString())
                .as("the gateway needs no database").doesNotContain("10.20.0.10/32").contains("kaohe-redis");
        assertThat(one("NetworkPolicy", "rubric-service").at("/spec/egress").toString())
                .contains("10.20.0.10/32", "\"kafka\"").doesNotContain("kaohe-redis", "0.0.0.0/0", "10.20.0.30/32");
        assertThat(one("NetworkPolicy", "notification-service").at("/spec/egress").toString())
                .as("the SMTP server; no webhook hosts unless the values name them").contains("10.20.0.30/32", "10.20.0.10/32")
                .doesNotContain("0.0.0.0/0");
    }

    @Test
    void theIngressTerminatesTlsAndRoutesOnlyToTheGatewaysAppPort() {
        JsonNode ingress = one("Ingress", "kaohe");
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo("kaohe.example.gov.cn");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("kaohe-tls");
        assertThat(ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText()).isEqualTo("county-ca");
        assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size").asText()).isEqualTo("200m");
        assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-request-buffering").asText())
                .isEqualTo("off");
        assertThat(ingress.at("/spec/rules/0/http/paths")).singleElement().satisfies(path -> {
            assertThat(path.at("/backend/service/name").asText()).isEqualTo("gateway");
            assertThat(path.at("/backend/service/port/name").asText()).isEqualTo("http");
        });
    }

    @Test
    void theApplicationsGetTheClustersKafkaSettingsAndTheStoresAddressing() {
        Map<String, String> evidence = env(one("Deployment", "evidence-service"));
        assertThat(evidence).containsEntry("KAFKA_REPLICATION_FACTOR", "3").containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("S3_PATH_STYLE", "false").containsEntry("SPRING_PROFILES_ACTIVE", "production")
                .containsEntry("DB_URL", "jdbc:postgresql://pg.db.svc.county.local:5432/evidence?sslmode=require")
                .containsEntry("ISSUER_URI", "https://sso.example.gov.cn/realms/kaohe");
        Map<String, String> gateway = env(one("Deployment", "gateway"));
        assertThat(gateway).containsEntry("KAOHE_SESSION_STORE", "redis").containsEntry("REDIS_HOST", "redis.kaohe-redis.svc")
                .doesNotContainKey("DB_URL");
        assertThat(gateway.get("MANAGEMENT_PORT")).isEqualTo("9080");
        assertThat(gateway).containsEntry("NOTIFICATION_URL", "http://notification-service:8085");
        Map<String, String> notification = env(one("Deployment", "notification-service"));
        assertThat(notification).containsEntry("SPRING_MAIL_HOST", "smtp.example.gov.cn")
                .containsEntry("SPRING_MAIL_PORT", "587").containsEntry("SPRING_MAIL_USERNAME", "kaohe-noreply")
                .containsEntry("SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE", "true")
                .containsEntry("KAOHE_MAIL_FROM", "考核平台 <kaohe-noreply@example.gov.cn>")
                .containsEntry("PORTAL_URL", "https://kaohe.example.gov.cn/")
                .containsEntry("DB_URL", "jdbc:postgresql://pg.db.svc.county.local:5432/notification?sslmode=require")
                .containsEntry("MANAGEMENT_PORT", "9085");
    }

    /** SM4 encryption of evidence at rest: off by default; with a key id, the master key comes from secrets.app. */
    @Test
    void evidenceEncryptionIsOffUnlessAKeyIdIsGivenThenItsKeyComesFromTheAppSecret() throws IOException {
        assertThat(env(one("Deployment", "evidence-service"))).doesNotContainKey("EVIDENCE_ENCRYPTION_KEY_ID");
        JsonNode evidence = render(Map.of("s3.encryptionKeyId", "2026-1")).stream()
                .filter(o -> o.get("kind").asText().equals("Deployment")
                        && o.at("/metadata/name").asText().endsWith("evidence-service"))
                .findFirst().orElseThrow();
        assertThat(env(evidence)).containsEntry("EVIDENCE_ENCRYPTION_KEY_ID", "2026-1");
        List<String> keyRefs = new ArrayList<>();
        for (JsonNode variable : evidence.at("/spec/template/spec/containers/0/env")) {
            if (variable.get("name").asText().equals("EVIDENCE_ENCRYPTION_KEY")) {
                keyRefs.add(variable.at("/valueFrom/secretKeyRef/key").asText());
            }
        }
        assertThat(keyRefs).containsExactly("EVIDENCE_ENCRYPTION_KEY");
    }

    /**
     * audit-service: its own database and role settings, the append-only runtime role, the retention, and the archive
     * on one claim every replica mounts (ReadWriteMany); the chain's writer is safe with two replicas (advisory lock).
     */
    @Test
    void theAuditTrailHasItsDatabaseRoleRetentionAndASharedArchive() {
        JsonNode deployment = one("Deployment", "audit-service");
        Map<String, String> audit = env(deployment);
        assertThat(audit).containsEntry("DB_URL", "jdbc:postgresql://pg.db.svc.county.local:5432/audit?sslmode=require")
                .containsEntry("AUDIT_RUNTIME_ROLE", "kaohe_audit_runtime").containsEntry("AUDIT_RETENTION", "P180D")
                .containsEntry("AUDIT_ARCHIVE_DIR", "/var/lib/kaohe/audit-archive").containsEntry("AUDIT_VERIFY_EVERY", "PT24H")
                .containsEntry("AUDIT_KEYCLOAK_ADMIN_URL", "https://sso.example.gov.cn/admin/realms/kaohe")
                .containsEntry("MANAGEMENT_PORT", "9086").containsEntry("SPRING_PROFILES_ACTIVE", "production");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(deployment.at("/spec/template/spec/containers/0/volumeMounts").toString())
                .contains("\"audit-archive\"", "/var/lib/kaohe/audit-archive");
        assertThat(deployment.at("/spec/template/spec/volumes").toString()).contains("\"claimName\":\"audit-archive\"");
        JsonNode claim = one("PersistentVolumeClaim", "audit-archive");
        assertThat(claim.at("/spec/accessModes")).extracting(JsonNode::asText).containsExactly("ReadWriteMany");
        assertThat(claim.at("/spec/storageClassName").asText()).isEqualTo("nas-rwx");
        assertThat(claim.at("/metadata/annotations/helm.sh~1resource-policy").asText()).as("kept on uninstall").isEqualTo("keep");
        assertThat(find("HorizontalPodAutoscaler", "audit-service")).as("appends are serialized: not autoscaled").isNull();
        assertThat(env(one("Deployment", "gateway"))).containsEntry("AUDIT_URL", "http://audit-service:8086");
        assertThat(one("NetworkPolicy", "audit-service").at("/spec/egress").toString())
                .as("its database, Kafka and Keycloak's admin API; nothing else").contains("10.20.0.10/32", "\"kafka\"", "10.20.0.20/32")
                .doesNotContain("0.0.0.0/0", "kaohe-redis", "10.20.0.30/32");
        for (String app : APPS) {
            if (!app.equals("audit-service")) {
                assertThat(env(one("Deployment", app))).as(app).doesNotContainKey("AUDIT_ARCHIVE_DIR");
                assertThat(one("Deployment", app).at("/spec/template/spec/volumes").toString()).doesNotContain("audit-archive");
            }
        }
    }

    @Test
    void aReadWriteOnceArchiveTakesOneAuditReplicaReplacedNotRolled() throws IOException {
        assertThatThrownBy(() -> render(Map.of("audit.archive.accessMode", "ReadWriteOnce")))
                .hasMessageContaining("apps.audit-service.replicas is 2 but audit.archive.accessMode is ReadWriteOnce");
        List<JsonNode> single = render(Map.of("audit.archive.accessMode", "ReadWriteOnce", "apps.audit-service.replicas", "1"));
        JsonNode deployment = single.stream().filter(o -> o.get("kind").asText().equals("Deployment")
                && o.at("/metadata/name").asText().equals("audit-service")).findFirst().orElseThrow();
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(single).as("no disruption budget a single pod could never satisfy")
                .noneMatch(o -> o.get("kind").asText().equals("PodDisruptionBudget")
                        && o.at("/metadata/name").asText().equals("audit-service"));
        KubernetesSchemas schemas = new KubernetesSchemas();
        single.forEach(o -> assertThat(schemas.validate(o)).isEmpty());
    }

    /** Every Secret a pod references is one the values name, with a key the chart's README documents for it. */
    @Test
    void everySecretReferenceResolvesToADocumentedSecretAndKey() throws IOException {
        Map<String, Set<String>> documented = documentedSecretKeys();
        JsonNode values = YAML.readTree(VALUES.toFile());
        Map<String, String> secretByName = new HashMap<>();
        secretByName.put(values.at("/secrets/app").asText(), "secrets.app");
        values.at("/secrets/databases").properties()
                .forEach(e -> secretByName.put(e.getValue().asText(), "secrets.databases." + e.getKey()));
        List<String> references = new ArrayList<>();
        for (JsonNode deployment : kind("Deployment")) {
            for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
                JsonNode ref = env.at("/valueFrom/secretKeyRef");
                if (!ref.isMissingNode()) {
                    String value = secretByName.get(ref.get("name").asText());
                    assertThat(value).as("Secret " + ref.get("name") + " is named by a value").isNotNull();
                    assertThat(documented.get(value)).as(value + " documents key " + ref.get("key"))
                            .contains(ref.get("key").asText());
                    references.add(value + "/" + ref.get("key").asText());
                }
            }
        }
        assertThat(references).contains("secrets.app/GATEWAY_CLIENT_SECRET", "secrets.app/KAOHE_SERVICES_SECRET",
                "secrets.app/S3_SECRET_KEY", "secrets.databases.workflow/DB_PASSWORD",
                "secrets.app/KAOHE_DIRECTORY_SECRET", "secrets.app/KAOHE_ACCOUNTS_SECRET", "secrets.app/KAOHE_WEBHOOK_SECRET", "secrets.app/SPRING_MAIL_PASSWORD",
                "secrets.databases.notification/DB_PASSWORD", "secrets.databases.audit/DB_PASSWORD",
                "secrets.databases.audit/DB_MIGRATION_USER", "secrets.databases.audit/DB_MIGRATION_PASSWORD");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "secrets.app|''|secrets.app is required",
            "secrets.databases.workflow|''|secrets.databases.workflow is required",
            "publicUrl|http://kaohe.example.gov.cn|publicUrl must be an https:// URL",
            "issuerUri|''|issuerUri is required",
            "kafka.replicationFactor|1|kafka.replicationFactor is 1: a cluster install needs 3 or more",
            "kafka.bootstrap|''|kafka.bootstrap is required",
            "secrets.databases.notification|''|secrets.databases.notification is required",
            "mail.host|''|mail.host is required",
            "secrets.databases.audit|''|secrets.databases.audit is required",
            "audit.runtimeRole|''|audit.runtimeRole is required",
            "apps.audit-service.autoscaling.enabled|true|apps.audit-service.autoscaling.enabled must stay false",
            "networkPolicy.egress.smtp.cidrs|null|networkPolicy.egress.smtp needs cidrs",
            "networkPolicy.egress.s3.cidrs|null|networkPolicy.egress.s3 needs cidrs"})
    void renderingFailsWithTheValueToSetWhenSomethingRequiredIsMissing(String value, String given, String message) {
        assertThatThrownBy(() -> render(Map.of(value, given))).hasMessageContaining(message);
    }

    private static Map<String, Set<String>> documentedSecretKeys() throws IOException {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(secrets\\.[a-z.]+)`[^|]*\\| (.+) \\|$")
                .matcher(Files.readString(CHART.resolve("README.md")));
        while (row.find()) {
            Set<String> names = new HashSet<>();
            Matcher key = Pattern.compile("`([A-Za-z0-9_.]+)`").matcher(row.group(2));
            while (key.find()) {
                names.add(key.group(1));
            }
            keys.put(row.group(1), names);
        }
        assertThat(keys).containsKeys("secrets.app", "secrets.databases.rubric", "secrets.databases.workflow");
        return keys;
    }

    static List<JsonNode> render(Map<String, String> overrides) throws IOException {
        TemplateCommand template = new Helm(CHART).template().withName("kaohe").withNamespace("kaohe").withKubeVersion("1.31.0")
                .withValuesFile(VALUES);
        overrides.forEach(template::set);
        String rendered = template.call();
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(rendered)) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static Map<String, String> env(JsonNode deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : deployment.at("/spec/template/spec/containers/0/env")) {
            if (variable.has("value")) {
                env.put(variable.get("name").asText(), variable.get("value").asText());
            }
        }
        return env;
    }

    private static List<JsonNode> kind(String kind) {
        return objects.stream().filter(o -> o.get("kind").asText().equals(kind)).toList();
    }

    private static JsonNode find(String kind, String name) {
        return kind(kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst().orElse(null);
    }

    private static JsonNode one(String kind, String name) {
        JsonNode object = find(kind, name);
        assertThat(object).as(kind + " " + name).isNotNull();
        return object;
    }

    static Path root() {
        String root = System.getProperty("kaohe.root");
        return root != null ? Path.of(root) : Path.of("../..").toAbsolutePath().normalize();
    }
}
