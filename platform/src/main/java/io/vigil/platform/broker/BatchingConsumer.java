package io.vigil.platform.broker;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a connection's deliveries in batches and acknowledges each batch only after its handler succeeded, in the
 * order the messages arrived. One batch is in flight at a time: while the handler is slow or failing, the
 * broker's in-flight window fills and it stops sending, so memory stays bounded and nothing is dropped.
 * <p>
 * A failed batch is retried with back-off as long as its messages can still be acknowledged on their connection;
 * once that connection is gone the broker delivers them again, so handlers must be idempotent.
 * With {@link DeadLetters}, a batch that failed {@code maxAttempts} times for a permanent reason is split and each
 * message retried alone; one that still fails alone is split into its {@linkplain Unbundler parts} when it carries
 * several (a feed batch of agent messages), and what still fails alone is parked there and acknowledged, so that one
 * poison message cannot block its lane nor take its neighbours with it. Without, or while parking fails, retrying
 * goes on.
 * The queue and the flags are touched only on the connection's event loop.
 */
public final class BatchingConsumer {

    private static final Logger LOG = Logger.getLogger(BatchingConsumer.class);
    private static final long MAX_RETRY_DELAY_MS = 10_000;

    /** Handles one batch; the future completes once its effects are durable. May be called again for the same messages. */
    @FunctionalInterface
    public interface BatchHandler {
        Future<Void> handle(List<InboundMessage> batch);
    }

    /** Splits a received message that carries several independent ones; a message that does not, is its own only part. */
    @FunctionalInterface
    public interface Unbundler {
        List<InboundMessage> parts(InboundMessage message);

        Unbundler NONE = List::of;
    }

    /**
     * @param maxMessages most messages in one batch
     * @param linger      how long the first message of a batch may wait for company
     * @param retryDelay  first wait before retrying a failed batch; doubles up to 10 s
     * @param maxAttempts attempts of a batch, and then of each of its messages alone, before a message that fails
     *                    for a permanent reason is parked; used only with {@link DeadLetters}
     */
    public record Settings(int maxMessages, Duration linger, Duration retryDelay, int maxAttempts) {

        public static final int DEFAULT_MAX_ATTEMPTS = 5;

        public Settings(int maxMessages, Duration linger, Duration retryDelay) {
            this(maxMessages, linger, retryDelay, DEFAULT_MAX_ATTEMPTS);
        }
    }

    private final Vertx vertx;
    private final MqttSession session;
    private final Settings settings;
    private final BatchHandler handler;
    private final Timer latency;
    private final String name;
    private final DeadLetters deadLetters;
    private final Unbundler unbundler;
    private final ArrayDeque<InboundMessage> pending = new ArrayDeque<>();
    private boolean handling;
    private long lingerTimer = -1;
    private volatile boolean stopping;

    /** @param latency records, per acknowledged message, the time from receipt to acknowledgement */
    public BatchingConsumer(Vertx vertx, MqttSession session, Settings settings, BatchHandler handler, Timer latency) {
        this(vertx, session, settings, handler, latency, null, null);
    }

    /**
     * @param name        names the consumer in its dead letters, e.g. {@code detection-feed}
     * @param deadLetters where messages that keep failing are parked
     */
    public BatchingConsumer(Vertx vertx, MqttSession session, Settings settings, BatchHandler handler, Timer latency,
                            String name, DeadLetters deadLetters) {
        this(vertx, session, settings, handler, latency, name, deadLetters, Unbundler.NONE);
    }

    /** @param unbundler splits a message that fails alone into the parts it carries, each then handled or parked alone */
    public BatchingConsumer(Vertx vertx, MqttSession session, Settings settings, BatchHandler handler, Timer latency,
                            String name, DeadLetters deadLetters, Unbundler unbundler) {
        this.unbundler = unbundler;
        this.vertx = vertx;
        this.session = session;
        this.settings = settings;
        this.handler = handler;
        this.latency = latency;
        this.name = name;
        this.deadLetters = deadLetters;
    }

    public void subscribe(List<String> topicFilters) {
        topicFilters.forEach(filter -> session.subscribe(filter, this::accept));
    }

    public void stop() {
        stopping = true;
    }

    private void accept(InboundMessage message) {
        pending.add(message);
        if (handling) {
            return;
        }
        if (pending.size() >= settings.maxMessages()) {
            cancelLinger();
            handleNextBatch();
        } else if (lingerTimer < 0) {
            lingerTimer = vertx.setTimer(Math.max(1, settings.linger().toMillis()), id -> {
                lingerTimer = -1;
                if (!handling) {
                    handleNextBatch();
                }
            });
        }
    }

    private void handleNextBatch() {
        if (pending.isEmpty() || stopping) {
            return;
        }
        handling = true;
        Context context = Vertx.currentContext();
        List<InboundMessage> batch = new ArrayList<>(Math.min(pending.size(), settings.maxMessages()));
        while (!pending.isEmpty() && batch.size() < settings.maxMessages()) {
            batch.add(pending.poll());
        }
        handleWithRetry(batch, settings.retryDelay().toMillis(), 1)
                .onComplete(result -> context.runOnContext(v -> finish(batch, result.cause())));
    }

    private Future<Void> handleWithRetry(List<InboundMessage> batch, long delayMs, int attempt) {
        Future<Void> result;
        try {
            result = handler.handle(batch);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.recover(error -> {
            if (stopping || !session.isConnected()) {
                return Future.failedFuture(error);
            }
            if (deadLetters != null && attempt >= settings.maxAttempts() && deadLetters.isPermanent(error)) {
                if (batch.size() > 1) {
                    return handleEachAlone(batch);
                }
                List<InboundMessage> parts = parts(batch.get(0));
                return parts.size() > 1 ? handleEachAlone(parts) : park(batch.get(0), error, delayMs, attempt);
            }
            return retryLater(batch, error, delayMs, attempt);
        });
    }

    private List<InboundMessage> parts(InboundMessage message) {
        try {
            return unbundler.parts(message);
        } catch (RuntimeException e) {
            // A message that cannot even be split is parked whole.
            return List.of(message);
        }
    }

    /** One at a time, so that the messages that can be handled are, and only the failing one is parked. */
    private Future<Void> handleEachAlone(List<InboundMessage> batch) {
        LOG.warnf("%s: a batch of %d messages failed %d times; handling its messages one by one", name, batch.size(),
                settings.maxAttempts());
        Future<Void> chain = Future.succeededFuture();
        for (InboundMessage message : batch) {
            chain = chain.compose(v -> handleWithRetry(List.of(message), settings.retryDelay().toMillis(), 1));
        }
        return chain;
    }

    private Future<Void> park(InboundMessage message, Throwable error, long delayMs, int attempt) {
        return deadLetters.park(name, message, error, attempt)
                .onSuccess(v -> LOG.errorf("%s: a message on %s failed %d times (%s); parked as a dead letter", name,
                        message.topic(), attempt, error.toString()))
                .recover(parkFailure -> retryLater(List.of(message), parkFailure, delayMs, attempt));
    }

    private Future<Void> retryLater(List<InboundMessage> batch, Throwable error, long delayMs, int attempt) {
        LOG.warnf("A batch of %d messages failed (%s); retrying in %d ms", batch.size(), error.getMessage(), delayMs);
        Promise<Void> wait = Promise.promise();
        vertx.setTimer(delayMs, id -> wait.complete());
        return wait.future().compose(v -> handleWithRetry(batch, Math.min(delayMs * 2, MAX_RETRY_DELAY_MS), attempt + 1));
    }

    private void finish(List<InboundMessage> batch, Throwable failure) {
        if (failure == null) {
            for (InboundMessage message : batch) {
                if (message.ack()) {
                    latency.record(Duration.ofNanos(System.nanoTime() - message.receivedAtNanos()));
                }
            }
        } else {
            LOG.warnf("A batch of %d messages was not acknowledged (%s); the broker will deliver it again",
                    batch.size(), failure.getMessage());
        }
        handling = false;
        // What queued up meanwhile has waited long enough already.
        cancelLinger();
        handleNextBatch();
    }

    private void cancelLinger() {
        if (lingerTimer >= 0) {
            vertx.cancelTimer(lingerTimer);
            lingerTimer = -1;
        }
    }
}
