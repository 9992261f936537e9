package io.vigil.endtoend;

import io.vigil.testing.Infrastructure;
import io.vigil.testing.TestMqttClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash of ingest-service in the middle of a stream loses nothing and stores nothing twice: messages it had
 * not acknowledged come back from the broker's persistent session when it restarts.
 * <p>
 * The devices publish at a steady 150 messages per second, so the backlog of the few seconds ingest is away stays
 * below the 1,000 queued messages that a stock Mosquitto keeps per offline session (max_queued_messages; the
 * deployment's broker configuration raises it).
 */
class IngestCrashTest {

    private static final String DATABASE = Infrastructure.testDatabase("vigil_e2e_ingest_crash");
    private static final int MESSAGES = 1500;
    private static final int EVENTS_PER_MESSAGE = 4;
    private static final int RATE_PER_SECOND = 150;

    @Test
    void killNineMidStreamLosesNothing() throws Exception {
        Infrastructure infrastructure = Infrastructure.shared();
        infrastructure.recreateDatabase(DATABASE);
        int port = RunningSuite.freePort();
        String clientId = "ingest-crash-test-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = Map.of(
                "VIGIL_BROKER_CLIENT_ID", clientId,
                "VIGIL_BROKER_PERSISTENT_SESSION", "true",
                "VIGIL_INGEST_SUBSCRIPTION_GROUP", "crash-test-" + UUID.randomUUID().toString().substring(0, 8));
        try (ServiceUnderTest ingest = new ServiceUnderTest("ingest-service", port, DATABASE, env);
             TestMqttClient device = TestMqttClient.connect()) {
            ingest.start();
            ingest.awaitReady(Duration.ofMinutes(2));

            AtomicInteger published = new AtomicInteger();
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < MESSAGES; i++) {
                    device.publish(topic("crash-" + (i % 20)), message(i));
                    published.incrementAndGet();
                    long due = start + (i + 1) * 1_000_000_000L / RATE_PER_SECOND;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            });
            long publishDeadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (published.get() < MESSAGES / 3 && !stream.isDone() && System.nanoTime() < publishDeadline) {
                Thread.sleep(10);
            }
            assertThat(stream).as("the publisher is still running when ingest is killed").isNotDone();
            ingest.kill();
            long storedAtCrash = rows(infrastructure);
            Thread.sleep(1000);
            ingest.start();
            stream.get(3, TimeUnit.MINUTES);
            ingest.awaitReady(Duration.ofMinutes(2));

            long expected = (long) MESSAGES * EVENTS_PER_MESSAGE;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (rows(infrastructure) < expected && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(storedAtCrash).as("the crash happened mid-stream").isLessThan(expected);
            assertThat(rows(infrastructure)).as("raw events after the crash and restart").isEqualTo(expected);
            assertThat(distinctEvents(infrastructure)).isEqualTo(expected);
        } finally {
            // A persistent session outlives the test on the broker; a clean connection under its id ends it.
            TestMqttClient.connect(clientId).close();
        }
    }

    private static String topic(String deviceId) {
        return "devices/" + deviceId + "/messages/events/%24.ifid=urn%3Aazureiot%3ASecurity%3ASecurityAgent%3A1";
    }

    private static byte[] message(int n) {
        StringBuilder events = new StringBuilder();
        String now = Instant.now().toString();
        for (int e = 0; e < EVENTS_PER_MESSAGE; e++) {
            events.append(e == 0 ? "" : ",").append("{\"Id\":\"").append(UUID.randomUUID()).append("\",\"TimestampLocal\":\"")
                    .append(now).append("\",\"TimestampUTC\":\"").append(now).append("\",\"Category\":\"Triggered\",")
                    .append("\"Name\":\"ProcessCreate\",\"EventType\":\"Security\",\"IsEmpty\":false,\"PayloadSchemaVersion\":\"1.0\",")
                    .append("\"Payload\":[{\"Executable\":\"/usr/bin/job\",\"ProcessId\":").append(n).append(",\"ParentProcessId\":1,")
                    .append("\"UserId\":\"0\",\"CommandLine\":\"job --run ").append(n).append("\"}]}");
        }
        return ("{\"AgentVersion\":\"1.0.0\",\"AgentId\":\"5d8f2a1c-3b4e-4f6a-9c7d-1e2f3a4b5c6d\",\"MessageSchemaVersion\":\"1.0\","
                + "\"Events\":[" + events + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static long rows(Infrastructure infrastructure) throws Exception {
        return single(infrastructure, "SELECT count(*) FROM workspace.security_iot_raw_event");
    }

    private static long distinctEvents(Infrastructure infrastructure) throws Exception {
        return single(infrastructure, "SELECT count(DISTINCT (iot_raw_event_id, payload_index)) FROM workspace.security_iot_raw_event");
    }

    private static long single(Infrastructure infrastructure, String sql) throws Exception {
        try (Connection connection = infrastructure.connect(DATABASE); var statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
