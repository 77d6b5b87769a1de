package io.kaohe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoldenEventsTest {

    private static final String HEAD = """
            {"specversion": "1.0", "id": "x", "source": "/example-service", "type": "ExampleHappened", "data": """;

    @Test
    void aMessageWithOtherValuesButTheGoldenShapePasses() {
        assertThat(GoldenEvents.assertGoldenShape(HEAD + """
                {"unitCode": "bz-a", "total": 12, "finalTotal": 11.5,
                 "lines": [{"code": "a", "points": 1, "measured": {}}, {"code": "b", "points": null, "measured": null}]}}""").at("/data/unitCode").asText())
                .isEqualTo("bz-a");
        assertThat(GoldenEvents.goldenId("ExampleHappened")).isEqualTo("11111111-2222-4333-8444-555555555555");
    }

    @Test
    void aMissingAnAddedOrARetypedFieldIsNamedWithItsPath() {
        assertThatThrownBy(() -> GoldenEvents.assertGoldenShape(HEAD + """
                {"unitCode": "bz-a", "total": "12", "lines": [{"code": "a", "points": 1, "extra": true}]}}"""))
                .hasMessageContaining("/data/total: golden number, published string")
                .hasMessageContaining("/data/finalTotal: in the golden example, not published")
                .hasMessageContaining("/data/lines/0/extra: published, not in the golden example");
    }

    @Test
    void aMapsKeysAreData() {
        GoldenEvents.assertGoldenShape(HEAD + """
                {"unitCode": "bz-a", "total": 1, "finalTotal": null,
                 "lines": [{"code": "a", "points": 1, "measured": {"actual": 3, "required": 4}}]}}""");
    }

    @Test
    void anUnknownTypeFails() {
        assertThatThrownBy(() -> GoldenEvents.assertGoldenShape("{\"type\": \"NothingHappened\"}"))
                .hasMessageContaining("no golden example of NothingHappened");
    }
}
