package io.vigil.ingest.rejects;

import io.vigil.ingest.message.Rejection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** A reject about to be stored: the original bytes, where they came from, and every reason. */
public record NewReject(byte[] fingerprint, int eventIndex, String hub, String deviceId, String moduleId, String topic,
                        List<Rejection> reasons, byte[] body) {

    /** Stands in {@code event_index} for "the whole message". */
    public static final int WHOLE_MESSAGE = -1;

    public NewReject {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a reject needs at least one reason");
        }
    }

    public static NewReject of(int eventIndex, String hub, String deviceId, String moduleId, String topic,
                               List<Rejection> reasons, byte[] body) {
        return new NewReject(fingerprint(topic, body), eventIndex, hub, deviceId, moduleId, topic, reasons, body);
    }

    static byte[] fingerprint(String topic, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(topic.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
