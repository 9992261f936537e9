package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;

/**
 * A process was started. Process-based alerts (reverse shells, miners, web shells, attack tools, ...) are
 * decided from the executable and command line; the parent process id lets a backend find who started it.
 * <p>
 * Unless set, the process and parent ids are 0 and the user is root ({@code UserId "0"}, {@code UserName "root"}).
 */
public final class ProcessCreate extends TriggeredEvent<ProcessCreate> {

    private final String executable;
    private final String commandLine;
    private int processId;
    private int parentProcessId;
    private String userId = "0";
    private String userName = "root";

    ProcessCreate(String executable, String commandLine) {
        super("ProcessCreate", EventType.SECURITY);
        this.executable = Objects.requireNonNull(executable, "executable");
        this.commandLine = Objects.requireNonNull(commandLine, "commandLine");
    }

    public ProcessCreate processId(int processId) {
        this.processId = processId;
        return this;
    }

    public ProcessCreate parentProcessId(int parentProcessId) {
        this.parentProcessId = parentProcessId;
        return this;
    }

    /** The user the process runs as; {@code userName} may be null (it is optional on the wire). */
    public ProcessCreate user(String userId, String userName) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.userName = userName;
        return this;
    }

    /**
     * Sends this as an aggregated event standing for {@code hitCount} identical starts between the two instants;
     * process ids are zeroed as the agents do. Not valid per the published JSON Schema (see {@link EventCategory}).
     */
    public ProcessCreate aggregated(int hitCount, Instant firstSeen, Instant lastSeen) {
        return aggregate(hitCount, firstSeen, lastSeen);
    }

    public String executable() {
        return executable;
    }

    public String commandLine() {
        return commandLine;
    }

    public int processId() {
        return processId;
    }

    public int parentProcessId() {
        return parentProcessId;
    }

    public String userName() {
        return userName;
    }

    @Override
    void writeFields(ObjectNode item) {
        item.put("Executable", executable);
        item.put("ProcessId", isAggregated() ? 0 : processId);
        item.put("ParentProcessId", isAggregated() ? 0 : parentProcessId);
        item.put("UserId", userId);
        putIfSet(item, "UserName", userName);
        item.put("CommandLine", commandLine);
    }
}
