package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * Snapshot of the host firewall, one item per rule, in evaluation order.
 * <p>
 * The shape follows the Linux agent reading {@code iptables-save}: every rule of a chain gets a {@code Priority}
 * (0, 1, 2, ...), and the chain's default policy comes last as a rule of its own with no match conditions and
 * the policy's action. The match fields (addresses, ports, protocol) are always present and an empty string means
 * "any". So a chain whose last rule is an unconditioned {@code Allow} has a permissive policy, and an
 * {@code Allow} rule with empty addresses accepts the whole internet.
 */
public final class FirewallConfiguration extends SnapshotEvent<FirewallConfiguration, FirewallConfiguration.Rule> {

    FirewallConfiguration() {
        super("FirewallConfiguration", EventType.SECURITY);
    }

    /** Shorthand for {@link #add}. */
    public FirewallConfiguration rule(Rule rule) {
        return add(rule);
    }

    /** The {@code Action} field; iptables ACCEPT is Allow, DROP and REJECT are Deny, anything else Other. */
    public enum Action {
        ALLOW("Allow"),
        DENY("Deny"),
        OTHER("Other");

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** One firewall rule (or a chain's default policy, see {@link #policy}). */
    public static final class Rule extends PayloadItem<Rule> {

        private final Action action;
        private Integer priority;
        private Direction direction;
        private String chainName;
        private String application;
        private boolean enabled = true;
        private String sourceAddress = "";
        private String sourcePort = "";
        private String destinationAddress = "";
        private String destinationPort = "";
        private String protocol = "";

        private Rule(Action action) {
            this.action = Objects.requireNonNull(action, "action");
        }

        public static Rule allow() {
            return new Rule(Action.ALLOW);
        }

        public static Rule deny() {
            return new Rule(Action.DENY);
        }

        public static Rule of(Action action) {
            return new Rule(action);
        }

        /**
         * A chain's default policy as the Linux agent reports it: the chain's last rule, numbered after its other
         * rules, matching everything. {@code INPUT} is inbound and {@code OUTPUT} outbound; other chains have
         * no direction.
         */
        public static Rule policy(String chain, Action action, int priority) {
            Rule rule = new Rule(action).chain(chain).priority(priority);
            switch (chain) {
                case "INPUT" -> rule.direction(Direction.IN);
                case "OUTPUT" -> rule.direction(Direction.OUT);
                default -> {
                    // FORWARD and user chains have no direction.
                }
            }
            return rule;
        }

        /** An iptables chain; sets the direction for INPUT and OUTPUT as the agent does. */
        public Rule chain(String chainName) {
            this.chainName = Objects.requireNonNull(chainName, "chainName");
            if (direction == null) {
                if (chainName.equals("INPUT")) {
                    direction = Direction.IN;
                } else if (chainName.equals("OUTPUT")) {
                    direction = Direction.OUT;
                }
            }
            return this;
        }

        public Rule priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Rule direction(Direction direction) {
            this.direction = direction;
            return this;
        }

        public Rule application(String application) {
            this.application = application;
            return this;
        }

        public Rule enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Source address or tag: an IP, a CIDR, a range {@code a-b}, or "" for any. */
        public Rule sourceAddress(String sourceAddress) {
            this.sourceAddress = Objects.requireNonNull(sourceAddress, "sourceAddress");
            return this;
        }

        public Rule sourcePort(String sourcePort) {
            this.sourcePort = Objects.requireNonNull(sourcePort, "sourcePort");
            return this;
        }

        public Rule destinationAddress(String destinationAddress) {
            this.destinationAddress = Objects.requireNonNull(destinationAddress, "destinationAddress");
            return this;
        }

        /** A port, a range {@code 1000:2000} / {@code 1000-2000}, a list, or "" for any. */
        public Rule destinationPort(String destinationPort) {
            this.destinationPort = Objects.requireNonNull(destinationPort, "destinationPort");
            return this;
        }

        public Rule destinationPort(int port) {
            return destinationPort(Ports.of(port));
        }

        public Rule protocol(String protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        public Action action() {
            return action;
        }

        public String chainName() {
            return chainName;
        }

        @Override
        void writeFields(ObjectNode item) {
            if (priority != null) {
                item.put("Priority", priority);
            }
            if (direction != null) {
                item.put("Direction", direction.wireName());
            }
            AgentEvent.putIfSet(item, "ChainName", chainName);
            AgentEvent.putIfSet(item, "Application", application);
            item.put("Enabled", enabled);
            item.put("Action", action.wireName());
            item.put("SourceAddress", sourceAddress);
            item.put("SourcePort", sourcePort);
            item.put("DestinationAddress", destinationAddress);
            item.put("DestinationPort", destinationPort);
            item.put("Protocol", protocol);
        }
    }
}
