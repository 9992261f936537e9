package io.vigil.ingest.pipeline;

import io.vigil.ingest.RawEvent;
import io.vigil.ingest.message.RejectedEvent;
import io.vigil.ingest.message.Rejection;
import io.vigil.ingest.message.SecurityMessage;
import io.vigil.ingest.topic.DeviceTopic;
import io.vigil.platform.hubs.HubDirectory;

import java.util.List;

/** What one message from the broker turned out to be, before anything is written. */
public sealed interface Classification {

    String topic();

    byte[] body();

    /** A security message with a valid envelope: its valid events become rows, its invalid ones rejects. */
    record Accepted(String topic, byte[] body, HubDirectory.Hub hub, DeviceTopic device, SecurityMessage message,
                    List<RawEvent> rows, List<RejectedEvent> rejectedEvents) implements Classification {
    }

    /** A security message that cannot be used at all; kept whole with its reasons. */
    record Refused(String topic, byte[] body, HubDirectory.Hub hub, DeviceTopic device,
                   List<Rejection> reasons) implements Classification {
    }

    /** Not for this service: other telemetry, or a topic outside every configured hub. Counted, not kept. */
    record Skipped(String topic, byte[] body, String why) implements Classification {
    }
}
