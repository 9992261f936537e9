package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Periodic count of the messages the agent sent, how many were under 4 KB (the "agent sends unutilized
 * messages" recommendation) and how many failed.
 */
public final class MessageStatistics extends AgentEvent<MessageStatistics> {

    private final long messagesSent;
    private final long messagesUnder4Kb;
    private final long totalFailed;

    MessageStatistics(long messagesSent, long messagesUnder4Kb, long totalFailed) {
        super("MessageStatistics", EventType.OPERATIONAL);
        this.messagesSent = messagesSent;
        this.messagesUnder4Kb = messagesUnder4Kb;
        this.totalFailed = totalFailed;
    }

    @Override
    public EventCategory category() {
        return EventCategory.PERIODIC;
    }

    @Override
    List<ObjectNode> payloadItems(EventContext context) {
        ObjectNode item = NODES.objectNode();
        item.put("MessagesSent", messagesSent);
        item.put("MessagesUnder4KB", messagesUnder4Kb);
        item.put("TotalFailed", totalFailed);
        return List.of(item);
    }
}
