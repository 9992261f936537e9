package io.vigil.twin.http;

/**
 * An {@code If-Match} precondition (RFC 7232) on an identity's or a twin's etag: absent, {@code *} (the resource
 * must exist, any version), or one etag, quoted or not, weak or strong alike, as IoT Hub's SDKs send them.
 */
public record IfMatch(String etag) {

    public static final IfMatch NONE = new IfMatch(null);
    private static final String ANY = "*";

    public static IfMatch of(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return new IfMatch(value);
    }

    public boolean present() {
        return etag != null;
    }

    public boolean any() {
        return ANY.equals(etag);
    }

    /** True when a resource with this etag satisfies the precondition. */
    public boolean matches(String current) {
        return etag == null || any() || etag.equals(current);
    }

    /** The {@code ETag} header value for an etag. */
    public static String header(String etag) {
        return "\"" + etag + "\"";
    }
}
