package io.kaohe.production;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * The Kubernetes object schemas as fabric8's kubernetes-model jars ship them (schema/validation-schema.json,
 * JSON Schema draft-07, one per API group jar), made strict where they are loose on purpose for Java:
 * an object with declared fields accepts no other field (a misspelt or misplaced key fails), and
 * Quantity and IntOrString are what Kubernetes reads (strings or numbers), not the Java types' fields.
 */
final class KubernetesSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode definitions = JSON.createObjectNode();
    private final Map<String, String> byApiVersionAndKind = new HashMap<>();
    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    KubernetesSchemas() {
        try {
            Enumeration<URL> files = getClass().getClassLoader().getResources("schema/validation-schema.json");
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    JsonNode schema = JSON.readTree(in);
                    schema.get("definitions").fields().forEachRemaining(e -> definitions.set(e.getKey(), e.getValue()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (definitions.isEmpty()) {
            throw new IllegalStateException("no schema/validation-schema.json on the classpath (fabric8 kubernetes-model jars)");
        }
        for (Iterator<Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
            Entry<String, JsonNode> definition = it.next();
            strict(definition.getValue());
            JsonNode properties = definition.getValue().path("properties");
            String apiVersion = properties.path("apiVersion").path("default").asText("");
            String kind = properties.path("kind").path("default").asText("");
            if (!apiVersion.isEmpty() && !kind.isEmpty()) {
                byApiVersionAndKind.putIfAbsent(apiVersion + "/" + kind, definition.getKey());
            }
        }
        definitions.set("k8s_io_apimachinery_pkg_api_resource_Quantity", JSON.createObjectNode()
                .set("type", JSON.createArrayNode().add("string").add("integer").add("number")));
        definitions.set("kubernetes_apimachinery_pkg_util_intstr_IntOrString", JSON.createObjectNode()
                .set("type", JSON.createArrayNode().add("string").add("integer")));
    }

    /** What is wrong with one object; empty when it is valid. Unknown kinds are a fault too. */
    List<String> validate(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String definition = byApiVersionAndKind.get(key);
        if (definition == null) {
            return List.of("no schema for " + key);
        }
        JsonSchema schema = schemas.computeIfAbsent(definition, d -> factory.getSchema(JSON.createObjectNode()
                .put("$schema", "http://json-schema.org/draft-07/schema#")
                .put("$ref", "#/definitions/" + d)
                .set("definitions", definitions)));
        List<String> faults = new ArrayList<>();
        for (ValidationMessage message : schema.validate(object)) {
            faults.add(key + " " + object.path("metadata").path("name").asText() + ": " + message.getMessage());
        }
        return faults;
    }

    private static void strict(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        schema.remove(List.of("existingJavaType", "javaType", "javaInterfaces", "javaOmitEmpty"));
        if (schema.path("required").isBoolean()) {
            schema.remove("required");
        }
        if (schema.has("properties") && schema.path("additionalProperties").isBoolean()) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").elements().forEachRemaining(KubernetesSchemas::strict);
        strict(schema.get("items"));
        strict(schema.get("additionalProperties"));
    }
}
