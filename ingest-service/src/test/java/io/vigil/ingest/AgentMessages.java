package io.vigil.ingest;

import java.time.Instant;
import java.util.UUID;

/** Small hand-written agent messages for the ingest tests, each with fresh event ids. */
public final class AgentMessages {

    public static final String AGENT_ID = "9b3a6c2e-4f1d-4e55-8a77-0c3d2e1f4a5b";

    private AgentMessages() {
    }

    /** The security telemetry topic of a device, with the interface id in its property bag. */
    public static String topic(String deviceId) {
        return "devices/" + deviceId + "/messages/events/%24.ifid=urn%3Aazureiot%3ASecurity%3ASecurityAgent%3A1&%24.ct=application%2Fjson&%24.ce=utf-8";
    }

    public static String envelope(String... events) {
        return "{\"AgentVersion\":\"1.2.3\",\"AgentId\":\"" + AGENT_ID + "\",\"MessageSchemaVersion\":\"1.0\",\"Events\":["
                + String.join(",", events) + "]}";
    }

    public static String event(String category, String name, String eventType, boolean empty, String payload) {
        String now = Instant.now().toString();
        return "{\"Id\":\"" + UUID.randomUUID() + "\",\"TimestampLocal\":\"" + now + "\",\"TimestampUTC\":\"" + now
                + "\",\"Category\":\"" + category + "\",\"Name\":\"" + name + "\",\"EventType\":\"" + eventType
                + "\",\"IsEmpty\":" + empty + ",\"PayloadSchemaVersion\":\"1.0\",\"Payload\":[" + payload + "]}";
    }

    public static String listeningPorts(String... ports) {
        StringBuilder items = new StringBuilder();
        for (String port : ports) {
            items.append(items.length() == 0 ? "" : ",").append("{\"LocalAddress\":\"0.0.0.0\",\"LocalPort\":\"")
                    .append(port).append("\",\"Protocol\":\"tcp\",\"RemoteAddress\":\"0.0.0.0\",\"RemotePort\":\"*\"}");
        }
        return event("Periodic", "ListeningPorts", "Security", false, items.toString());
    }

    public static String emptyLocalUsers() {
        return event("Periodic", "LocalUsers", "Security", true, "");
    }

    public static String login(String result, String remoteAddress) {
        return event("Triggered", "Login", "Security", false, "{\"ProcessId\":812,\"UserName\":\"root\",\"Operation\":\"PAM:authentication\","
                + "\"Executable\":\"/usr/sbin/sshd\",\"RemoteAddress\":\"" + remoteAddress + "\",\"Result\":\"" + result + "\"}");
    }

    /** A ListeningPorts event whose port is a number: the schema wants a string. */
    public static String badListeningPorts() {
        return event("Periodic", "ListeningPorts", "Security", false,
                "{\"LocalAddress\":\"0.0.0.0\",\"LocalPort\":22,\"Protocol\":\"tcp\"}");
    }
}
