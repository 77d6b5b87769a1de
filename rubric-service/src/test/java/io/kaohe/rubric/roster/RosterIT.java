package io.kaohe.rubric.roster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.testsupport.Tokens;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class RosterIT extends RubricIntegrationTest {

    @Test
    void theDemoRosterIsLoadedAndReadableByEveryAuthenticatedUser() {
        JsonNode roster = call(HttpMethod.GET, "/api/rubric/roster", Tokens.forUser("reporter.sjw"), null).getBody();

        assertThat(roster.get("units").size()).isGreaterThanOrEqualTo(54);
        assertThat(roster.get("departments").size()).isGreaterThanOrEqualTo(15);
        assertThat(roster.get("categories").size()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void theOfficeKeepsTheRosterEveryChangeIsRecordedAndAnnounced() throws Exception {
        String category = unique("township");
        String unit = unique("unit");
        try (KafkaConsumer<String, String> consumer = consumer()) {
            assertThat(call(HttpMethod.PUT, "/api/rubric/roster/categories/" + category, office(), Map.of("name", "乡镇/街道"))
                    .getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(call(HttpMethod.PUT, "/api/rubric/roster/units/" + unit, office(),
                    Map.of("name", "城关镇", "category", category)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
            ResponseEntity<JsonNode> renamed = call(HttpMethod.PUT, "/api/rubric/roster/units/" + unit, office(),
                    Map.of("name", "城关镇人民政府", "category", category, "parent", "ly-yanshi"));
            assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(renamed.getBody().get("parent").asText()).isEqualTo("ly-yanshi");

            JsonNode event = awaitEvent(consumer, e -> e.get("type").asText().equals("RosterChanged")
                    && unit.equals(e.at("/data/code").asText()) && "UPDATED".equals(e.at("/data/action").asText()));
            assertThat(event.at("/data/name").asText()).isEqualTo("城关镇人民政府");
            assertThat(event.at("/data/changedBy").asText()).isEqualTo("office");
            assertThat(event.get("unitid").asText()).isEqualTo(unit);
        }
        ResponseEntity<JsonNode> inUse = call(HttpMethod.DELETE, "/api/rubric/roster/categories/" + category, office(), null);
        assertThat(inUse.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(inUse.getBody().get("code").asText()).isEqualTo("rubric.roster.category.in-use");
        assertThat(call(HttpMethod.DELETE, "/api/rubric/roster/units/" + unit, office(), null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.DELETE, "/api/rubric/roster/categories/" + category, office(), null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(db.sql("select count(*) from roster_history where code in (:a, :b) and actor = 'office'")
                .param("a", category).param("b", unit).query(Integer.class).single()).isEqualTo(5);
    }

    @Test
    void aCreateOnlyPutRefusesATakenCodeAtTheCodeFieldAndChangesNothing() {
        String unit = unique("unit");
        assertThat(createOnly("/api/rubric/roster/units/" + unit, Map.of("name", "新建单位", "category", "county")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        long history = db.sql("select count(*) from roster_history where code = :c").param("c", unit).query(Long.class).single();

        ResponseEntity<JsonNode> taken = createOnly("/api/rubric/roster/units/" + unit,
                Map.of("name", "覆盖已有单位", "category", "county"));

        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(taken.getBody().get("code").asText()).isEqualTo("rubric.roster.code.taken");
        assertThat(taken.getBody().at("/errors/0/location").asText()).isEqualTo("code");
        assertThat(taken.getBody().at("/errors/0/message").asText()).contains(unit);
        assertThat(db.sql("select name from unit where code = :c").param("c", unit).query(String.class).single())
                .isEqualTo("新建单位");
        assertThat(db.sql("select count(*) from roster_history where code = :c").param("c", unit).query(Long.class).single())
                .isEqualTo(history);
        assertThat(createOnly("/api/rubric/roster/departments/swzzb", Map.of("name", "改名")).getStatusCode())
                .isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(createOnly("/api/rubric/roster/categories/county", Map.of("name", "改名")).getStatusCode())
                .isEqualTo(HttpStatus.PRECONDITION_FAILED);
        // Without the header a PUT still renames.
        assertThat(call(HttpMethod.PUT, "/api/rubric/roster/units/" + unit, office(),
                Map.of("name", "改名后的单位", "category", "county")).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> createOnly(String path, Object body) {
        HttpHeaders headers = bearer(office());
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setIfNoneMatch("*");
        return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), JsonNode.class);
    }

    @Test
    void badInputIsRefusedWithEveryFaultLocatedAndNothingWritten() {
        ResponseEntity<JsonNode> bad = call(HttpMethod.PUT, "/api/rubric/roster/units/Bad Code", office(),
                Map.of("name", " ", "category", "no-such-category", "parent", "no-such-unit"));

        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("errors")).extracting(e -> e.get("location").asText())
                .containsExactly("code", "name", "category", "parent");
        assertThat(db.sql("select count(*) from unit where code = 'Bad Code'").query(Integer.class).single()).isZero();
    }

    @Test
    void onlyTheOfficeChangesTheRosterAndTheRefusalIsAudited() {
        long before = audited();

        ResponseEntity<JsonNode> refused = call(HttpMethod.PUT, "/api/rubric/roster/departments/hacked",
                Tokens.forUser("reviewer.swzzb"), Map.of("name", "冒充的部门"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(audited()).isEqualTo(before + 1);
        assertThat(db.sql("select count(*) from assessing_department where code = 'hacked'").query(Integer.class).single())
                .isZero();
    }
}
