package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.AgentEvent;

import java.util.List;
import java.util.Set;

/**
 * What the simulated agent knows about its own sending, for the operational statistics it reports: messages
 * built, how many of them were under the 4 KB billing unit, and events collected per priority queue (login,
 * listening ports and local users are high priority by default, the rest low).
 */
final class AgentCounters {

    private static final int FOUR_KB = 4 * 1024;
    private static final Set<String> HIGH_PRIORITY = Set.of("Login", "ListeningPorts", "LocalUsers");

    private long messagesSent;
    private long messagesUnder4Kb;
    private long highPriorityEvents;
    private long lowPriorityEvents;

    void messageBuilt(int bytes) {
        messagesSent++;
        if (bytes < FOUR_KB) {
            messagesUnder4Kb++;
        }
    }

    void eventsCollected(List<AgentEvent<?>> events) {
        for (AgentEvent<?> event : events) {
            if (HIGH_PRIORITY.contains(event.name())) {
                highPriorityEvents++;
            } else {
                lowPriorityEvents++;
            }
        }
    }

    long messagesSent() {
        return messagesSent;
    }

    long messagesUnder4Kb() {
        return messagesUnder4Kb;
    }

    long highPriorityEvents() {
        return highPriorityEvents;
    }

    long lowPriorityEvents() {
        return lowPriorityEvents;
    }
}
