package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A login attempt, successful or not. A remote address means a network login (ssh); without one it was local
 * (console, {@code su}), which is what the local-login alerts look for. Brute-force alerts count failures per
 * remote address.
 * <p>
 * The operation defaults to {@code PAM:authentication}, as auditd reports it on Linux. A user name or a user id
 * is required.
 */
public final class Login extends TriggeredEvent<Login> {

    /** The {@code Result} field. */
    public enum Result {
        SUCCESS("Success"),
        FAIL("Fail");

        private final String wireName;

        Result(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final Result result;
    private final String executable;
    private String operation = "PAM:authentication";
    private int processId;
    private String userId;
    private String userName;
    private String remoteAddress;
    private String remotePort;
    private String localPort;

    Login(Result result, String executable) {
        super("Login", EventType.SECURITY);
        this.result = Objects.requireNonNull(result, "result");
        this.executable = Objects.requireNonNull(executable, "executable");
    }

    public Login operation(String operation) {
        this.operation = Objects.requireNonNull(operation, "operation");
        return this;
    }

    public Login processId(int processId) {
        this.processId = processId;
        return this;
    }

    public Login userName(String userName) {
        this.userName = userName;
        return this;
    }

    public Login userId(String userId) {
        this.userId = userId;
        return this;
    }

    /** Where the attempt came from; leave unset for a local login. */
    public Login remote(String address, int port) {
        this.remoteAddress = Objects.requireNonNull(address, "address");
        this.remotePort = Ports.of(port);
        return this;
    }

    public Login localPort(int port) {
        this.localPort = Ports.of(port);
        return this;
    }

    public Result result() {
        return result;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    void writeFields(ObjectNode item) {
        if (userId == null && userName == null) {
            throw new IllegalStateException("a Login needs a user name or a user id");
        }
        item.put("ProcessId", processId);
        putIfSet(item, "UserId", userId);
        putIfSet(item, "UserName", userName);
        item.put("Operation", operation);
        item.put("Executable", executable);
        putIfSet(item, "RemoteAddress", remoteAddress);
        putIfSet(item, "RemotePort", remotePort);
        putIfSet(item, "LocalPort", localPort);
        item.put("Result", result.wireName());
    }
}
