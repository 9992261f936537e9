package io.vigil.twin.query.semantic;

import io.vigil.twin.query.PropertyNameMatching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names the twin format fixes, with their canonical spelling.
 * <p>
 * Property names in queries are case-insensitive (IoT Hub: {@code SELECT DeviceId} returns {@code deviceId}).
 * For names the format fixes, the document's spelling is known in advance, so the compiler rewrites them and the
 * database matches them exactly (and can use its indexes). Keys starting with {@code $} are system keys (users
 * cannot create keys containing {@code $}) and are matched exactly after canonicalising the known ones. Every other
 * name was chosen by a user; {@link PropertyNameMatching} decides how it matches.
 */
final class TwinSchema {

    private static final Map<String, String> ROOT = byLowerCase("deviceId", "moduleId", "etag", "deviceEtag",
            "version", "status", "statusReason", "statusUpdateTime", "connectionState", "connectionStateUpdatedTime",
            "lastActivityTime", "cloudToDeviceMessageCount", "authenticationType", "x509Thumbprint", "modelId",
            "capabilities", "deviceScope", "parentScopes", "tags", "properties", "configurations");

    private static final Map<String, Map<String, String>> CHILDREN = Map.of(
            "x509Thumbprint", byLowerCase("primaryThumbprint", "secondaryThumbprint"),
            "capabilities", byLowerCase("iotEdge"),
            "properties", byLowerCase("desired", "reported"));

    private static final Map<String, String> SYSTEM_KEYS = byLowerCase("$metadata", "$version", "$lastUpdated",
            "$lastUpdatedVersion");

    private TwinSchema() {
    }

    /** Resolves the names of a path (relative to the document root) to segments. */
    static List<PropertyPath.Segment> resolve(List<String> names, PropertyNameMatching matching) {
        List<PropertyPath.Segment> segments = new ArrayList<>(names.size());
        String parent = null;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String lower = name.toLowerCase(Locale.ROOT);
            String canonical = null;
            if (name.startsWith("$")) {
                canonical = SYSTEM_KEYS.getOrDefault(lower, name);
            } else if (i == 0) {
                canonical = ROOT.get(lower);
            } else if (i == 1 && parent != null && CHILDREN.containsKey(parent)) {
                canonical = CHILDREN.get(parent).get(lower);
            }
            if (canonical != null) {
                segments.add(new PropertyPath.Segment(canonical, true));
            } else {
                segments.add(new PropertyPath.Segment(name, matching == PropertyNameMatching.EXACT));
            }
            parent = i == 0 ? canonical : null;
        }
        return segments;
    }

    private static Map<String, String> byLowerCase(String... names) {
        Map<String, String> map = new HashMap<>();
        for (String name : names) {
            map.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Map.copyOf(map);
    }
}
