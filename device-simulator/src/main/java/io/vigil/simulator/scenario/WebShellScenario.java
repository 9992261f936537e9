package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.ListeningPorts.Endpoint;
import io.vigil.simulator.agent.ProcessCreate;

import java.util.List;

/**
 * A PHP web shell uploaded to the device's local web panel: a fresh php-fpm worker (www-data) starts shells that
 * run the usual first commands. The worker's own ProcessCreate comes first, so a backend can see that the shells'
 * parent is the web server.
 */
final class WebShellScenario implements AttackScenario {

    static final int PHP_FPM_MASTER_PID = 690;
    static final List<String> COMMANDS = List.of(
            "id", "whoami", "uname -a", "ls -la /var/www/html/uploads");

    @Override
    public String name() {
        return "web-shell";
    }

    @Override
    public String description() {
        return "php-fpm worker (www-data) running sh -c id, whoami, uname -a, ls of uploads";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_WebShell (Web shell, High)");
    }

    @Override
    public void prepare(DeviceState device) {
        // The device serves a local status panel: nginx on the site network, php-fpm on loopback.
        device.posture().listen(Endpoint.of("tcp", device.profile().lanAddress(), 80).anyRemote()
                .extra("Pid", "684"));
        device.posture().listen(Endpoint.of("tcp", "127.0.0.1", 9000).anyRemote()
                .extra("Pid", String.valueOf(PHP_FPM_MASTER_PID)));
    }

    @Override
    public Episode attack(DeviceState device) {
        ProcessCreate worker = device.process("/usr/sbin/php-fpm8.2", "php-fpm: pool www", Account.WWW_DATA,
                PHP_FPM_MASTER_PID);
        Episode episode = new Episode().atMillis(0, worker);
        long at = 2_000;
        for (String command : COMMANDS) {
            ProcessCreate shell = device.process("/bin/dash", "sh -c " + command, Account.WWW_DATA,
                    worker.processId());
            String program = command.split(" ")[0];
            episode.atMillis(at, shell)
                    .atMillis(at + 3, device.process("/usr/bin/" + program, command, Account.WWW_DATA,
                            shell.processId()));
            at += 1_500;
        }
        return episode;
    }
}
