package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;

/** A process exited (only the Windows agents report this). */
public final class ProcessTerminate extends TriggeredEvent<ProcessTerminate> {

    private final String executable;
    private final int processId;
    private final int exitStatus;

    ProcessTerminate(String executable, int processId, int exitStatus) {
        super("ProcessTerminate", EventType.SECURITY);
        this.executable = Objects.requireNonNull(executable, "executable");
        this.processId = processId;
        this.exitStatus = exitStatus;
    }

    /** Aggregated by executable and exit status; the process id is zeroed. */
    public ProcessTerminate aggregated(int hitCount, Instant firstSeen, Instant lastSeen) {
        return aggregate(hitCount, firstSeen, lastSeen);
    }

    @Override
    void writeFields(ObjectNode item) {
        item.put("Executable", executable);
        item.put("ProcessId", isAggregated() ? 0 : processId);
        item.put("ExitStatus", exitStatus);
    }
}
