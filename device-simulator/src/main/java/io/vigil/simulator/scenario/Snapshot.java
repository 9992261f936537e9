package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.DroppedEventsStatistics.Queue;
import io.vigil.simulator.agent.Events;

/**
 * The periodic events a device reports together: system information, listening ports, local users, firewall
 * rules, baseline results, and the agent's own message and queue statistics.
 */
final class Snapshot {

    private Snapshot() {
    }

    static Episode of(DeviceState device, AgentCounters counters) {
        DeviceProfile profile = device.profile();
        DevicePosture posture = device.posture();
        OsImage os = profile.os();
        long freeMemory = os.memoryKb() / 4 + device.random().nextLong(os.memoryKb() / 2);
        return new Episode()
                .atSecond(0, Events.systemInformation()
                        .os(os.name(), os.version(), os.vendor(), os.architecture())
                        .hostName(profile.hostName())
                        .firmware("simulated-firmware-1.4", os.bootDevice())
                        .physicalMemoryKb(os.memoryKb(), freeMemory)
                        .virtualMemoryKb(os.memoryKb() + 102_396, freeMemory + 102_396))
                .atSecond(0, Events.listeningPorts().addAll(posture.listening()))
                .atSecond(0, Events.localUsers().addAll(posture.users()))
                .atSecond(0, Events.firewallConfiguration().addAll(posture.firewall()))
                .atSecond(0, Events.osBaseline().addAll(posture.baseline()))
                .atSecond(0, Events.messageStatistics(counters.messagesSent(), counters.messagesUnder4Kb(), 0))
                .atSecond(0, Events.droppedEventsStatistics()
                        .queue(Queue.HIGH, counters.highPriorityEvents(), 0)
                        .queue(Queue.LOW, counters.lowPriorityEvents(), 0));
    }
}
