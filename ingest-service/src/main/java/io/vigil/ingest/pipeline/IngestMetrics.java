package io.vigil.ingest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/** What the pipeline counts, in Prometheus at /q/metrics under vigil_ingest_*. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter refused;
    private final Counter skipped;
    private final Counter rawEvents;
    private final Counter rejectedEvents;
    private final Timer batchWrite;
    private final Timer endToEnd;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = messages("accepted");
        this.refused = messages("refused");
        this.skipped = messages("skipped");
        this.rawEvents = Counter.builder("vigil.ingest.raw.events").description("SecurityIoTRawEvent rows written").register(registry);
        this.rejectedEvents = Counter.builder("vigil.ingest.rejected.events").description("events refused inside accepted messages").register(registry);
        this.batchWrite = Timer.builder("vigil.ingest.batch.write").description("one batch's database transaction").register(registry);
        this.endToEnd = Timer.builder("vigil.ingest.message.latency").description("from receipt to acknowledgement").register(registry);
    }

    private Counter messages(String outcome) {
        return Counter.builder("vigil.ingest.messages").tag("outcome", outcome).description("messages taken from the broker").register(registry);
    }

    void count(List<Classification> batch) {
        for (Classification item : batch) {
            if (item instanceof Classification.Accepted a) {
                accepted.increment();
                rawEvents.increment(a.rows().size());
                rejectedEvents.increment(a.rejectedEvents().size());
            } else if (item instanceof Classification.Refused r) {
                refused.increment();
                Counter.builder("vigil.ingest.refusals").tag("rule", r.reasons().get(0).rule()).register(registry).increment();
            } else {
                skipped.increment();
            }
        }
    }

    void batchWritten(Duration took) {
        batchWrite.record(took);
    }

    /** From receipt to acknowledgement, recorded per message by the consumer. */
    Timer latency() {
        return endToEnd;
    }
}
