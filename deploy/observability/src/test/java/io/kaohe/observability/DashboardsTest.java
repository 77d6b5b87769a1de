package io.kaohe.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped Grafana dashboards: valid JSON Grafana imports, each panel querying metrics the applications expose. */
class DashboardsTest {

    @Test
    void everyPanelQueriesMetricsTheApplicationsExpose() throws IOException {
        Set<String> known = MetricNames.known();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(MetricNames.HOME.resolve("grafana"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).isNotEmpty();
        Set<String> uids = new HashSet<>();
        for (Path file : dashboards) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asText())).as(file + ": a uid of its own").isTrue();
            assertThat(dashboard.path("title").asText()).as(file + " title").isNotBlank();
            assertThat(dashboard.path("panels")).as(file + " panels").isNotEmpty();
            List<Integer> ids = new ArrayList<>();
            for (JsonNode panel : dashboard.path("panels")) {
                String where = file.getFileName() + " panel \"" + panel.path("title").asText() + "\"";
                ids.add(panel.path("id").asInt());
                assertThat(panel.path("gridPos").path("w").asInt()).as(where + " width").isBetween(1, 24);
                assertThat(panel.path("targets")).as(where + " queries").isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    assertThat(MetricNames.selectedBy(expr)).as(where + ": " + expr).isNotEmpty();
                    assertThat(known).as(where + ": " + expr).containsAll(MetricNames.selectedBy(expr));
                    assertThat(balanced(expr)).as(where + " brackets: " + expr).isTrue();
                }
            }
            assertThat(ids).as(file + " panel ids").doesNotHaveDuplicates();
        }
    }

    private static boolean balanced(String expr) {
        int round = 0;
        int curly = 0;
        int square = 0;
        for (char c : expr.toCharArray()) {
            switch (c) {
                case '(' -> round++;
                case ')' -> round--;
                case '{' -> curly++;
                case '}' -> curly--;
                case '[' -> square++;
                case ']' -> square--;
                default -> { }
            }
            if (round < 0 || curly < 0 || square < 0) {
                return false;
            }
        }
        return round == 0 && curly == 0 && square == 0;
    }
}
