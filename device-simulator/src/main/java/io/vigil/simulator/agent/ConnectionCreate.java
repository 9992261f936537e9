package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;

/**
 * A network connection was opened, inbound ({@code accept}) or outbound ({@code connect}). The protocol defaults
 * to {@code tcp}, lower-case like the Linux agent writes it.
 */
public final class ConnectionCreate extends TriggeredEvent<ConnectionCreate> {

    private final Direction direction;
    private final String executable;
    private final String remoteAddress;
    private final String remotePort;
    private String protocol = "tcp";
    private int processId;
    private String localAddress;
    private String localPort;
    private String userId;
    private String commandLine;

    ConnectionCreate(Direction direction, String executable, String remoteAddress, String remotePort) {
        super("ConnectionCreate", EventType.SECURITY);
        this.direction = Objects.requireNonNull(direction, "direction");
        this.executable = Objects.requireNonNull(executable, "executable");
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
        this.remotePort = Objects.requireNonNull(remotePort, "remotePort");
    }

    public ConnectionCreate protocol(String protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return this;
    }

    public ConnectionCreate processId(int processId) {
        this.processId = processId;
        return this;
    }

    public ConnectionCreate local(String address, int port) {
        this.localAddress = Objects.requireNonNull(address, "address");
        this.localPort = Ports.of(port);
        return this;
    }

    public ConnectionCreate userId(String userId) {
        this.userId = userId;
        return this;
    }

    public ConnectionCreate commandLine(String commandLine) {
        this.commandLine = commandLine;
        return this;
    }

    /** Aggregated by endpoints, protocol and command line; process id and local port are zeroed. */
    public ConnectionCreate aggregated(int hitCount, Instant firstSeen, Instant lastSeen) {
        return aggregate(hitCount, firstSeen, lastSeen);
    }

    public Direction direction() {
        return direction;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String remotePort() {
        return remotePort;
    }

    @Override
    void writeFields(ObjectNode item) {
        item.put("RemoteAddress", remoteAddress);
        item.put("RemotePort", remotePort);
        putIfSet(item, "LocalAddress", localAddress);
        putIfSet(item, "LocalPort", localPort == null ? null : isAggregated() ? "0" : localPort);
        item.put("Direction", direction.wireName());
        item.put("Protocol", protocol);
        item.put("ProcessId", isAggregated() ? 0 : processId);
        putIfSet(item, "UserId", userId);
        item.put("Executable", executable);
        putIfSet(item, "CommandLine", commandLine);
    }
}
