package io.vigil.simulator.fleet;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.simulator.scenario.SimulatedDevice;

import java.util.ArrayList;
import java.util.List;

/**
 * A share of the fleet living on one event loop. Deploying one shard per event loop spreads the connections
 * over all cores, while each connection stays on a single thread.
 */
final class FleetShard extends AbstractVerticle {

    private final List<SimulatedDevice> devices;
    private final List<Long> startDelaysMs;
    private final FleetConfig config;
    private final SendGate gate;
    private final FleetStats stats;
    private final List<DeviceConnection> connections = new ArrayList<>();

    /** {@code startDelaysMs.get(i)} is when device {@code i} starts connecting, to pace start-up. */
    FleetShard(List<SimulatedDevice> devices, List<Long> startDelaysMs, FleetConfig config, SendGate gate,
               FleetStats stats) {
        this.devices = devices;
        this.startDelaysMs = startDelaysMs;
        this.config = config;
        this.gate = gate;
        this.stats = stats;
    }

    @Override
    public void start() {
        for (int i = 0; i < devices.size(); i++) {
            DeviceConnection connection = new DeviceConnection(devices.get(i), config, gate, stats, vertx, context);
            connections.add(connection);
            long delay = startDelaysMs.get(i);
            if (delay < 1) {
                connection.start();
            } else {
                vertx.setTimer(delay, id -> connection.start());
            }
        }
    }

    @Override
    public void stop(Promise<Void> stopped) {
        List<Future<Void>> closing = new ArrayList<>();
        connections.forEach(connection -> closing.add(connection.stop()));
        Future.join(closing).onComplete(done -> stopped.complete());
    }
}
