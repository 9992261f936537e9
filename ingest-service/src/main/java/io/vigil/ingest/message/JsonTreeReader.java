package io.vigil.ingest.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;

/**
 * Turns a body into one JSON tree, or into the one {@link Rejection} that says why it cannot be read.
 *
 * <p>Depth and string length are enforced by Jackson's {@link StreamReadConstraints} while parsing, so a hostile body
 * is stopped before its tree is built. The token stream comes from a JSON factory of our own with Jackson's default
 * (strict) features, so that a setting on the shared mapper, such as allowing comments, cannot loosen what counts as
 * JSON here; the tree itself is built by the shared mapper's reader.
 *
 * <p>A property name given twice in one object is refused as a syntax error. JSON only says names "should" be unique,
 * and most readers silently keep the last value, but then what we validate and store may differ from what another
 * reader of the same bytes sees; no agent writes duplicates, so refusing them costs nothing legitimate.
 */
final class JsonTreeReader {

    /** The start of Jackson's message for a nesting-depth violation; the exception carries no other marker. */
    private static final String DEPTH_MESSAGE_PREFIX = "Document nesting depth";
    private static final int MAX_DETAIL_LENGTH = 200;

    /** The outcome of a read: exactly one of the two is set. */
    record Result(JsonNode tree, Rejection rejection) {
    }

    private final JsonFactory factory;
    private final ObjectReader reader;
    private final int maxDepth;

    JsonTreeReader(ObjectMapper mapper, MessageLimits limits) {
        this.maxDepth = limits.maxDepth();
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxStringLength())
                .maxDocumentLength(limits.maxBytes())
                .build();
        this.factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.reader = mapper.reader();
    }

    Result read(byte[] body) {
        try (JsonParser parser = factory.createParser(body)) {
            JsonNode tree = reader.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                return failure(Rejection.JSON_SYNTAX, "The body is empty; expected a JSON object.");
            }
            if (parser.nextToken() != null) {
                return failure(Rejection.JSON_SYNTAX, "Unexpected content after the JSON value" + at(parser.currentLocation()) + ".");
            }
            return new Result(tree, null);
        } catch (StreamConstraintsException e) {
            String detail = e.getOriginalMessage();
            if (detail != null && detail.startsWith(DEPTH_MESSAGE_PREFIX)) {
                return failure(Rejection.JSON_DEPTH,
                        "JSON nesting is deeper than " + maxDepth + " levels" + at(e.getLocation()) + ".");
            }
            return failure(Rejection.LIMIT, "A value is too long" + at(e.getLocation()) + ": " + shorten(detail));
        } catch (JsonProcessingException e) {
            return failure(Rejection.JSON_SYNTAX, "Not valid JSON" + at(e.getLocation()) + ": "
                    + shorten(e.getOriginalMessage()));
        } catch (IOException e) {
            // Reading from a byte array: only the decoding of the bytes can fail here.
            return failure(Rejection.JSON_SYNTAX, "Not valid JSON: " + shorten(e.getMessage()));
        }
    }

    private static Result failure(String rule, String message) {
        return new Result(null, new Rejection(JsonPaths.ROOT, rule, message));
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's detail, cut to one line of sensible length: it may quote the sender's bytes. */
    private static String shorten(String detail) {
        if (detail == null) {
            return "no detail.";
        }
        String oneLine = detail.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_DETAIL_LENGTH ? oneLine : oneLine.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
}
