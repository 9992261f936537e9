package io.vigil.ingest.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses and validates v1 JSON security messages, the bodies that device security agents publish.
 *
 * <p>Validation follows the agent project's JSON Schemas ({@code Azure/Azure-IoT-Security}, {@code security_message/
 * schemas}), leniently where real agents are known to differ from them (see {@link EventTypeCatalog}) and precisely
 * everywhere else. A bad envelope rejects the message; a bad event rejects only that event. Every problem is reported,
 * with its JSONPath and a stable {@link Rejection rule code}.
 *
 * <p>Cost: one pass of Jackson over the bytes into a tree, then one pass of plain Java over the tree; no reflection,
 * no schema interpreter, no exceptions on the happy path. Limits ({@link MessageLimits}) are checked before or while
 * parsing, so an oversized or deeply nested body costs little.
 *
 * <p>Immutable and thread-safe: build one per configuration and share it.
 */
public final class SecurityMessageParser {

    private final int maxBytes;
    private final JsonTreeReader treeReader;
    private final EnvelopeReader envelopeReader;
    private final EventValidator eventValidator;

    /**
     * @param mapper the application's shared mapper, used to build JSON trees; its parser features do not apply
     *               (messages are always read as strict JSON)
     * @param limits bounds on size, depth, counts and string length
     */
    public SecurityMessageParser(ObjectMapper mapper, MessageLimits limits) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(limits, "limits");
        this.maxBytes = limits.maxBytes();
        this.treeReader = new JsonTreeReader(mapper, limits);
        this.envelopeReader = new EnvelopeReader(limits);
        this.eventValidator = new EventValidator(limits);
    }

    /** Never throws on bad input; thread-safe. A null body is treated as an empty one. */
    public ParseOutcome parse(byte[] body) {
        try {
            return parseOrThrow(body == null ? new byte[0] : body);
        } catch (RuntimeException e) {
            // A bug in a validator must not take the ingest pipeline down with it; the message is kept as rejected.
            return rejected(Rejection.INTERNAL, "The validator failed (" + e.getClass().getSimpleName()
                    + "); this is a bug in Vigil, not in the message.");
        }
    }

    private ParseOutcome parseOrThrow(byte[] body) {
        if (body.length > maxBytes) {
            return rejected(Rejection.SIZE, "The body has " + body.length + " bytes; at most " + maxBytes
                    + " are accepted.");
        }
        JsonTreeReader.Result read = treeReader.read(body);
        if (read.rejection() != null) {
            return new ParseOutcome.Rejected(List.of(read.rejection()));
        }
        Problems envelopeProblems = new Problems(JsonPaths.ROOT);
        EnvelopeReader.Envelope envelope = envelopeReader.read(read.tree(), envelopeProblems);
        if (envelope == null) {
            return new ParseOutcome.Rejected(envelopeProblems.toList());
        }

        int count = envelope.events().size();
        List<SecurityEvent> accepted = new ArrayList<>(count);
        List<RejectedEvent> rejected = new ArrayList<>(0);
        for (int i = 0; i < count; i++) {
            JsonNode event = envelope.events().get(i);
            eventValidator.validate(event, i, accepted, rejected);
        }
        SecurityMessage message = new SecurityMessage(envelope.agentId(), envelope.agentVersion(),
                envelope.messageSchemaVersion(), accepted);
        return new ParseOutcome.Accepted(message, rejected);
    }

    private static ParseOutcome rejected(String rule, String message) {
        return new ParseOutcome.Rejected(List.of(new Rejection(JsonPaths.ROOT, rule, message)));
    }
}
