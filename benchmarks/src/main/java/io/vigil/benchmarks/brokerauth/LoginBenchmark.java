package io.vigil.benchmarks.brokerauth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vigil.simulator.identity.DeviceLogins;
import io.vigil.simulator.identity.RegistryProvisioner;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("  %-34s p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms%n", what, at(sorted, 0.50), at(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private static final class Options {
        String brokerHost = "localhost";
        int brokerPort = 1883;
        String token;
        String twinUrl = "http://localhost:8083";
        int devices = 1000;
        int seconds = 20;
        int concurrency = 16;
        double refusedShare = 0.1;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--broker-host" -> o.brokerHost = value;
                    case "--broker-port" -> o.brokerPort = Integer.parseInt(value);
                    case "--token" -> o.token = value;
                    case "--twin-url" -> o.twinUrl = value;
                    case "--devices" -> o.devices = Integer.parseInt(value);
                    case "--seconds" -> o.seconds = Integer.parseInt(value);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(value);
                    case "--refused-share" -> o.refusedShare = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (o.token == null) {
                throw new IllegalArgumentException("--token <admin token> is required (./vigil prints one)");
            }
            return o;
        }
    }
}
