package io.kaohe.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** EvidenceAdded carries the bytes' SM3 beside their SHA-256; an event from before SM3 (none) still reads. */
class EvidenceAddedTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void theGoldenExampleCarriesTheSm3OfItsBytesAndAnOlderEventWithoutItReadsAsNone() throws IOException {
        JsonNode data = golden().get("data");
        EvidenceAdded added = JSON.treeToValue(data, EvidenceAdded.class);
        // The example's bytes are "test": SHA-256 and SM3 (GB/T 32905) of them.
        assertThat(added.sha256()).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(added.sm3()).isEqualTo("55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23");

        ObjectNode older = data.deepCopy();
        older.remove("sm3");
        EvidenceAdded before = JSON.treeToValue(older, EvidenceAdded.class);
        assertThat(before.sm3()).isNull();
        assertThat(before.sha256()).isEqualTo(added.sha256());
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = EvidenceAddedTest.class.getResourceAsStream("/golden/EvidenceAdded.json")) {
            return JSON.readTree(in);
        }
    }
}
