package io.vigil.twin.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A diagnostic setting of a hub, in the shape of Azure's diagnostic settings resource: which of the hub's log
 * categories go where. Vigil keeps its own records whatever the settings say; it stores them so that operators
 * find them where their tooling puts them, and watches every change, because turning logs off is what an intruder
 * does to cover their tracks.
 */
public record DiagnosticSetting(String hub, String name, String etag, JsonNode properties, Instant updated) {

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("etag", etag);
        json.put("type", "Microsoft.Insights/diagnosticSettings");
        json.set("properties", properties);
        json.put("updated", updated.toString());
        return json;
    }
}
