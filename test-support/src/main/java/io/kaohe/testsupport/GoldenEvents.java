package io.kaohe.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The golden examples of event-contracts ({@code /golden/<type>.json}) as the tie between a
 * producer's real messages and its consumers: a message a service published must have its
 * type's golden shape (the same fields at every level, the same kinds of values), and a
 * consumer test feeds the golden itself to the real listener ({@link #send}).
 */
public final class GoldenEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fields the contracts type as maps ({@code SelfAssessmentSubmitted.Item.measured}): their keys are data. */
    private static final Set<String> MAPS = Set.of("measured");

    private GoldenEvents() {
    }

    /** The golden example of an event type, as text. */
    public static String golden(String type) {
        try (InputStream in = GoldenEvents.class.getResourceAsStream("/golden/" + type + ".json")) {
            if (in == null) {
                throw new AssertionError("event-contracts has no golden example of " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden example's event id (what a consumer's inbox records when it applied it). */
    public static String goldenId(String type) {
        return tree(golden(type)).get("id").asText();
    }

    /**
     * Puts the golden example of a type on a topic of the test Kafka, keyed by its unit as producers
     * key them.
     *
     * @return the example's event id
     */
    public static String send(String type, String topic) {
        String golden = golden(type);
        JsonNode event = tree(golden);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, event.path("unitid").asText(null), golden)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not send the golden " + type, e.getCause());
        }
        return event.get("id").asText();
    }

    /**
     * Sends the golden example of a type and waits until the consumer's inbox ({@code processed_event},
     * written in the transaction that applied the event) holds it: a listener that cannot read or apply
     * the example leaves no row, and the assertion fails after a minute.
     */
    public static void assertApplied(String type, String topic, String consumer, javax.sql.DataSource database) {
        String id = send(type, topic);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.sql.Connection connection = database.getConnection();
                 java.sql.PreparedStatement query = connection.prepareStatement(
                         "select 1 from processed_event where consumer = ? and event_id = ?")) {
                query.setString(1, consumer);
                query.setString(2, id);
                try (java.sql.ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return;
                    }
                }
                Thread.sleep(200);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the golden " + type + " (event " + id + ") was not applied by " + consumer
                + " within a minute: see the service's log for why its listener refused it");
    }

    /**
     * Fails unless the published message has its type's golden shape. Values may differ (ids, times,
     * amounts); a null on either side matches any value, since the golden shows one case.
     *
     * @return the message, read
     */
    public static JsonNode assertGoldenShape(String message) {
        JsonNode actual = tree(message);
        String type = actual.path("type").asText();
        JsonNode golden = tree(golden(type));
        List<String> differences = new ArrayList<>();
        compare("", golden, actual, differences);
        if (!differences.isEmpty()) {
            throw new AssertionError("a published " + type + " differs from its golden example in event-contracts:\n  "
                    + String.join("\n  ", differences) + "\npublished: " + message);
        }
        return actual;
    }

    private static void compare(String path, JsonNode golden, JsonNode actual, List<String> differences) {
        if (golden.isNull() || actual.isNull()) {
            return;
        }
        if (!kind(golden).equals(kind(actual))) {
            differences.add(path + ": golden " + kind(golden) + ", published " + kind(actual));
            return;
        }
        if (golden.isObject() && MAPS.contains(path.substring(path.lastIndexOf('/') + 1))) {
            return;
        }
        if (golden.isObject()) {
            Set<String> goldenFields = names(golden);
            Set<String> actualFields = names(actual);
            for (String field : goldenFields) {
                if (!actualFields.contains(field)) {
                    differences.add(path + "/" + field + ": in the golden example, not published");
                } else {
                    compare(path + "/" + field, golden.get(field), actual.get(field), differences);
                }
            }
            actualFields.removeAll(goldenFields);
            actualFields.forEach(field -> differences.add(path + "/" + field + ": published, not in the golden example"));
        } else if (golden.isArray() && !golden.isEmpty()) {
            for (int i = 0; i < actual.size(); i++) {
                compare(path + "/" + i, golden.get(0), actual.get(i), differences);
            }
        }
    }

    private static String kind(JsonNode node) {
        if (node.isNumber()) {
            return "number";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
