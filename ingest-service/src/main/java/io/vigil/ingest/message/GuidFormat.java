package io.vigil.ingest.message;

/**
 * The GUID format of {@code AgentId}, {@code Id} and {@code CorrelationId}: 36 characters, hexadecimal digits in groups
 * of 8-4-4-4-12 separated by hyphens, either case.
 *
 * <p>The v1 schema only demands a length of 36; both agents write canonical GUIDs, so anything else is a sender bug
 * worth reporting. Checked by hand rather than by regex because it runs for every event.
 */
final class GuidFormat {

    private static final int LENGTH = 36;

    private GuidFormat() {
    }

    static boolean isGuid(String value) {
        if (value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            boolean hyphenPosition = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphenPosition ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
