package io.vigil.detection.rules;

import io.vigil.detection.AlertHit;
import io.vigil.detection.Observation;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A compiled single-event rule: which event it looks at, what must hold, what vetoes. */
record EventRule(String id, String source, String eventName, AlertHit.AlertDefinition alert,
                 Map<String, Predicate<String>> when, List<Map<String, Predicate<String>>> unless) {

    boolean matches(Observation observation) {
        if (!observation.eventName().equals(eventName) || !allHold(when, observation)) {
            return false;
        }
        return unless.stream().noneMatch(veto -> allHold(veto, observation));
    }

    private static boolean allHold(Map<String, Predicate<String>> tests, Observation observation) {
        for (Map.Entry<String, Predicate<String>> test : tests.entrySet()) {
            if (!test.getValue().test(observation.text(test.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
