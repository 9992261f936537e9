package io.vigil.twin.rest;

import io.vigil.twin.query.PageCursor;
import io.vigil.twin.query.TwinQueryErrorCodes;
import io.vigil.twin.query.TwinQueryException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The opaque {@code x-ms-continuation} token: where the previous page ended, bound to the query text it belongs to,
 * so that a token replayed with another query is refused instead of paging somewhere arbitrary.
 */
final class ContinuationToken {

    private static final String SEPARATOR = "\u001f";

    private ContinuationToken() {
    }

    static String encode(String query, PageCursor cursor) {
        String plain = fingerprint(query) + SEPARATOR + cursor.itemsReturned() + SEPARATOR
                + (cursor.lastDeviceId() == null ? "" : "d" + cursor.lastDeviceId()) + SEPARATOR
                + (cursor.lastModuleId() == null ? "" : "m" + cursor.lastModuleId());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<PageCursor> decode(String query, String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (parts.length != 4 || !parts[0].equals(fingerprint(query))) {
                throw bad();
            }
            long items = Long.parseLong(parts[1]);
            String device = parts[2].isEmpty() ? null : parts[2].substring(1);
            String module = parts[3].isEmpty() ? null : parts[3].substring(1);
            return Optional.of(new PageCursor(items, device, module));
        } catch (IllegalArgumentException e) {
            throw bad();
        }
    }

    private static TwinQueryException bad() {
        return new TwinQueryException(TwinQueryErrorCodes.BAD_CONTINUATION,
                "the x-ms-continuation token does not belong to this query", 1, 1);
    }

    private static String fingerprint(String query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
