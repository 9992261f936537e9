package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.ProcessCreate;

import java.util.List;

/**
 * An ELF binary written from a base64 string on the command line, made executable and run: the shell line and
 * the processes it starts.
 */
final class BinaryCommandLineScenario implements AttackScenario {

    /** The first bytes of an x86-64 ELF header, base64-encoded ({@code f0VMR} is {@code \x7fELF}). */
    static final String ELF_BASE64 = "f0VMRgIBAQAAAAAAAAAAAAIAPgABAAAAeABAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAEAAOAAB";

    @Override
    public String name() {
        return "binary-command-line";
    }

    @Override
    public String description() {
        return "echo <ELF as base64> | base64 -d > /tmp/.x && chmod +x /tmp/.x && /tmp/.x";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_BinaryCommandLine (Binary Command Line, High)");
    }

    @Override
    public Episode attack(DeviceState device) {
        Account victim = device.profile().appUser();
        ProcessCreate shell = device.process("/bin/dash",
                "sh -c echo " + ELF_BASE64 + " | base64 -d > /tmp/.x && chmod +x /tmp/.x && /tmp/.x",
                victim, DeviceState.APP_PID);
        return new Episode()
                .atMillis(0, shell)
                .atMillis(4, device.process("/usr/bin/base64", "base64 -d", victim, shell.processId()))
                .atMillis(11, device.process("/usr/bin/chmod", "chmod +x /tmp/.x", victim, shell.processId()))
                .atMillis(15, device.process("/tmp/.x", "/tmp/.x", victim, shell.processId()));
    }
}
