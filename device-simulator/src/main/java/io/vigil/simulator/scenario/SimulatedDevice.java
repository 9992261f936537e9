package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.AgentEvent;
import io.vigil.simulator.agent.AgentMessage;
import io.vigil.simulator.agent.DeviceTopic;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One device's agent: turns its scenario into a stream of security messages.
 * <p>
 * The device first reports its snapshot; a device with an attack scenario then runs the attack; after that come
 * everyday episodes. Every {@value #EPISODES_BETWEEN_SNAPSHOTS} episodes the snapshot, and the attack, come
 * again, so long runs keep producing both. Events are queued as episodes happen and sent {@code n} per message,
 * the way the agent packs its queue into messages; an episode can straddle two messages.
 * <p>
 * Not thread-safe: one thread at a time drives a device.
 */
public final class SimulatedDevice {

    public static final int EPISODES_BETWEEN_SNAPSHOTS = 500;

    private final DeviceState state;
    private final Scenario scenario;
    private final Clock clock;
    private final String topic;
    private final Deque<AgentEvent<?>> pending = new ArrayDeque<>();
    private final AgentCounters counters = new AgentCounters();
    private long episodes;

    public SimulatedDevice(String deviceId, Scenario scenario, long seed, Clock clock) {
        this.state = new DeviceState(DeviceProfile.of(deviceId), seed);
        this.scenario = scenario;
        this.clock = clock;
        this.topic = DeviceTopic.telemetry(deviceId);
        scenario.prepare(state);
    }

    public String deviceId() {
        return state.profile().deviceId();
    }

    public DeviceProfile profile() {
        return state.profile();
    }

    public Scenario scenario() {
        return scenario;
    }

    public String topic() {
        return topic;
    }

    /** Builds the next message with {@code eventsPerMessage} events. */
    public OutgoingMessage nextMessage(int eventsPerMessage) {
        if (eventsPerMessage < 1) {
            throw new IllegalArgumentException("a message needs at least one event");
        }
        while (pending.size() < eventsPerMessage) {
            queueNextEpisode();
        }
        List<AgentEvent<?>> batch = new ArrayList<>(eventsPerMessage);
        for (int i = 0; i < eventsPerMessage; i++) {
            batch.add(pending.poll());
        }
        DeviceProfile profile = state.profile();
        byte[] body = AgentMessage.from(profile.agentId())
                .localOffset(profile.localOffset())
                .clock(clock)
                .ids(state::nextUuid)
                .events(batch)
                .toJson();
        counters.messageBuilt(body.length);
        return new OutgoingMessage(topic, body, batch.size());
    }

    private void queueNextEpisode() {
        List<AgentEvent<?>> events = nextEpisode().endingAt(clock.instant());
        counters.eventsCollected(events);
        pending.addAll(events);
        episodes++;
    }

    private Episode nextEpisode() {
        long position = episodes % EPISODES_BETWEEN_SNAPSHOTS;
        if (position == 0) {
            return Snapshot.of(state, counters);
        }
        if (position == 1 && scenario instanceof AttackScenario attack) {
            return attack.attack(state);
        }
        return EverydayActivity.next(state);
    }
}
