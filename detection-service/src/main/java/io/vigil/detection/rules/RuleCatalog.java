package io.vigil.detection.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.AlertHit;
import io.vigil.detection.Evidence;
import io.vigil.detection.Observation;
import io.vigil.detection.config.DetectionConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The single-event rules: the built-in catalog plus the operator's rule files, compiled once. A file with a
 * mistake is refused with the file, the rule and the reason, and the service does not start with it.
 */
public final class RuleCatalog {

    public static final String BUILT_IN = "rules/agent-rules.json";
    private static final Set<String> SEVERITIES = Set.of("High", "Medium", "Low", "Informational");

    private final List<EventRule> rules;

    private RuleCatalog(List<EventRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RuleCatalog load(ObjectMapper mapper, List<Path> operatorFiles) {
        ObjectMapper strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<EventRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (InputStream builtIn = RuleCatalog.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (builtIn == null) {
                throw new RuleCatalogException(BUILT_IN, null, "missing from the service");
            }
            rules.addAll(compile(BUILT_IN, read(strict, BUILT_IN, builtIn.readAllBytes()), ids));
        } catch (IOException e) {
            throw new RuleCatalogException(BUILT_IN, null, e.getMessage());
        }
        for (Path file : operatorFiles) {
            try {
                rules.addAll(compile(file.toString(), read(strict, file.toString(), Files.readAllBytes(file)), ids));
            } catch (IOException e) {
                throw new RuleCatalogException(file.toString(), null, "cannot read: " + e.getMessage());
            }
        }
        return new RuleCatalog(rules);
    }

    public static RuleCatalog load(ObjectMapper mapper, DetectionConfig config) {
        return load(mapper, config.ruleFiles().orElse(List.of()).stream().map(Path::of).toList());
    }

    public int size() {
        return rules.size();
    }

    /** Every alert the observation raises; one per alert type even when several rules of the type match. */
    public List<AlertHit> evaluate(Observation observation) {
        Map<String, AlertHit> hits = new LinkedHashMap<>();
        for (EventRule rule : rules) {
            if (!hits.containsKey(rule.alert().alertType()) && rule.matches(observation)) {
                hits.put(rule.alert().alertType(), new AlertHit(observation.hub(), observation.deviceId(), rule.alert(),
                        observation.time(), Evidence.extendedProperties(observation), Evidence.entities(observation)));
            }
        }
        return List.copyOf(hits.values());
    }

    private static RuleFile read(ObjectMapper mapper, String source, byte[] bytes) {
        try {
            RuleFile file = mapper.readValue(bytes, RuleFile.class);
            if (file.rules() == null) {
                throw new RuleCatalogException(source, null, "no \"rules\" array");
            }
            return file;
        } catch (IOException e) {
            throw new RuleCatalogException(source, null, "not a rule file: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static List<EventRule> compile(String source, RuleFile file, Set<String> ids) {
        List<EventRule> compiled = new ArrayList<>();
        for (RuleFile.RuleSpec spec : file.rules()) {
            String id = spec.id();
            if (id == null || id.isBlank()) {
                throw new RuleCatalogException(source, null, "a rule without an id");
            }
            if (!ids.add(id)) {
                throw new RuleCatalogException(source, id, "the id is used twice");
            }
            require(source, id, spec.alertType(), "alertType");
            require(source, id, spec.displayName(), "displayName");
            require(source, id, spec.event(), "event");
            if (!SEVERITIES.contains(spec.severity())) {
                throw new RuleCatalogException(source, id, "severity must be one of " + SEVERITIES + ", got " + spec.severity());
            }
            if (spec.when() == null || spec.when().isEmpty()) {
                throw new RuleCatalogException(source, id, "\"when\" needs at least one field test");
            }
            try {
                List<Map<String, Predicate<String>>> unless = new ArrayList<>();
                for (Map<String, JsonNode> veto : spec.unless() == null ? List.<Map<String, JsonNode>>of() : spec.unless()) {
                    unless.add(tests(veto));
                }
                compiled.add(new EventRule(id, source, spec.event(), new AlertHit.AlertDefinition(spec.alertType(),
                        spec.displayName(), spec.severity(), spec.description() == null ? "" : spec.description(),
                        spec.remediation() == null ? List.of() : spec.remediation()), tests(spec.when()), unless));
            } catch (IllegalArgumentException e) {
                throw new RuleCatalogException(source, id, e.getMessage());
            }
        }
        return compiled;
    }

    private static Map<String, Predicate<String>> tests(Map<String, JsonNode> specs) {
        Map<String, Predicate<String>> tests = new LinkedHashMap<>();
        specs.forEach((field, spec) -> {
            try {
                // One test, or an array of tests that must all hold for the field.
                Predicate<String> test = spec != null && spec.isArray() ? allOf(spec) : FieldTest.compile(spec);
                tests.put(field, test);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field " + field + ": " + e.getMessage());
            }
        });
        return tests;
    }

    private static Predicate<String> allOf(JsonNode specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("an empty array of tests");
        }
        Predicate<String> all = value -> true;
        for (JsonNode spec : specs) {
            all = all.and(FieldTest.compile(spec));
        }
        return all;
    }

    private static void require(String source, String id, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RuleCatalogException(source, id, "\"" + field + "\" is required");
        }
    }
}
