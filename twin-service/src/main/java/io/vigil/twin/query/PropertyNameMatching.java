package io.vigil.twin.query;

/**
 * How property names written in a query find keys of the twin document.
 * <p>
 * Names fixed by the twin format (deviceId, status, tags, properties.desired, $metadata...) are always matched
 * ignoring case and replaced by their canonical spelling at compile time. This setting governs the names users
 * choose (keys under tags, desired and reported properties, configurations).
 */
public enum PropertyNameMatching {

    /**
     * IoT Hub's rule: names match ignoring case. A key spelled exactly as in the query wins; otherwise the first
     * key equal ignoring case is used. Conditions on user-chosen names cannot use the GIN index.
     */
    CASE_INSENSITIVE,

    /** Names match only when spelled exactly as in the document; every equality can use the GIN index. */
    EXACT
}
