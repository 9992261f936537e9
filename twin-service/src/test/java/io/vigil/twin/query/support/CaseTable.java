package io.vigil.twin.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads the case table and its fixture twins from the test resources. */
public final class CaseTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseTable() {
    }

    public static JsonNode resource(String name) {
        try (InputStream in = CaseTable.class.getClassLoader().getResourceAsStream("twin-query/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource twin-query/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read twin-query/" + name, e);
        }
    }

    /** Fixture sets by name; each twin's key is "deviceId" or "deviceId/moduleId". */
    public static Map<String, Map<String, JsonNode>> fixtures() {
        Map<String, Map<String, JsonNode>> sets = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = resource("fixtures.json").properties().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> set = entries.next();
            if (set.getKey().startsWith("//")) {
                continue;
            }
            Map<String, JsonNode> twins = new LinkedHashMap<>();
            for (JsonNode twin : set.getValue()) {
                String key = keyOf(twin);
                if (twins.put(key, twin) != null) {
                    throw new IllegalStateException("twin " + key + " twice in fixture set " + set.getKey());
                }
            }
            sets.put(set.getKey(), twins);
        }
        return sets;
    }

    public static String keyOf(JsonNode twin) {
        String moduleId = moduleIdOf(twin);
        return moduleId.isEmpty() ? twin.get("deviceId").asText() : twin.get("deviceId").asText() + "/" + moduleId;
    }

    public static String moduleIdOf(JsonNode twin) {
        return twin.hasNonNull("moduleId") ? twin.get("moduleId").asText() : "";
    }

    public static List<QueryCase> cases() {
        List<QueryCase> cases = new ArrayList<>();
        for (JsonNode row : resource("cases.json")) {
            if (row.has("//")) {
                continue;
            }
            cases.add(new QueryCase(
                    row.get("name").asText(),
                    row.path("source").asText("vigil"),
                    row.get("fixtures").asText(),
                    text(row.get("query")),
                    Optional.ofNullable(row.get("expect")).map(CaseTable::list),
                    Optional.ofNullable(row.get("expectTwins")).map(CaseTable::strings),
                    row.path("anyOrder").asBoolean(false),
                    Optional.ofNullable(row.get("itemType")).map(JsonNode::asText),
                    row.path("exactNames").asBoolean(false)));
        }
        return cases;
    }

    /** A query is a string, or an array of lines joined with \n (to keep multi-line queries verbatim). */
    public static String text(JsonNode query) {
        if (query.isTextual()) {
            return query.asText();
        }
        List<String> lines = new ArrayList<>();
        query.forEach(line -> lines.add(line.asText()));
        return String.join("\n", lines);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
