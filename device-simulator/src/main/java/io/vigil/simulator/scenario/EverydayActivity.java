package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.Diagnostic;
import io.vigil.simulator.agent.Events;
import io.vigil.simulator.agent.ProcessCreate;

import java.util.List;

/**
 * The benign background of every device: its application reading sensors and talking to the site gateway,
 * cron jobs, name and time lookups, an occasional package index refresh and, now and then, an operator logging in
 * over ssh from the site network. None of it should raise anything.
 */
final class EverydayActivity {

    private static final List<String> CRON_SCRIPTS = List.of(
            "/usr/local/bin/collect-metrics.sh", "/usr/local/bin/rotate-sensor-logs.sh",
            "/usr/local/bin/check-disk-space.sh");
    private static final List<String> OPERATOR_COMMANDS = List.of(
            "systemctl status sensor-reader", "journalctl -u sensor-reader -n 50", "df -h", "uptime",
            "free -m");

    private EverydayActivity() {
    }

    /** The next everyday episode, weighted towards the frequent, small ones. */
    static Episode next(DeviceState device) {
        int roll = device.random().nextInt(100);
        if (roll < 35) {
            return sensorReading(device);
        } else if (roll < 55) {
            return cronJob(device);
        } else if (roll < 72) {
            return nameAndTimeLookups(device);
        } else if (roll < 84) {
            return serviceHealthCheck(device);
        } else if (roll < 92) {
            return logRotation(device);
        } else if (roll < 96) {
            return packageIndexRefresh(device);
        } else if (roll < 98) {
            return agentDiagnostic(device);
        }
        return operatorSession(device);
    }

    private static Episode sensorReading(DeviceState device) {
        Account app = device.profile().appUser();
        ProcessCreate reader = device.process("/usr/bin/python3",
                "/usr/bin/python3 /opt/sensor-reader/read_sensors.py --once --bus i2c-1", app, DeviceState.APP_PID);
        return new Episode()
                .atMillis(0, reader)
                .atMillis(180, Events.outboundConnection("/usr/bin/python3", DeviceProfile.APPLICATION_GATEWAY, 8883)
                        .local(device.profile().lanAddress(), device.ephemeralPort())
                        .processId(reader.processId())
                        .userId(app.userId())
                        .commandLine(reader.commandLine()));
    }

    private static Episode cronJob(DeviceState device) {
        String script = device.pick(CRON_SCRIPTS);
        ProcessCreate cron = device.process("/usr/sbin/cron", "/usr/sbin/CRON -f", Account.ROOT, DeviceState.CRON_PID);
        ProcessCreate shell = device.process("/bin/dash", "/bin/sh -c " + script, Account.ROOT, cron.processId());
        ProcessCreate job = device.process("/bin/bash", "/bin/bash " + script, Account.ROOT, shell.processId());
        return new Episode().atMillis(0, cron).atMillis(5, shell).atMillis(12, job);
    }

    private static Episode nameAndTimeLookups(DeviceState device) {
        String lan = device.profile().lanAddress();
        return new Episode()
                .atMillis(0, Events.outboundConnection("/usr/lib/systemd/systemd-resolved", DeviceProfile.DNS_SERVER, 53)
                        .protocol("udp").local(lan, device.ephemeralPort()).processId(402).userId("101"))
                .atMillis(40, Events.outboundConnection("/usr/sbin/chronyd", DeviceProfile.ROUTER, 123)
                        .protocol("udp").local(lan, device.ephemeralPort()).processId(455).userId("104"));
    }

    private static Episode serviceHealthCheck(DeviceState device) {
        return new Episode().atMillis(0, device.process("/usr/bin/systemctl",
                "systemctl is-active --quiet sensor-reader", Account.ROOT, DeviceState.SYSTEMD_PID));
    }

    private static Episode logRotation(DeviceState device) {
        ProcessCreate logrotate = device.process("/usr/sbin/logrotate", "/usr/sbin/logrotate /etc/logrotate.conf",
                Account.ROOT, DeviceState.SYSTEMD_PID);
        ProcessCreate gzip = device.process("/usr/bin/gzip", "/bin/gzip -f /var/log/sensor-reader.log.1",
                Account.ROOT, logrotate.processId());
        return new Episode().atMillis(0, logrotate).atMillis(60, gzip);
    }

    private static Episode packageIndexRefresh(DeviceState device) {
        ProcessCreate aptGet = device.process("/usr/bin/apt-get", "apt-get -qq update", Account.ROOT,
                DeviceState.SYSTEMD_PID);
        ProcessCreate http = device.process("/usr/lib/apt/methods/http", "/usr/lib/apt/methods/http",
                new Account("42", "_apt"), aptGet.processId());
        return new Episode()
                .atMillis(0, aptGet)
                .atMillis(90, http)
                .atMillis(140, Events.outboundConnection("/usr/lib/apt/methods/http", DeviceProfile.PACKAGE_MIRROR, 80)
                        .local(device.profile().lanAddress(), device.ephemeralPort())
                        .processId(http.processId()).userId("42"));
    }

    private static Episode agentDiagnostic(DeviceState device) {
        return new Episode().atMillis(0, Events.diagnostic(Diagnostic.Severity.INFORMATION,
                        "Security message sent; queue lengths high=0 low=" + device.random().nextInt(40))
                .processId(300).threadId(301 + device.random().nextInt(4))
                .correlationId(device.nextUuid()));
    }

    /** An operator at the site workstation logs in with a key and looks around. */
    private static Episode operatorSession(DeviceState device) {
        Account app = device.profile().appUser();
        String lan = device.profile().lanAddress();
        int clientPort = device.ephemeralPort();
        int sessionPid = device.nextPid();
        ProcessCreate shell = device.process("/bin/bash", "-bash", app, sessionPid);
        String command = device.pick(OPERATOR_COMMANDS);
        String program = command.split(" ")[0];
        return new Episode()
                .atMillis(0, Events.inboundConnection("/usr/sbin/sshd", DeviceProfile.ADMIN_WORKSTATION, clientPort)
                        .local(lan, 22).processId(DeviceState.SSHD_PID).userId("0"))
                .atMillis(350, Events.loginSuccess("/usr/sbin/sshd", app.userName()).userId(app.userId())
                        .processId(sessionPid).remote(DeviceProfile.ADMIN_WORKSTATION, clientPort).localPort(22))
                .atMillis(420, shell)
                .atSecond(4, device.process("/usr/bin/" + program, command, app, shell.processId()));
    }
}
