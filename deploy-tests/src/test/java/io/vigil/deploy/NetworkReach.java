package io.vigil.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may open a connection to whom, as the rendered NetworkPolicies say, for pods of the same namespace. A policy
 * selects pods by matchLabels (an empty selector selects all); a peer is a podSelector (pods of the namespace), a
 * namespaceSelector (pods elsewhere, e.g. the cluster DNS) or missing (anyone). Anything else (matchExpressions,
 * ipBlock, named or ranged ports) is refused rather than guessed at.
 */
final class NetworkReach {

    /** A connection a pod may open: to the workload (or "dns", or "anywhere") on a TCP or UDP port. */
    record Connection(String target, String protocol, int port) {
        @Override
        public String toString() {
            return target + ":" + protocol + "/" + port;
        }
    }

    private final List<Map<String, Object>> objects;
    private final List<Map<String, Object>> policies;

    NetworkReach(List<Map<String, Object>> objects) {
        this.objects = objects;
        this.policies = objects.stream().filter(o -> Manifests.kind(o).equals("NetworkPolicy")).toList();
    }

    /** Every connection the workload's pods may open, by the egress rules of the policies that select them. */
    Set<Connection> egress(String workload) {
        Map<String, Object> pod = Manifests.podLabels(workload(workload));
        Set<Connection> connections = new LinkedHashSet<>();
        for (Map<String, Object> policy : selecting(pod, "Egress")) {
            for (Object rule : list(Manifests.at(policy, "spec", "egress"))) {
                List<String> targets = new ArrayList<>();
                List<Object> peers = list(Manifests.at(rule, "to"));
                if (peers.isEmpty()) {
                    targets.add("anywhere");
                }
                for (Object peer : peers) {
                    targets.addAll(peerTargets(peer));
                }
                for (Object port : ports(rule)) {
                    for (String target : targets) {
                        connections.add(new Connection(target, protocol(port), number(port)));
                    }
                }
            }
        }
        return connections;
    }

    /** True when an ingress rule of a policy selecting the target admits the source's pods on the port. */
    boolean admits(String target, String source, String protocol, int port) {
        Map<String, Object> targetPod = Manifests.podLabels(workload(target));
        Map<String, Object> sourcePod = Manifests.podLabels(workload(source));
        for (Map<String, Object> policy : selecting(targetPod, "Ingress")) {
            for (Object rule : list(Manifests.at(policy, "spec", "ingress"))) {
                List<Object> peers = list(Manifests.at(rule, "from"));
                boolean fromSource = peers.isEmpty() || peers.stream().anyMatch(peer -> {
                    Object selector = Manifests.at(peer, "podSelector");
                    return Manifests.at(peer, "namespaceSelector") == null && selector != null && matches(selector, sourcePod);
                });
                boolean onPort = ports(rule).stream().anyMatch(p -> protocol(p).equals(protocol) && number(p) == port);
                if (fromSource && onPort) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<String> peerTargets(Object peer) {
        if (Manifests.at(peer, "ipBlock") != null) {
            throw new IllegalArgumentException("ipBlock peers are not understood: " + peer);
        }
        Object namespaces = Manifests.at(peer, "namespaceSelector");
        Object pods = Manifests.at(peer, "podSelector");
        if (namespaces != null) {
            boolean dns = Objects.equals(Manifests.at(namespaces, "matchLabels", "kubernetes.io/metadata.name"), "kube-system")
                    && Objects.equals(Manifests.at(pods, "matchLabels", "k8s-app"), "kube-dns");
            return List.of(dns ? "dns" : "another namespace " + namespaces);
        }
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            if (Manifests.hasPodTemplate(object) && matches(pods, Manifests.podLabels(object))) {
                targets.add(Manifests.name(object));
            }
        }
        return targets;
    }

    private List<Map<String, Object>> selecting(Map<String, Object> pod, String type) {
        return policies.stream()
                .filter(p -> list(Manifests.at(p, "spec", "policyTypes")).contains(type))
                .filter(p -> matches(Manifests.at(p, "spec", "podSelector"), pod))
                .toList();
    }

    private Map<String, Object> workload(String name) {
        return objects.stream().filter(o -> Manifests.hasPodTemplate(o) && Manifests.name(o).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + name));
    }

    private static boolean matches(Object selector, Map<String, Object> labels) {
        if (Manifests.at(selector, "matchExpressions") != null) {
            throw new IllegalArgumentException("matchExpressions are not understood: " + selector);
        }
        Object wanted = Manifests.at(selector, "matchLabels");
        return !(wanted instanceof Map<?, ?> map) || map.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }

    private static List<Object> ports(Object rule) {
        List<Object> ports = list(Manifests.at(rule, "ports"));
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("a rule without ports (every port) is not allowed here: " + rule);
        }
        return ports;
    }

    private static String protocol(Object port) {
        Object protocol = Manifests.at(port, "protocol");
        return protocol == null ? "TCP" : String.valueOf(protocol);
    }

    private static int number(Object port) {
        if (!(Manifests.at(port, "port") instanceof Integer number) || Manifests.at(port, "endPort") != null) {
            throw new IllegalArgumentException("only single numbered ports are understood: " + port);
        }
        return number;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
