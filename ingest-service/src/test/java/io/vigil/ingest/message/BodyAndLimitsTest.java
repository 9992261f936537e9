package io.vigil.ingest.message;

import static io.vigil.ingest.message.TestMessages.MAPPER;
import static io.vigil.ingest.message.TestMessages.bytes;
import static io.vigil.ingest.message.TestMessages.envelope;
import static io.vigil.ingest.message.TestMessages.event;
import static io.vigil.ingest.message.TestMessages.processCreate;
import static io.vigil.ingest.message.TestMessages.processItem;
import static io.vigil.ingest.message.TestMessages.reasonsOfOnlyEvent;
import static io.vigil.ingest.message.TestMessages.rejected;
import static io.vigil.ingest.message.TestMessages.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Bodies that are not a readable JSON object of acceptable size: rejected as a whole, with the reason. */
class BodyAndLimitsTest {

    private final SecurityMessageParser parser = TestMessages.parser();

    @Test
    void notJsonIsASyntaxErrorWithLineAndColumn() {
        List<Rejection> reasons = rejected(parser.parse(utf8("{\n  \"AgentId\": nope\n}")));

        assertThat(reasons).singleElement().satisfies(reason -> {
            assertThat(reason.path()).isEqualTo("$");
            assertThat(reason.rule()).isEqualTo("json.syntax");
            assertThat(reason.message()).contains("line 2, column");
        });
    }

    @Test
    void plainTextIsASyntaxError() {
        assertThat(rejected(parser.parse(utf8("hello device"))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$", "json.syntax"));
    }

    @Test
    void truncatedJsonIsASyntaxError() {
        byte[] whole = bytes(envelope(processCreate()));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 10);

        assertThat(rejected(parser.parse(truncated))).singleElement().satisfies(reason -> {
            assertThat(reason.rule()).isEqualTo("json.syntax");
            assertThat(reason.message()).contains("line 1, column");
        });
    }

    @Test
    void jsonArrayAtTheRootIsNotAMessage() {
        assertThat(rejected(parser.parse(bytes(MAPPER.createArrayNode().add(envelope(processCreate()))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$", "type"));
    }

    @Test
    void emptyAndNullBodiesAreSyntaxErrors() {
        assertThat(rejected(parser.parse(new byte[0]))).extracting(Rejection::rule).containsExactly("json.syntax");
        assertThat(rejected(parser.parse(utf8("  \n ")))).extracting(Rejection::rule).containsExactly("json.syntax");
        assertThat(rejected(parser.parse(null))).extracting(Rejection::rule).containsExactly("json.syntax");
    }

    @Test
    void contentAfterTheMessageIsASyntaxError() {
        byte[] one = bytes(envelope(processCreate()));
        String twice = new String(one, java.nio.charset.StandardCharsets.UTF_8).repeat(2);

        assertThat(rejected(parser.parse(utf8(twice)))).extracting(Rejection::rule).containsExactly("json.syntax");
    }

    @Test
    void propertyGivenTwiceIsASyntaxError() {
        // Otherwise the last "Name" would silently win here, while another reader of the same bytes may take the first.
        String body = new String(bytes(envelope(processCreate())), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"Name\":\"ProcessCreate\"", "\"Name\":\"ProcessCreate\",\"Name\":\"Heartbeat\"");
        assertThat(body).contains("\"Name\":\"Heartbeat\"");

        assertThat(rejected(parser.parse(utf8(body)))).singleElement().satisfies(reason -> {
            assertThat(reason.rule()).isEqualTo("json.syntax");
            assertThat(reason.message()).contains("line 1, column").contains("Name");
        });
    }

    @Test
    void invalidUtf8IsASyntaxError() {
        byte[] body = utf8("{\"AgentVersion\": \"x\"}");
        body[18] = (byte) 0xC3; // a lead byte followed by an ASCII byte

        assertThat(rejected(parser.parse(body))).extracting(Rejection::rule).containsExactly("json.syntax");
    }

    @Test
    void commentsStayForbiddenEvenIfTheSharedMapperAllowsThem() {
        JsonMapper lenientMapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
        SecurityMessageParser parserOnLenientMapper = new SecurityMessageParser(lenientMapper, MessageLimits.defaults());
        String withComment = "/* hi */" + new String(bytes(envelope(processCreate())),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(rejected(parserOnLenientMapper.parse(utf8(withComment))))
                .extracting(Rejection::rule).containsExactly("json.syntax");
    }

    @Test
    void bodyOverTheSizeLimitIsRejectedBeforeParsing() {
        byte[] body = bytes(envelope(processCreate()));
        SecurityMessageParser small = parserWith(new MessageLimits(body.length - 1, 32, 1000, 10_000, 65_536));
        SecurityMessageParser exact = parserWith(new MessageLimits(body.length, 32, 1000, 10_000, 65_536));

        assertThat(rejected(small.parse(body)))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$", "size"));
        TestMessages.clean(exact.parse(body));
    }

    @Test
    void garbageOverTheSizeLimitIsASizeProblemNotASyntaxProblem() {
        byte[] garbage = new byte[MessageLimits.AGENT_MAX_MESSAGE_BYTES + 1];
        Arrays.fill(garbage, (byte) '[');

        assertThat(rejected(parser.parse(garbage))).extracting(Rejection::rule).containsExactly("size");
    }

    @Test
    void defaultsMatchTheAgentLimits() {
        assertThat(MessageLimits.defaults()).isEqualTo(new MessageLimits(262_144, 32, 1000, 10_000, 65_536));
    }

    @Test
    void nestingDeeperThanTheLimitIsRejected() {
        String tooDeep = "[".repeat(33) + "]".repeat(33);
        String deepest = "[".repeat(32) + "]".repeat(32);

        assertThat(rejected(parser.parse(utf8(tooDeep)))).singleElement().satisfies(reason -> {
            assertThat(reason.path()).isEqualTo("$");
            assertThat(reason.rule()).isEqualTo("json.depth");
            assertThat(reason.message()).contains("32");
        });
        // At the limit the body is read; it is then refused for not being an object.
        assertThat(rejected(parser.parse(utf8(deepest)))).extracting(Rejection::rule).containsExactly("type");
    }

    @Test
    void deepNestingInsideAnEventIsCaughtWhileParsing() {
        ObjectNode item = processItem();
        ObjectNode nested = item.putObject("ExtraDetails");
        for (int i = 0; i < 40; i++) {
            nested = nested.putObject("k");
        }

        assertThat(rejected(parser.parse(bytes(envelope(processCreate(item))))))
                .extracting(Rejection::rule).containsExactly("json.depth");
    }

    @Test
    void stringLongerThanTheLimitIsRejected() {
        SecurityMessageParser small = parserWith(new MessageLimits(262_144, 32, 1000, 10_000, 100));
        ObjectNode exactlyAtLimit = processItem().put("CommandLine", "x".repeat(100));
        ObjectNode overLimit = processItem().put("CommandLine", "x".repeat(101));

        TestMessages.clean(small.parse(bytes(envelope(processCreate(exactlyAtLimit)))));
        assertThat(rejected(small.parse(bytes(envelope(processCreate(overLimit)))))).singleElement()
                .satisfies(reason -> {
                    assertThat(reason.path()).isEqualTo("$");
                    assertThat(reason.rule()).isEqualTo("limit");
                });
    }

    @Test
    void propertyNameLongerThanTheLimitIsRejected() {
        SecurityMessageParser small = parserWith(new MessageLimits(262_144, 32, 1000, 10_000, 100));
        ObjectNode item = processItem();
        item.putObject("ExtraDetails").put("k".repeat(101), "v");

        assertThat(rejected(small.parse(bytes(envelope(processCreate(item))))))
                .extracting(Rejection::rule).containsExactly("limit");
    }

    @Test
    void moreEventsThanTheLimitRejectTheMessage() {
        SecurityMessageParser small = parserWith(new MessageLimits(262_144, 32, 2, 10_000, 65_536));

        TestMessages.clean(small.parse(bytes(envelope(processCreate(), processCreate()))));
        assertThat(rejected(small.parse(bytes(envelope(processCreate(), processCreate(), processCreate())))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events", "limit"));
    }

    @Test
    void morePayloadItemsThanTheLimitRejectTheEvent() {
        SecurityMessageParser small = parserWith(new MessageLimits(262_144, 32, 1000, 2, 65_536));

        TestMessages.clean(small.parse(bytes(envelope(processCreate(processItem(), processItem())))));
        assertThat(reasonsOfOnlyEvent(small.parse(bytes(envelope(
                processCreate(processItem(), processItem(), processItem()))))))
                .extracting(Rejection::path, Rejection::rule)
                .containsExactly(tuple("$.Events[0].Payload", "limit"));
    }

    @Test
    void limitsMustBePositive() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new MessageLimits(0, 32, 1000, 10_000, 65_536))
                .withMessageContaining("maxBytes");
    }

    @Test
    void neverThrowsOnAnyPrefixOfAMessage() {
        byte[] whole = bytes(envelope(processCreate(), event("ListeningPorts", "Periodic", "Security")));

        for (int length = 0; length <= whole.length; length++) {
            ParseOutcome outcome = parser.parse(Arrays.copyOf(whole, length));
            assertThat(outcome).as("prefix of %d bytes", length).isNotNull();
            if (length < whole.length) {
                assertThat(rejected(outcome)).extracting(Rejection::rule).containsExactly("json.syntax");
            }
        }
    }

    @Test
    void neverThrowsOnRandomlyDamagedMessages() {
        byte[] whole = bytes(envelope(processCreate(), TestMessages.connectionCreate(TestMessages.connectionItem())));
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            byte[] damaged = whole.clone();
            for (int hits = 1 + random.nextInt(3); hits > 0; hits--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            ParseOutcome outcome = parser.parse(damaged);
            assertThat(outcome).isNotNull();
            if (outcome instanceof ParseOutcome.Rejected rejectedOutcome) {
                assertThat(rejectedOutcome.reasons()).isNotEmpty().noneMatch(r -> r.rule().equals("internal"));
            } else {
                ParseOutcome.Accepted accepted = (ParseOutcome.Accepted) outcome;
                assertThat(accepted.rejectedEvents()).allSatisfy(r -> assertThat(r.reasons()).isNotEmpty());
            }
        }
    }

    private static SecurityMessageParser parserWith(MessageLimits limits) {
        return new SecurityMessageParser(MAPPER, limits);
    }
}
