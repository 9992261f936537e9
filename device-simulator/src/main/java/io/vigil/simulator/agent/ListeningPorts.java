package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * Snapshot of the sockets the device listens on. The open-ports recommendation is raised from these endpoints;
 * a wildcard local address ({@code 0.0.0.0}, {@code ::}) means reachable from every interface.
 */
public final class ListeningPorts extends SnapshotEvent<ListeningPorts, ListeningPorts.Endpoint> {

    ListeningPorts() {
        super("ListeningPorts", EventType.SECURITY);
    }

    /** Adds a listening socket, with {@code 0.0.0.0:*} / {@code :::*} as the remote side like netstat shows it. */
    public ListeningPorts listening(String protocol, String localAddress, int localPort) {
        return add(Endpoint.of(protocol, localAddress, localPort).anyRemote());
    }

    /** One listening socket. */
    public static final class Endpoint extends PayloadItem<Endpoint> {

        private final String protocol;
        private final String localAddress;
        private final String localPort;
        private String remoteAddress;
        private String remotePort;

        private Endpoint(String protocol, String localAddress, String localPort) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            this.localAddress = localAddress;
            this.localPort = Objects.requireNonNull(localPort, "localPort");
        }

        /** {@code localAddress} may be null: only the port and protocol are required. */
        public static Endpoint of(String protocol, String localAddress, int localPort) {
            return new Endpoint(protocol, localAddress, Ports.of(localPort));
        }

        public Endpoint remote(String address, String port) {
            this.remoteAddress = Objects.requireNonNull(address, "address");
            this.remotePort = Objects.requireNonNull(port, "port");
            return this;
        }

        /** The remote side of a listening socket: any address, any port. */
        public Endpoint anyRemote() {
            boolean ipv6 = localAddress != null && localAddress.contains(":");
            return remote(ipv6 ? "::" : "0.0.0.0", "*");
        }

        public String protocol() {
            return protocol;
        }

        public String localAddress() {
            return localAddress;
        }

        public String localPort() {
            return localPort;
        }

        @Override
        void writeFields(ObjectNode item) {
            AgentEvent.putIfSet(item, "RemoteAddress", remoteAddress);
            AgentEvent.putIfSet(item, "RemotePort", remotePort);
            AgentEvent.putIfSet(item, "LocalAddress", localAddress);
            item.put("LocalPort", localPort);
            item.put("Protocol", protocol);
        }
    }
}
