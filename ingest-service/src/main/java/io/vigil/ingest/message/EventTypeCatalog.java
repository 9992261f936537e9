package io.vigil.ingest.message;

import static io.vigil.ingest.message.FieldKind.BOOLEAN;
import static io.vigil.ingest.message.FieldKind.GUID;
import static io.vigil.ingest.message.FieldKind.INTEGER;
import static io.vigil.ingest.message.FieldKind.IP_ADDRESS;
import static io.vigil.ingest.message.FieldKind.PORT;
import static io.vigil.ingest.message.FieldKind.PORT_EXPRESSION;
import static io.vigil.ingest.message.FieldKind.STRING;
import static io.vigil.ingest.message.FieldKind.USER_ID;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every known v1 event type, transcribed from the agent project's schema files
 * ({@code security_message/schemas/messageEvent*_v1_0.json}, {@code messageOperationalEvent*_v1_0.json}), plus
 * Heartbeat, which the early Azure RTOS module sends but the schema lacks.
 *
 * <p>Deliberate departures from the schema, each because a real agent needs it:
 * <ul>
 * <li>every Triggered type also accepts the Aggregated category (both agents aggregate ProcessCreate,
 *     ConnectionCreate and ProcessTerminate);</li>
 * <li>ProcessCreate's UserId is optional (the published documentation example omits it);</li>
 * <li>UserId may be an integer wherever it appears, see {@link FieldKind#USER_ID};</li>
 * <li>ExtraDetails' HitCount may be an integer, see {@link FieldKind#EXTRA_DETAILS};</li>
 * <li>firewall rule ports are plain strings, see {@link FieldKind#PORT_EXPRESSION}.</li>
 * </ul>
 * Protocol fields are free strings in the schema, so {@code tcp}, {@code tcp6} or {@code UDP} all pass.
 */
final class EventTypeCatalog {

    private static final String SECURITY = "Security";
    private static final String OPERATIONAL = "Operational";
    private static final String DIAGNOSTIC = "Diagnostic";

    private static final Set<EventCategory> TRIGGERED = EnumSet.of(EventCategory.TRIGGERED, EventCategory.AGGREGATED);
    private static final Set<EventCategory> PERIODIC = EnumSet.of(EventCategory.PERIODIC);

    private static final String[] DIRECTIONS = {"In", "Out"};

    private static final Map<String, EventTypeSpec> BY_NAME = Stream.of(
            new EventTypeSpec("ConnectionCreate", TRIGGERED, SECURITY, PayloadItemSpec.builder()
                    .required("RemoteAddress", IP_ADDRESS)
                    .required("RemotePort", PORT)
                    .optional("LocalAddress", IP_ADDRESS)
                    .optional("LocalPort", PORT)
                    .requiredEnum("Direction", DIRECTIONS)
                    .required("Protocol", STRING)
                    .required("ProcessId", INTEGER)
                    .optional("UserId", USER_ID)
                    .required("Executable", STRING)
                    .optional("CommandLine", STRING)
                    .build()),
            new EventTypeSpec("Login", TRIGGERED, SECURITY, PayloadItemSpec.builder()
                    .required("ProcessId", INTEGER)
                    .optional("UserId", USER_ID)
                    .optional("UserName", STRING)
                    .required("Operation", STRING)
                    .required("Executable", STRING)
                    .optional("RemoteAddress", IP_ADDRESS)
                    .optional("RemotePort", PORT)
                    .optional("LocalPort", PORT)
                    .requiredEnum("Result", "Fail", "Success")
                    .atLeastOneOf("UserId", "UserName")
                    .build()),
            new EventTypeSpec("ProcessCreate", TRIGGERED, SECURITY, PayloadItemSpec.builder()
                    .required("Executable", STRING)
                    .required("ProcessId", INTEGER)
                    .required("ParentProcessId", INTEGER)
                    .optional("UserId", USER_ID)
                    .optional("UserName", STRING)
                    .required("CommandLine", STRING)
                    .build()),
            new EventTypeSpec("ProcessTerminate", TRIGGERED, SECURITY, PayloadItemSpec.builder()
                    .required("Executable", STRING)
                    .required("ProcessId", INTEGER)
                    .required("ExitStatus", INTEGER)
                    .build()),
            new EventTypeSpec("ListeningPorts", PERIODIC, SECURITY, PayloadItemSpec.builder()
                    .optional("RemoteAddress", IP_ADDRESS)
                    .optional("RemotePort", PORT)
                    .optional("LocalAddress", IP_ADDRESS)
                    .required("LocalPort", PORT)
                    .required("Protocol", STRING)
                    .build()),
            new EventTypeSpec("FirewallConfiguration", PERIODIC, SECURITY, PayloadItemSpec.builder()
                    .optional("Priority", INTEGER)
                    .optionalEnum("Direction", DIRECTIONS)
                    .optional("ChainName", STRING)
                    .optional("Application", STRING)
                    .required("Enabled", BOOLEAN)
                    .requiredEnum("Action", "Allow", "Deny", "Other")
                    .optional("SourceAddress", STRING)
                    .optional("SourcePort", PORT_EXPRESSION)
                    .optional("DestinationAddress", STRING)
                    .optional("DestinationPort", PORT_EXPRESSION)
                    .optional("Protocol", STRING)
                    .build()),
            new EventTypeSpec("LocalUsers", PERIODIC, SECURITY, PayloadItemSpec.builder()
                    .required("GroupIds", STRING)
                    .required("GroupNames", STRING)
                    .required("UserId", USER_ID)
                    .required("UserName", STRING)
                    .build()),
            new EventTypeSpec("ConnectedHardware", PERIODIC, SECURITY, PayloadItemSpec.builder()
                    .required("HardwareCategory", STRING)
                    .required("HardwareSubCategory", STRING)
                    .required("HardwareName", STRING)
                    .build()),
            new EventTypeSpec("OSBaseline", PERIODIC, SECURITY, PayloadItemSpec.builder()
                    .required("Description", STRING)
                    .required("CceId", STRING)
                    .requiredEnum("Result", "Pass", "Fail", "Err")
                    .required("Error", STRING)
                    .requiredEnum("Severity", "Critical", "Important", "Warning", "Informational")
                    .build()),
            new EventTypeSpec("SystemInformation", PERIODIC, SECURITY, PayloadItemSpec.builder()
                    .optional("OSName", STRING)
                    .optional("OSVersion", STRING)
                    .optional("OSVendor", STRING)
                    .optional("OsArchitecture", STRING)
                    .optional("HostName", STRING)
                    .optional("BIOSVersion", STRING)
                    .optional("BootDevice", STRING)
                    .optional("TotalPhysicalMemoryInKB", INTEGER)
                    .optional("FreePhysicalMemoryInKB", INTEGER)
                    .optional("TotalVirtualMemoryInKB", INTEGER)
                    .optional("FreeVirtualMemoryInKB", INTEGER)
                    .build()),
            new EventTypeSpec("Diagnostic", TRIGGERED, DIAGNOSTIC, PayloadItemSpec.builder()
                    .optional("CorrelationId", GUID)
                    .requiredEnum("Severity", "Fatal", "Error", "Warning", "Information", "Debug")
                    .required("Message", STRING)
                    .required("ProcessId", INTEGER)
                    .required("ThreadId", INTEGER)
                    .build()),
            new EventTypeSpec("ConfigurationError", TRIGGERED, OPERATIONAL, PayloadItemSpec.builder()
                    .required("ConfigurationName", STRING)
                    .requiredEnum("ErrorType", "TypeMismatch", "NotOptimal", "Conflict")
                    .required("UsedConfiguration", STRING)
                    .required("Message", STRING)
                    .build()),
            new EventTypeSpec("DroppedEventsStatistics", PERIODIC, OPERATIONAL, PayloadItemSpec.builder()
                    .requiredEnum("Queue", "High", "Low")
                    .required("CollectedEvents", INTEGER)
                    .required("DroppedEvents", INTEGER)
                    .build()),
            new EventTypeSpec("MessageStatistics", PERIODIC, OPERATIONAL, PayloadItemSpec.builder()
                    .required("MessagesSent", INTEGER)
                    .required("MessagesUnder4KB", INTEGER)
                    .required("TotalFailed", INTEGER)
                    .build()),
            // No schema; the only sample (iot-security-module-core, preview branch) is an empty periodic Security
            // event, so only the category rule applies and any generic EventType is let through.
            new EventTypeSpec("Heartbeat", PERIODIC, null, null))
            .collect(Collectors.toUnmodifiableMap(EventTypeSpec::name, Function.identity()));

    private EventTypeCatalog() {
    }

    /** The spec of event type {@code name}, or null if there is no such type. */
    static EventTypeSpec find(String name) {
        return BY_NAME.get(name);
    }

    static Set<String> names() {
        return BY_NAME.keySet();
    }
}
