#!/bin/bash
# Starts HiveMQ as the official bin/run.sh does (same JVM options), except that it does not insist on a
# writable /opt/hivemq (the broker pod's root filesystem is read-only; data/, log/ and /tmp are volumes) and
# opens no JMX port, and with Vigil's broker TLS agent. JAVA_OPTS from the environment come first, as with run.sh.
set -eu
HIVEMQ_FOLDER="${HIVEMQ_HOME:-/opt/hivemq}"
HEAPDUMP_PATH="${HIVEMQ_HEAPDUMP_FOLDER:-$HIVEMQ_FOLDER/data}"
JAVA_OPTS="${JAVA_OPTS:-} -Djava.net.preferIPv4Stack=true"
JAVA_OPTS="$JAVA_OPTS --add-opens java.base/java.lang=ALL-UNNAMED"
JAVA_OPTS="$JAVA_OPTS --add-opens java.base/java.nio=ALL-UNNAMED"
JAVA_OPTS="$JAVA_OPTS --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
JAVA_OPTS="$JAVA_OPTS --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
JAVA_OPTS="$JAVA_OPTS --add-exports java.base/jdk.internal.misc=ALL-UNNAMED"
JAVA_OPTS="$JAVA_OPTS -Djava.security.egd=file:/dev/./urandom"
JAVA_OPTS="$JAVA_OPTS -XX:+CrashOnOutOfMemoryError -XX:+HeapDumpOnOutOfMemoryError"
# Client certificates reach Vigil's login check, which decides (see io.vigil.stack.brokertls.BrokerTlsAgent).
JAVA_OPTS="$JAVA_OPTS -javaagent:$HIVEMQ_FOLDER/vigil/vigil-broker-tls-agent.jar"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java "-Dhivemq.home=$HIVEMQ_FOLDER" "-XX:HeapDumpPath=$HEAPDUMP_PATH/heap-dump.hprof" \
  "-XX:ErrorFile=$HEAPDUMP_PATH/hs_err_pid%p.log" $JAVA_OPTS -jar "$HIVEMQ_FOLDER/bin/hivemq.jar"
