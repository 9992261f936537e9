package io.vigil.detection.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * A rule file as written: single-event rules in JSON. Shipped with the service ({@code rules/agent-rules.json}) and
 * extensible by operators with files of their own ({@code vigil.detection.rule-files}).
 * <pre>
 * {"rules": [{
 *   "id": "reverse-shell-dev-tcp", "alertType": "IoT_ReverseShell", "displayName": "Reverse shells",
 *   "severity": "High", "description": "...", "remediation": ["..."],
 *   "event": "ProcessCreate",
 *   "when":   {"CommandLine": {"matchesAny": ["/dev/(tcp|udp)/"]}},
 *   "unless": [{"Executable": {"basenameIn": ["healthcheck"]}}]
 * }]}
 * </pre>
 * Field tests: {@code equals}, {@code in}, {@code containsAny}, {@code matchesAny} (regular expressions),
 * {@code basenameIn} (the last path segment), {@code containsPublicIpv4} (true: some IPv4 address in the text is
 * outside private, loopback and link-local ranges), {@code absentOrLocal} (true: empty, loopback or {@code ?}).
 * All text tests ignore case. A field takes one test or an array of tests that must all hold. All fields of
 * {@code when} must hold; any one entry of {@code unless} vetoes.
 */
@RegisterForReflection
record RuleFile(List<RuleSpec> rules) {

    @RegisterForReflection
    record RuleSpec(String id, String alertType, String displayName, String severity, String description,
                    List<String> remediation, String event, Map<String, JsonNode> when, List<Map<String, JsonNode>> unless) {
    }
}
