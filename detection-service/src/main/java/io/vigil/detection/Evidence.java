package io.vigil.detection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The evidence an alert carries, in the shape of the reference's {@code ExtendedProperties} examples
 * ({@code "User Name"}, {@code "Remote Address"}, {@code "CommandLine"}, ...) and {@code Entities}.
 */
public final class Evidence {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Evidence() {
    }

    public static ObjectNode extendedProperties(Observation o) {
        ObjectNode properties = JSON.objectNode();
        switch (o.eventName()) {
            case "ProcessCreate" -> {
                properties.put("CommandLine", o.text("CommandLine"));
                properties.put("Executable", o.text("Executable"));
                properties.put("User Name", o.text("UserName"));
                properties.put("UserId", o.text("UserId"));
                properties.put("ProcessId", o.text("ProcessId"));
                if (o.item().has("ParentProcessId")) {
                    properties.set("ParentProcessId", o.item().get("ParentProcessId"));
                }
            }
            case "Login" -> {
                properties.put("Remote Address", o.text("RemoteAddress").isEmpty() ? "?" : o.text("RemoteAddress"));
                properties.put("Remote Port", o.text("RemotePort"));
                properties.put("Local Port", o.text("LocalPort"));
                properties.put("Login Shell", o.text("Executable"));
                properties.put("Login Process Id", o.text("ProcessId"));
                properties.put("User Name", o.text("UserName"));
                properties.put("Operation", o.text("Operation"));
            }
            case "ConnectionCreate" -> {
                properties.put("Remote Address", o.text("RemoteAddress"));
                properties.put("Remote Port", o.text("RemotePort"));
                properties.put("Local Port", o.text("LocalPort"));
                properties.put("Protocol", o.text("Protocol"));
                properties.put("Direction", o.text("Direction"));
                properties.put("Executable", o.text("Executable"));
                properties.put("CommandLine", o.text("CommandLine"));
                properties.put("ProcessId", o.text("ProcessId"));
            }
            default -> o.item().fields().forEachRemaining(field -> properties.set(field.getKey(), field.getValue()));
        }
        properties.put("DeviceId", o.deviceId());
        return properties;
    }

    public static ArrayNode entities(Observation o) {
        ArrayNode entities = JSON.arrayNode();
        ObjectNode host = entities.addObject();
        host.put("$id", "1");
        host.put("HostName", o.deviceId());
        host.put("Type", "host");
        if (o.eventName().equals("ProcessCreate") || o.eventName().equals("ConnectionCreate")) {
            ObjectNode process = entities.addObject();
            process.put("$id", "2");
            process.put("CommandLine", o.text("CommandLine"));
            process.put("Type", "process");
        }
        if (o.eventName().equals("Login") || o.eventName().equals("ConnectionCreate")) {
            String address = o.text("RemoteAddress");
            if (!address.isEmpty() && !address.equals("?")) {
                ObjectNode ip = entities.addObject();
                ip.put("$id", String.valueOf(entities.size()));
                ip.put("Address", address);
                ip.put("Type", "ip");
            }
        }
        return entities;
    }
}
