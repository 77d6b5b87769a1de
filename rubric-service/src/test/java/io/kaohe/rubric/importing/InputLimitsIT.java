package io.kaohe.rubric.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.rubric.SmallSystems;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The inputs a probe of the running platform sent (issue 15 §6): each is accepted or refused with
 * a located 400/413 problem, never a 500, and a file with a fault on every row answers a short list.
 */
class InputLimitsIT extends RubricIntegrationTest {

    private static final String VERSIONS = "/api/rubric/versions";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstLeaf(Map<String, Object> system) {
        Map<String, Object> node = ((List<Map<String, Object>>) system.get("roots")).get(0);
        while (!((List<?>) node.get("children")).isEmpty()) {
            node = ((List<Map<String, Object>>) node.get("children")).get(0);
        }
        return node;
    }

    private static Map<String, Object> mutable(Map<String, Object> system) {
        return new HashMap<>(system);
    }

    private static void assertLocated(ResponseEntity<JsonNode> answer, HttpStatus status, String location) {
        assertThat(answer.getStatusCode()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isNotNull();
        assertThat(answer.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(answer.getBody().get("errors")).extracting(e -> e.get("location").asText()).contains(location);
    }

    @Test
    void aTitleWithRightToLeftOverrideZeroWidthAndEmojiIsKeptAsWritten() {
        Map<String, Object> system = mutable(SmallSystems.system(unique("rtl")));
        String title = "考核\u202Eabc\u200B\u200D\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDCBB 指标";
        system.put("title", title);
        firstLeaf(system).put("title", title);

        ResponseEntity<JsonNode> created = call(HttpMethod.POST, VERSIONS, office(), system);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("title").asText()).isEqualTo(title);
        JsonNode tree = call(HttpMethod.GET, VERSIONS + "/" + created.getBody().get("id").asText() + "/snapshot",
                office(), null).getBody();
        assertThat(tree.get("title").asText()).isEqualTo(title);
    }

    @Test
    void pointsOutOfRangeAreRefusedAtTheirNode() {
        Map<String, Object> system = mutable(SmallSystems.system(unique("pts")));
        firstLeaf(system).put("points", -1);
        ResponseEntity<JsonNode> negative = call(HttpMethod.POST, VERSIONS, office(), system);
        assertLocated(negative, HttpStatus.BAD_REQUEST, "roots[0].children[0].children[0].children[0].points");
        assertThat(negative.getBody().get("code").asText()).isEqualTo("platform.invalid-input");

        String huge = json(system).replace("\"points\":-1", "\"points\":1e309");
        assertThat(huge).contains("1e309");
        ResponseEntity<JsonNode> infinite = call(HttpMethod.POST, VERSIONS, office(), huge);
        assertLocated(infinite, HttpStatus.BAD_REQUEST, "roots[0].children[0].children[0].children[0].points");
        assertThat(infinite.getBody().at("/errors/0/message").asText()).contains("1000");
    }

    @Test
    void aMegabyteTitleIsRefusedAtTheTitleAndNotEchoed() {
        Map<String, Object> system = mutable(SmallSystems.system(unique("big")));
        system.put("title", "长".repeat((1 << 20) / 3));
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, VERSIONS, office(), system);
        assertLocated(refused, HttpStatus.BAD_REQUEST, "title");
        assertThat(refused.getBody().toString().length()).isLessThan(10_000);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        Map<String, Object> system = mutable(SmallSystems.system(unique("huge")));
        system.put("source", "x".repeat(3 << 20));
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, VERSIONS, office(), system);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("platform.body-too-large");
    }

    @Test
    void aCodeThatIsNotACodeIsRefusedWhereverItIs() {
        ResponseEntity<JsonNode> system = call(HttpMethod.POST, VERSIONS, office(),
                SmallSystems.system("a'; select pg_sleep(5);--"));
        assertLocated(system, HttpStatus.BAD_REQUEST, "code");

        Map<String, Object> draft = mutable(SmallSystems.system(unique("node")));
        firstLeaf(draft).put("code", "1.1 or 1=1");
        firstLeaf(draft).put("appliesTo", List.of("county", "<script>"));
        ResponseEntity<JsonNode> node = call(HttpMethod.POST, VERSIONS, office(), draft);
        assertLocated(node, HttpStatus.BAD_REQUEST, "roots[0].children[0].children[0].children[0].code");
        assertLocated(node, HttpStatus.BAD_REQUEST, "roots[0].children[0].children[0].children[0].appliesTo[1]");

        ResponseEntity<JsonNode> unit = call(HttpMethod.PUT, "/api/rubric/roster/units/a'or'1'='1", office(),
                Map.of("name", "单位", "category", "county"));
        assertLocated(unit, HttpStatus.BAD_REQUEST, "code");
    }

    @Test
    void anUnreadableBodyIsLocated() {
        Map<String, Object> system = mutable(SmallSystems.system(unique("shape")));
        system.put("colour", "red");
        assertLocated(call(HttpMethod.POST, VERSIONS, office(), system), HttpStatus.BAD_REQUEST, "colour");

        Map<String, Object> typed = mutable(SmallSystems.system(unique("shape")));
        typed.put("year", "next year");
        assertLocated(call(HttpMethod.POST, VERSIONS, office(), typed), HttpStatus.BAD_REQUEST, "year");

        ResponseEntity<JsonNode> broken = call(HttpMethod.POST, VERSIONS, office(), "{\"code\": \"x\",\n \"title\": ");
        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(broken.getBody().at("/errors/0/location").asText()).startsWith("body");
    }

    @Test
    void aHundredThousandFaultyRowsAnswerAShortListWithHowManyMore() throws Exception {
        // beyond the roster's row limit: one fault for the file, not one per row
        ResponseEntity<String> tooMany = importRoster(faultyRows(100_000));
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMany.getBody().length()).isLessThan(100_000);
        assertThat(json.readTree(tooMany.getBody()).get("code").asText()).isEqualTo("rubric.roster.import.invalid");

        // within it, a fault on every row: the first hundred listed, the others counted
        int rows = RosterWorkbook.MAX_ROWS - 1;
        ResponseEntity<String> refused = importRoster(faultyRows(rows));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().length()).isLessThan(100_000);
        JsonNode problem = json.readTree(refused.getBody());
        assertThat(problem.get("code").asText()).isEqualTo("rubric.roster.import.invalid");
        assertThat(problem.get("more")).as(refused.getBody()).isNotNull();
        int more = problem.get("more").asInt();
        assertThat(more).isGreaterThanOrEqualTo(rows - 100);
        assertThat(problem.get("errors")).hasSize(101);
        assertThat(problem.at("/errors/0/location").asText()).startsWith(RosterSheets.UNITS + "!R2");
        assertThat(problem.at("/errors/100/location").asText()).isEqualTo("…");
        assertThat(problem.at("/errors/100/message").asText().replace(",", "")).contains(String.valueOf(more));
    }

    private static byte[] faultyRows(int rows) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 200, true, true)) {
            Sheet units = workbook.createSheet(RosterSheets.UNITS);
            header(units.createRow(0), "编码", "名称", "类别", "上级单位");
            for (int i = 1; i <= rows; i++) {
                header(units.createRow(i), "BAD");
            }
            workbook.write(file);
            workbook.dispose();
        }
        assertThat(file.size()).isLessThan((int) IMPORT_LIMIT);
        return file.toByteArray();
    }

    private ResponseEntity<String> importRoster(byte[] file) {
        return upload("/api/rubric/roster/imports", office(), file, "名册.xlsx", String.class);
    }

    private static void header(Row row, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null) {
                row.createCell(i).setCellValue(cells[i]);
            }
        }
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
