package io.kaohe.deploy;

import static io.kaohe.deploy.RunningHaPlatform.BALANCER;
import static io.kaohe.deploy.RunningHaPlatform.PORTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.servers.Readiness;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** {@code ./platform --ha} has the production shape: every part there twice (Kafka thrice), behind nginx. */
@Order(1)
class HaPlatformHaIT {

    @BeforeAll
    static void startThePlatformInItsProductionShape() throws Exception {
        RunningHaPlatform.start();
    }

    @Test
    void everyApplicationRunsTwiceAndAnswersItsHealthOnItsManagementPortOnly() throws Exception {
        for (App app : App.values()) {
            for (int replica = 1; replica <= LocalPlatform.REPLICAS; replica++) {
                int port = PORTS.instance(app, replica);
                assertThat(Readiness.httpStatus("http://127.0.0.1:" + Ports.management(port) + "/actuator/health/readiness"))
                        .as(app.module + "-" + replica + " ready").isEqualTo(200);
                HttpResponse<String> metrics = get("http://127.0.0.1:" + Ports.management(port) + "/actuator/prometheus");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("jvm_memory_used_bytes");
                assertThat(get("http://127.0.0.1:" + port + "/actuator/prometheus").statusCode())
                        .as("no metrics on " + app.module + "'s own port").isIn(302, 401, 404);
            }
        }
        assertThat(get(BALANCER + "/actuator/prometheus").statusCode()).as("nginx never reaches a management port")
                .isIn(302, 404);
    }

    @Test
    void theBalancerSpreadsRequestsOverBothGatewaysAndEachServiceOverItsInstances() throws Exception {
        for (App app : App.values()) {
            Set<String> upstreams = new HashSet<>();
            // A service's own port answers no anonymous request (its OpenAPI document is on the management port):
            // each instance's 401 still names it in X-Kaohe-Upstream.
            String path = app == App.GATEWAY ? "/" : "/v3/api-docs";
            int status = app == App.GATEWAY ? 200 : 401;
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = get("http://127.0.0.1:" + PORTS.entry(app) + path);
                assertThat(response.statusCode()).as(app.module + path).isEqualTo(status);
                upstreams.add(response.headers().firstValue("X-Kaohe-Upstream").orElseThrow());
            }
            assertThat(upstreams).as(app.module + "'s instances behind nginx").containsExactlyInAnyOrder(
                    "127.0.0.1:" + PORTS.instance(app, 1), "127.0.0.1:" + PORTS.instance(app, 2));
        }
    }

    @Test
    void kafkaIsAThreeNodeClusterAndEveryTopicHasThreeCopiesTwoOfThemRequired() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafkaNode(1));
        try (Admin admin = Admin.create(props)) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(LocalPlatform.KAFKA_NODES);
            List<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith("kaohe.")).toList();
            // Each event topic and its dead-letter twin (.dlt), all created by the services at start.
            assertThat(topics).contains("kaohe.rubric.events", "kaohe.evidence.events", "kaohe.scoring.events",
                    "kaohe.workflow.events", "kaohe.audit.events", "kaohe.scoring.commands", "kaohe.scoring.events.dlt");
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            described.forEach((name, topic) -> topic.partitions().forEach(p -> assertThat(p.replicas())
                    .as(name + " partition " + p.partition()).hasSize(3)));
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get();
            configs.forEach((topic, config) -> assertThat(config.get("min.insync.replicas").value())
                    .as(topic.name()).isEqualTo("2"));
            System.out.printf("HA Kafka: %d nodes, %d topics, each partition on 3 nodes, min.insync.replicas 2%n",
                    admin.describeCluster().nodes().get().size(), topics.size());
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return RunningPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
