package io.vigil.simulator.scenario;

import java.util.List;

/** A well-kept device doing its job: snapshots and everyday activity only. */
final class NormalScenario implements Scenario {

    @Override
    public String name() {
        return "normal";
    }

    @Override
    public String description() {
        return "snapshots of a well-kept device, everyday process, connection and login events";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of();
    }
}
