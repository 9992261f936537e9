package io.vigil.benchmarks.brokerauth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vigil.benchmarks.support.Arguments;
import io.vigil.benchmarks.support.Percentiles;
import io.vigil.simulator.identity.DeviceLogins;
import io.vigil.simulator.identity.RegistryProvisioner;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The device login benchmark. Against a running suite whose embedded broker checks device identities
 * ({@code ./vigil}): provisions N devices, then for a fixed time keeps C logins in flight, each a full MQTT CONNECT
 * with a fresh SAS token through the broker, its login check and twin-service's decision (registry read, HMAC),
 * answered by CONNACK and closed; a share of the logins carries a wrong signature, to time refusals too. Prints
 * decisions per second and the CONNACK latency percentiles of each kind.
 * <p>
 * Usage: {@code java -cp benchmarks/target/vigil-benchmarks.jar io.vigil.benchmarks.brokerauth.LoginBenchmark
 * --broker-port <port> --token <admin token> [--twin-url http://localhost:8083] [--devices 1000] [--seconds 20]
 * [--concurrency 16] [--refused-share 0.1]}
 */
public final class LoginBenchmark {

    private LoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < options.devices; i++) {
            devices.add(String.format(Locale.ROOT, "bench-login-%05d", i));
        }
        System.out.printf("Provisioning %,d devices...%n", devices.size());
        DeviceLogins logins = new DeviceLogins(options.brokerHost,
                new RegistryProvisioner(URI.create(options.twinUrl), options.token).keys(devices));
        // Tokens signed with a key no device has: refused for a wrong signature after the same registry read.
        String noOnesKey = Base64.getEncoder().encodeToString(new byte[32]);
        DeviceLogins wrong = new DeviceLogins(options.brokerHost, devices.stream().collect(Collectors.toMap(d -> d, d -> noOnesKey)));

        Vertx vertx = Vertx.vertx();
        List<Long> allowed = Collections.synchronizedList(new ArrayList<>());
        List<Long> refused = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unexpected = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        long warmUpEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmUpEnd + options.seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(options.concurrency);
        for (int lane = 0; lane < options.concurrency; lane++) {
            loop(vertx, options, logins, wrong, devices, next, warmUpEnd, end, allowed, refused, unexpected, done);
        }
        done.await();
        vertx.close();
        System.out.printf("%d s, %d logins in flight, %,d devices, %.0f%% with a wrong signature%n", options.seconds,
                options.concurrency, devices.size(), 100 * options.refusedShare);
        System.out.printf("  decisions: %,.0f per second (%,d allowed, %,d refused, %d unexpected answers)%n",
                (allowed.size() + refused.size()) / (double) options.seconds, allowed.size(), refused.size(), unexpected.get());
        print("allowed (CONNACK accepted)", allowed);
        print("refused (CONNACK not authorized)", refused);
    }

    private static void loop(Vertx vertx, Options options, DeviceLogins logins, DeviceLogins wrong, List<String> devices,
                             AtomicLong next, long warmUpEnd, long end, List<Long> allowed, List<Long> refused,
                             AtomicInteger unexpected, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long n = next.getAndIncrement();
        String device = devices.get((int) (n % devices.size()));
        boolean bad = (n % 1000) < options.refusedShare * 1000;
        DeviceLogins login = bad ? wrong : logins;
        MqttClientOptions mqtt = new MqttClientOptions().setClientId(device).setCleanSession(true)
                .setUsername(login.username(device).orElseThrow()).setPassword(login.password(device).orElseThrow());
        MqttClient client = MqttClient.create(vertx, mqtt);
        long started = System.nanoTime();
        client.connect(options.brokerPort, options.brokerHost).onComplete(result -> {
            long latency = System.nanoTime() - started;
            boolean counted = started >= warmUpEnd;
            if (result.succeeded() != !bad) {
                unexpected.incrementAndGet();
            } else if (counted) {
                (bad ? refused : allowed).add(latency);
            }
            Future<Void> closed = result.succeeded() ? client.disconnect() : Future.succeededFuture();
            closed.onComplete(v -> loop(vertx, options, logins, wrong, devices, next, warmUpEnd, end, allowed, refused, unexpected, done));
        });
    }

    private static void print(String what, List<Long> nanos) {
        if (nanos.isEmpty()) {
            return;
        }
        long[] timings = nanos.stream().mapToLong(Long::longValue).toArray();
        System.out.printf("  %-34s p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms%n", what, Percentiles.millis(timings, 50),
                Percentiles.millis(timings, 99), Percentiles.millis(timings, 100));
    }

    private static final class Options {
        String brokerHost;
        int brokerPort;
        String token;
        String twinUrl;
        int devices;
        int seconds;
        int concurrency;
        double refusedShare;

        static Options parse(String[] args) {
            Arguments arguments = Arguments.parse(args, Set.of("--broker-host", "--broker-port", "--token", "--twin-url", "--devices",
                    "--seconds", "--concurrency", "--refused-share"));
            Options o = new Options();
            o.brokerHost = arguments.text("--broker-host", "localhost");
            o.brokerPort = arguments.integer("--broker-port", 1883);
            o.token = arguments.required("--token", "the admin token printed by ./vigil");
            o.twinUrl = arguments.text("--twin-url", "http://localhost:8083");
            o.devices = arguments.integer("--devices", 1000);
            o.seconds = arguments.integer("--seconds", 20);
            o.concurrency = arguments.integer("--concurrency", 16);
            o.refusedShare = arguments.decimal("--refused-share", 0.1);
            return o;
        }
    }
}
