package io.vigil.faults.scenarios;

import io.vigil.faults.check.Sql;
import io.vigil.faults.load.PublishLedger;
import io.vigil.faults.topology.ServiceMemory;
import io.vigil.faults.topology.Topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Backpressure: every answer from PostgreSQL held back by the proxy for a while, under the same load. Ingest
 * must slow down its consumption (the broker keeps the rest) rather than drop messages or buffer without bound.
 * While the database is slow the harness samples, every second, ingest's resident memory and heap, the rows
 * stored and the rows the devices had published, and reports how far consumption fell behind and how much
 * memory ingest used; nothing lost afterwards is checked like every other fault.
 */
public final class SlowDatabase implements Fault {

    private static final String INGEST = "ingest-service";

    private record Sample(long atNanos, long residentBytes, long heapBytes, long storedRows, long publishedRows) {
    }

    private final Duration latency;
    private final Duration length;
    private final PublishLedger ledger;
    private final List<Sample> samples = new ArrayList<>();
    private Sample before;
    private volatile boolean sampling;
    private Thread sampler;

    public SlowDatabase(Duration latency, Duration length, PublishLedger ledger) {
        this.latency = latency;
        this.length = length;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "slow-database";
    }

    @Override
    public String description() {
        return "hold every PostgreSQL answer " + latency.toMillis() + " ms for " + length.toSeconds()
                + " s (backpressure); sample ingest's memory every second";
    }

    @Override
    public void inject(Topology topology) throws Exception {
        before = sample(topology);
        topology.proxy().slow(latency);
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                try {
                    Sample sample = sample(topology);
                    synchronized (samples) {
                        samples.add(sample);
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample; the next second tries again
                }
            }
        }, "slow-database-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    @Override
    public Duration hold() {
        return length;
    }

    @Override
    public void heal(Topology topology) throws Exception {
        sampling = false;
        sampler.join(5000);
        topology.proxy().heal();
    }

    private Sample sample(Topology topology) throws Exception {
        var ingest = topology.service(INGEST);
        long published = ledger.rows();
        long stored = Sql.single(topology::connect, "SELECT count(*) FROM workspace.security_iot_raw_event");
        return new Sample(System.nanoTime(), ServiceMemory.residentBytes(ingest.pid()).orElse(-1),
                ServiceMemory.heapUsedBytes(topology.httpPort(INGEST)).orElse(-1), stored, published);
    }

    @Override
    public List<String> findings() {
        List<Sample> during;
        synchronized (samples) {
            during = List.copyOf(samples);
        }
        if (before == null || during.isEmpty()) {
            return List.of("slow-database: no samples");
        }
        Sample last = during.get(during.size() - 1);
        double seconds = (last.atNanos() - before.atNanos()) / 1e9;
        long maxResident = during.stream().mapToLong(Sample::residentBytes).max().orElse(-1);
        long maxHeap = during.stream().mapToLong(Sample::heapBytes).max().orElse(-1);
        long maxBacklog = during.stream().mapToLong(s -> s.publishedRows() - s.storedRows()).max().orElse(0);
        return List.of(
                String.format(Locale.ROOT, "slow-database: %d ms added to every PostgreSQL answer for %.0f s, %d samples",
                        latency.toMillis(), seconds, during.size()),
                String.format(Locale.ROOT, "  rows published %.0f/s, stored %.0f/s while slow; backlog (published - stored) %d before, %d at most",
                        (last.publishedRows() - before.publishedRows()) / seconds, (last.storedRows() - before.storedRows()) / seconds,
                        before.publishedRows() - before.storedRows(), maxBacklog),
                String.format(Locale.ROOT, "  ingest RSS %s before, %s at most, %s at the end; heap used %s before, %s at most",
                        mib(before.residentBytes()), mib(maxResident), mib(last.residentBytes()), mib(before.heapBytes()), mib(maxHeap)));
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
