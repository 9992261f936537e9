package io.vigil.ingest.message;

import static io.vigil.ingest.message.TestMessages.bytes;
import static io.vigil.ingest.message.TestMessages.clean;
import static io.vigil.ingest.message.TestMessages.connectionCreate;
import static io.vigil.ingest.message.TestMessages.connectionItem;
import static io.vigil.ingest.message.TestMessages.envelope;
import static io.vigil.ingest.message.TestMessages.event;
import static io.vigil.ingest.message.TestMessages.object;
import static io.vigil.ingest.message.TestMessages.processCreate;
import static io.vigil.ingest.message.TestMessages.processItem;
import static io.vigil.ingest.message.TestMessages.reasonsOfOnlyEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

/**
 * Payload items against their event type's schema. The table below is transcribed from the schema files
 * independently of {@link EventTypeCatalog}, so that a slip in either shows up here.
 */
class PayloadValidationTest {

    private final SecurityMessageParser parser = TestMessages.parser();

    /** name, category, event type, one valid item holding every property, the required properties. */
    static Stream<Arguments> eventTypes() {
        return Stream.of(
                Arguments.of("ConnectionCreate", "Triggered", "Security", """
                        {"RemoteAddress": "10.1.1.1", "RemotePort": "443", "LocalAddress": "fe80::1%eth0",
                         "LocalPort": "50000", "Direction": "Out", "Protocol": "TCP", "ProcessId": 6052,
                         "UserId": "1000", "Executable": "/usr/bin/curl", "CommandLine": "curl x",
                         "ExtraDetails": {"familyName": "AF_INET"}}""",
                        List.of("RemoteAddress", "RemotePort", "Direction", "Protocol", "ProcessId", "Executable")),
                Arguments.of("Login", "Triggered", "Security", """
                        {"ProcessId": 1, "UserId": "0", "UserName": "root", "Operation": "PAM:authentication",
                         "Executable": "/usr/sbin/sshd", "RemoteAddress": "::ffff:192.0.2.1", "RemotePort": "52000",
                         "LocalPort": "22", "Result": "Fail", "ExtraDetails": {}}""",
                        List.of("ProcessId", "Operation", "Executable", "Result")),
                Arguments.of("ProcessCreate", "Triggered", "Security", """
                        {"Executable": "script.exe", "ProcessId": 6052, "ParentProcessId": 6051, "UserId": "0",
                         "UserName": "USER$", "CommandLine": "CMND", "ExtraDetails": {"Hash": "abc"}}""",
                        List.of("Executable", "ProcessId", "ParentProcessId", "CommandLine")),
                Arguments.of("ProcessTerminate", "Triggered", "Security", """
                        {"Executable": "script.exe", "ProcessId": 6052, "ExitStatus": 0}""",
                        List.of("Executable", "ProcessId", "ExitStatus")),
                Arguments.of("ListeningPorts", "Periodic", "Security", """
                        {"RemoteAddress": "0.0.0.0", "RemotePort": "*", "LocalAddress": "127.0.0.1",
                         "LocalPort": "80", "Protocol": "udp6"}""",
                        List.of("LocalPort", "Protocol")),
                Arguments.of("FirewallConfiguration", "Periodic", "Security", """
                        {"Priority": 1, "Direction": "In", "ChainName": "INPUT", "Application": "*",
                         "Enabled": true, "Action": "Other", "SourceAddress": "Local subnet",
                         "SourcePort": "1024:65535", "DestinationAddress": "10.0.0.0/8", "DestinationPort": "!(22)",
                         "Protocol": "tcp"}""",
                        List.of("Enabled", "Action")),
                Arguments.of("LocalUsers", "Periodic", "Security", """
                        {"GroupIds": "0;1", "GroupNames": "root;daemon", "UserId": "0", "UserName": "daemon"}""",
                        List.of("GroupIds", "GroupNames", "UserId", "UserName")),
                Arguments.of("ConnectedHardware", "Periodic", "Security", """
                        {"HardwareCategory": "Input", "HardwareSubCategory": "Keyboard",
                         "HardwareName": "USB Keyboard"}""",
                        List.of("HardwareCategory", "HardwareSubCategory", "HardwareName")),
                Arguments.of("OSBaseline", "Periodic", "Security", """
                        {"Description": "d", "CceId": "CCE-4325-7", "Result": "Err", "Error": "e",
                         "Severity": "Informational"}""",
                        List.of("Description", "CceId", "Result", "Error", "Severity")),
                Arguments.of("SystemInformation", "Periodic", "Security", """
                        {"OSName": "Linux", "OSVersion": "5.10", "OSVendor": "Debian", "OsArchitecture": "arm64",
                         "HostName": "pi", "BIOSVersion": "1", "BootDevice": "/dev/mmcblk0",
                         "TotalPhysicalMemoryInKB": 1024, "FreePhysicalMemoryInKB": 512,
                         "TotalVirtualMemoryInKB": 2048, "FreeVirtualMemoryInKB": 1024}""",
                        List.of()),
                Arguments.of("Diagnostic", "Triggered", "Diagnostic", """
                        {"CorrelationId": "9c647395-b913-4997-a732-a7fe7303b649", "Severity": "Debug",
                         "Message": "m", "ProcessId": 1, "ThreadId": 2}""",
                        List.of("Severity", "Message", "ProcessId", "ThreadId")),
                Arguments.of("ConfigurationError", "Triggered", "Operational", """
                        {"ConfigurationName": "lowPriorityMessageFrequency", "ErrorType": "NotOptimal",
                         "UsedConfiguration": "PT5H", "Message": "m"}""",
                        List.of("ConfigurationName", "ErrorType", "UsedConfiguration", "Message")),
                Arguments.of("DroppedEventsStatistics", "Periodic", "Operational", """
                        {"Queue": "High", "CollectedEvents": 10, "DroppedEvents": 0}""",
                        List.of("Queue", "CollectedEvents", "DroppedEvents")),
                Arguments.of("MessageStatistics", "Periodic", "Operational", """
                        {"MessagesSent": 3, "MessagesUnder4KB": 1, "TotalFailed": 0}""",
                        List.of("MessagesSent", "MessagesUnder4KB", "TotalFailed")));
    }

    @Test
    void catalogKnowsExactlyTheSchemaTypesAndHeartbeat() {
        List<String> fromTable = eventTypes().map(arguments -> (String) arguments.get()[0]).toList();

        assertThat(EventTypeCatalog.names()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(fromTable.stream(), Stream.of("Heartbeat")).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void itemWithEveryPropertyIsAccepted(String name, String category, String eventType, String item,
            List<String> required) {
        clean(parser.parse(bytes(envelope(event(name, category, eventType, object(item))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void itemWithOnlyTheRequiredPropertiesIsAccepted(String name, String category, String eventType, String item,
            List<String> required) {
        ObjectNode minimal = object(item);
        minimal.retain(required);
        if (name.equals("Login")) {
            minimal.put("UserName", "root"); // one of UserId / UserName
        }

        clean(parser.parse(bytes(envelope(event(name, category, eventType, minimal)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void eachMissingRequiredPropertyIsReported(String name, String category, String eventType, String item,
            List<String> required) {
        ObjectNode stripped = object(item);
        stripped.remove(required);
        if (required.isEmpty()) {
            return; // SystemInformation requires nothing
        }

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event(name, category, eventType, stripped))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactlyInAnyOrderElementsOf(required.stream()
                        .map(property -> tuple("$.Events[0].Payload[0]." + property, "required"))
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void unknownPayloadPropertyIsReported(String name, String category, String eventType, String item,
            List<String> required) {
        ObjectNode extended = object(item).put("Hostname", "x");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event(name, category, eventType, extended))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].Hostname", "additional-property"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyPropertyOfTheWrongTypeIsReported(String name, String category, String eventType, String item,
            List<String> required) {
        ObjectNode original = object(item);
        ObjectNode wrong = original.deepCopy();
        original.fieldNames().forEachRemaining(property -> wrong.putArray(property));

        List<Rejection> reasons = reasonsOfOnlyEvent(parser.parse(bytes(envelope(
                event(name, category, eventType, wrong)))));

        assertThat(reasons).extracting(Rejection::path).containsExactlyInAnyOrderElementsOf(
                iterable(original.fieldNames()).stream().map(property -> "$.Events[0].Payload[0]." + property)
                        .toList());
        assertThat(reasons).extracting(Rejection::rule).containsOnly("type");
    }

    @Test
    void numericPortIsATypeError() {
        ObjectNode item = connectionItem().put("LocalPort", 53248);

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(connectionCreate(item))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].LocalPort", "type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"70000", "http", "", "22-", "443-80", "22;53", "-1"})
    void malformedPortIsAFormatError(String port) {
        ObjectNode item = connectionItem().put("RemotePort", port);

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(connectionCreate(item))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].RemotePort", "format.port"));
    }

    @Test
    void firewallPortsAreOnlyTypeChecked() {
        ObjectNode rule = object("""
                {"Enabled": true, "Action": "Deny", "SourcePort": "", "DestinationPort": 22}""");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(
                event("FirewallConfiguration", "Periodic", "Security", rule))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].DestinationPort", "type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "10.0.0", "localhost", "10.0.0.1/24", "[::1]", "::1::2", "10.0.0.1:80", "*"})
    void badIpIsAFormatError(String address) {
        ObjectNode item = connectionItem().put("RemoteAddress", address);

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(connectionCreate(item))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].RemoteAddress", "format.ip"));
    }

    @Test
    void missingRequiredPayloadFieldIsRejected() {
        ObjectNode item = processItem();
        item.remove("Executable");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(processCreate(item))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].Executable", "required"));
    }

    @Test
    void unknownPayloadPropertyIsRejected() {
        ObjectNode item = processItem().put("Sha256", "abc");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(processCreate(item))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].Sha256", "additional-property"));
    }

    @Test
    void loginNeedsUserIdOrUserName() {
        ObjectNode login = object("""
                {"ProcessId": 1, "Operation": "NTLM", "Executable": "lsass.exe", "Result": "Success"}""");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event("Login", "Triggered", "Security", login))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0]", "required"));
    }

    @Test
    void enumValuesAreCaseSensitive() {
        ObjectNode item = connectionItem().put("Direction", "in");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(connectionCreate(item))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].Direction", "enum"));
    }

    @Test
    void badCorrelationIdIsAGuidError() {
        ObjectNode diagnostic = object("""
                {"CorrelationId": "abc", "Severity": "Error", "Message": "m", "ProcessId": 1, "ThreadId": 2}""");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(
                event("Diagnostic", "Triggered", "Diagnostic", diagnostic))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].CorrelationId", "format.guid"));
    }

    @Test
    void integersMayBeWrittenWithAZeroFractionButNotWithAnotherOne() {
        ObjectNode whole = processItem();
        whole.put("ProcessId", 6052.0);
        ObjectNode fractional = processItem();
        fractional.put("ProcessId", 6052.5);

        clean(parser.parse(bytes(envelope(processCreate(whole)))));
        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(processCreate(fractional))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].ProcessId", "type"));
    }

    @Test
    void userIdMayNotBeAFractionOrABoolean() {
        ObjectNode fraction = processItem();
        fraction.put("UserId", 1.5);
        ObjectNode bool = processItem().put("UserId", true);

        ParseOutcome.Accepted outcome = TestMessages.accepted(parser.parse(bytes(envelope(
                processCreate(fraction), processCreate(bool)))));

        assertThat(outcome.rejectedEvents()).flatExtracting(RejectedEvent::reasons)
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].UserId", "type"),
                        tuple("$.Events[1].Payload[0].UserId", "type"));
    }

    @Test
    void extraDetailsMustBeAnObjectOfStrings() {
        ObjectNode notObject = processItem().put("ExtraDetails", "Hash=abc");
        ObjectNode nested = processItem();
        nested.putObject("ExtraDetails").put("ok", "1").putObject("Number of Function Keys");
        ObjectNode fractionalHitCount = processItem();
        fractionalHitCount.putObject("ExtraDetails").put("HitCount", 2.5);

        ParseOutcome.Accepted outcome = TestMessages.accepted(parser.parse(bytes(envelope(
                processCreate(notObject), processCreate(nested), processCreate(fractionalHitCount)))));

        assertThat(outcome.rejectedEvents()).flatExtracting(RejectedEvent::reasons)
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(
                        tuple("$.Events[0].Payload[0].ExtraDetails", "type"),
                        tuple("$.Events[1].Payload[0].ExtraDetails['Number of Function Keys']", "type"),
                        tuple("$.Events[2].Payload[0].ExtraDetails.HitCount", "type"));
    }

    @Test
    void payloadItemThatIsNoObjectIsRejected() {
        ObjectNode event = processCreate();
        event.withArray("Payload").add("just text");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(event)))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[1]", "type"));
    }

    @Test
    void problemsInSeveralItemsAreAllReported() {
        ObjectNode first = connectionItem().put("RemoteAddress", "x");
        ObjectNode second = connectionItem();
        ObjectNode third = connectionItem().put("LocalPort", "x");

        assertThat(reasonsOfOnlyEvent(parser.parse(bytes(envelope(
                event("ConnectionCreate", "Triggered", "Security", first, second, third))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload[0].RemoteAddress", "format.ip"),
                        tuple("$.Events[0].Payload[2].LocalPort", "format.port"));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
