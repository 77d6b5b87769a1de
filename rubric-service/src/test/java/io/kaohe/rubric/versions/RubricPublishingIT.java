package io.kaohe.rubric.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.rubric.RubricIntegrationTest;
import io.kaohe.testsupport.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class RubricPublishingIT extends RubricIntegrationTest {

    @Test
    void countySystemIsRefusedUntilTheSourcesDocumentedMismatchesAreAcknowledgedThenKafkaCarriesTheEvent() throws Exception {
        String office = office();
        JsonNode draft = call(HttpMethod.POST, "/api/rubric/versions", office,
                seedAs("demo/luoyang-county-2018.json", unique("county"))).getBody();
        String id = draft.get("id").asText();
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.get("leafCount").asInt()).isEqualTo(235);
        assertThat(draft.get("totalPoints").decimalValue()).isEqualByComparingTo("200");

        // The source does not add up under 3.1, 3.1.4 and 7.4: refused, every problem located.
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office, null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("rubric.version.invalid");
        List<String> locations = new ArrayList<>();
        refused.getBody().get("errors").forEach(e -> locations.add(e.get("location").asText()));
        assertThat(locations).containsExactlyInAnyOrder("3.1 “河洛党建计划”全面进步年工作情况",
                "3.1.4 强化服务意识，提升群众凝聚力", "7.4 统筹做好党的统战、政法、群团和党管武装工作");
        assertThat(refused.getBody().get("errors").get(0).get("message").asText()).contains("合计");

        // Each acknowledgement must cite the conversion note that names the node.
        List<String> notes = new ArrayList<>();
        seed("demo/luoyang-county-2018.json").get("conversionNotes").forEach(n -> notes.add(n.asText()));
        ResponseEntity<JsonNode> wrongNote = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/acknowledgements",
                office, Map.of("nodeCode", "3.1.4", "conversionNote", 0));
        assertThat(wrongNote.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrongNote.getBody().get("code").asText()).isEqualTo("rubric.acknowledgement.note-does-not-name-node");
        for (String node : List.of("3.1", "3.1.4", "7.4")) {
            int note = noteNaming(notes, node);
            assertThat(call(HttpMethod.POST, "/api/rubric/versions/" + id + "/acknowledgements", office,
                    Map.of("nodeCode", node, "conversionNote", note)).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        JsonNode validation = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/validation", office, null).getBody();
        assertThat(validation.get("valid").asBoolean()).isTrue();
        assertThat(validation.get("acknowledged")).hasSize(3);

        try (KafkaConsumer<String, String> consumer = consumer()) {
            ResponseEntity<JsonNode> published = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office, null);
            assertThat(published.getStatusCode()).isEqualTo(HttpStatus.OK);
            String hash = published.getBody().get("contentHash").asText();
            assertThat(hash).startsWith("sha256:");

            JsonNode event = awaitEvent(consumer, e -> id.equals(e.at("/data/versionId").asText()));
            assertThat(event.get("type").asText()).isEqualTo("RubricPublished");
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("source").asText()).isEqualTo("/rubric-service");
            assertThat(event.at("/data/contentHash").asText()).isEqualTo(hash);
            assertThat(event.at("/data/totalPoints").decimalValue()).isEqualByComparingTo("200");
            assertThat(event.at("/data/publishedBy").asText()).isEqualTo("office");
            assertThat(event.at("/data/snapshotPath").asText()).isEqualTo("/api/rubric/versions/" + id + "/snapshot");

            // The snapshot any consumer fetches is exactly what the hash was taken of.
            ResponseEntity<String> snapshot = http.exchange("/api/rubric/versions/" + id + "/snapshot", HttpMethod.GET,
                    new HttpEntity<>(bearer(Tokens.forUser("reporter.sjw"))), String.class);
            assertThat(sha256(snapshot.getBody())).isEqualTo(hash);
            assertThat(json.readTree(snapshot.getBody()).get("roots")).hasSize(8);
        }
        awaitNoIncompletePublications();
        List<String> actions = new ArrayList<>();
        call(HttpMethod.GET, "/api/rubric/versions/" + id + "/history", office, null).getBody()
                .forEach(h -> actions.add(h.get("action").asText() + " by " + h.get("actor").asText()));
        assertThat(actions).containsExactly("created by office", "acknowledged by office", "acknowledged by office",
                "acknowledged by office", "published by office");
    }

    @Test
    void publishingAPublishedVersionIsRefusedWithTheReasonInTheCallersLanguage() throws IOException {
        String office = office();
        String id = call(HttpMethod.POST, "/api/rubric/versions", office,
                seedAs("demo/luoyang-municipal-2018.json", unique("municipal"))).getBody().get("id").asText();
        List<String> notes = new ArrayList<>();
        seed("demo/luoyang-municipal-2018.json").get("conversionNotes").forEach(n -> notes.add(n.asText()));
        call(HttpMethod.POST, "/api/rubric/versions/" + id + "/acknowledgements", office,
                Map.of("nodeCode", "1", "conversionNote", noteNaming(notes, "1")));
        assertThat(call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> again = call(HttpMethod.POST, "/api/rubric/versions/" + id + "/publish", office, null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(again.getBody().get("code").asText()).isEqualTo("rubric.version.published");
        assertThat(again.getBody().get("detail").asText()).contains("不能再修改");

        HttpHeaders english = bearer(office);
        english.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
        ResponseEntity<JsonNode> inEnglish = http.exchange("/api/rubric/versions/" + id + "/publish", HttpMethod.POST,
                new HttpEntity<>(english), JsonNode.class);
        assertThat(inEnglish.getBody().get("detail").asText()).contains("can no longer change");
    }

    @Test
    void onlyTheOfficeChangesRubricsAndEveryRefusalIsAudited() throws IOException {
        long auditedBefore = audited();
        long unitRefusedBefore = refusalsOf("reporter.sjw", 403, "POST", "/api/rubric/versions");
        ResponseEntity<JsonNode> byUnit = call(HttpMethod.POST, "/api/rubric/versions", Tokens.forUser("reporter.sjw"),
                seedAs("demo/luoyang-municipal-2018.json", "by-a-unit"));
        assertThat(byUnit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byUnit.getBody().get("code").asText()).isEqualTo("platform.forbidden");

        ResponseEntity<JsonNode> anonymous = http.exchange("/api/rubric/versions", HttpMethod.GET, HttpEntity.EMPTY,
                JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");

        ResponseEntity<JsonNode> tampered = call(HttpMethod.GET, "/api/rubric/versions",
                Tokens.tampered(Tokens.forUser("office")), null);
        assertThat(tampered.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(audited()).isEqualTo(auditedBefore + 3);
        assertThat(refusalsOf("reporter.sjw", 403, "POST", "/api/rubric/versions")).isEqualTo(unitRefusedBefore + 1);
        assertThat(db.sql("select count(*) from rubric_version where created_by = 'reporter.sjw' or system_code = 'by-a-unit'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aTokenIssuedForAnotherAudienceIsRefused() {
        String token = Tokens.forUser("office");
        assertThat(Tokens.claims(token).get("aud")).anyMatch(a -> a.asText().equals("rubric-service"));
    }

    private static int noteNaming(List<String> notes, String node) {
        for (int i = 0; i < notes.size(); i++) {
            if (RubricValidator.mentions(notes.get(i), node)) {
                return i;
            }
        }
        throw new AssertionError("no conversion note names " + node);
    }

    private static String sha256(String text) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void awaitNoIncompletePublications() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (db.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class).single() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the outbox still holds unsent events");
    }
}
