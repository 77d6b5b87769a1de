package io.kaohe.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the scrape configuration as Prometheus reads them: checked by promtool (Debian's
 * {@code prometheus} package; .ci/run installs it), the rules' behaviour by promtool's rule tests, and
 * every expression's metrics against those the applications expose.
 */
class AlertRulesTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path PROMETHEUS = MetricNames.HOME.resolve("prometheus");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsTheScrapeConfigurationWithItsRules() throws Exception {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    void theRulesFireWhenTheyShouldAndOnlyThen() throws Exception {
        assertThat(promtool("test", "rules", "alerts-test.yml")).contains("SUCCESS");
    }

    @Test
    void everyRuleSelectsMetricsTheApplicationsExposeAndSaysWhatToDo() throws IOException {
        Set<String> known = MetricNames.known();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(PROMETHEUS.resolve("alerts.yml").toFile());
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("alert").asText();
                alerts.add(name);
                String expr = rule.path("expr").asText();
                assertThat(MetricNames.selectedBy(expr)).as(name + " selects a metric").isNotEmpty();
                assertThat(known).as(name + "'s metrics").containsAll(MetricNames.selectedBy(expr));
                assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("description").asText()).as(name).isNotBlank();
            }
        }
        assertThat(alerts).doesNotHaveDuplicates().contains("KaoheApplicationDown", "KaoheOutboxStuck",
                "KaoheEventsParked", "KaoheWorkflowIncidents");
    }

    private static String promtool(String... args) throws Exception {
        assertThat(PROMTOOL).as("promtool is missing: install Debian's prometheus package "
                + "(apt-get install --no-install-recommends prometheus), as .ci/run does").isExecutable();
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

}
