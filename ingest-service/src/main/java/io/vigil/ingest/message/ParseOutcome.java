package io.vigil.ingest.message;

import java.util.List;
import java.util.Objects;

/** What {@link SecurityMessageParser#parse(byte[])} made of one message body. */
public sealed interface ParseOutcome {

    /**
     * The envelope is fine; events that broke a rule are in rejectedEvents, the others in message.events().
     * Both lists may be empty, but not at the same time.
     */
    record Accepted(SecurityMessage message, List<RejectedEvent> rejectedEvents) implements ParseOutcome {
        public Accepted {
            Objects.requireNonNull(message, "message");
            rejectedEvents = List.copyOf(rejectedEvents);
        }
    }

    /**
     * The whole message is unusable: not JSON, too large, too deep, bad envelope. When the envelope is bad, only the
     * envelope's problems are listed; the events are not looked at.
     */
    record Rejected(List<Rejection> reasons) implements ParseOutcome {
        public Rejected {
            reasons = List.copyOf(reasons);
        }
    }
}
