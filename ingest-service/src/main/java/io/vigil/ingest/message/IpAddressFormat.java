package io.vigil.ingest.message;

/**
 * The {@code ip} format of the v1 schema: an IPv4 address in dotted-quad form or an IPv6 address in any RFC 4291 text
 * form, as the agent project's validator (ajv) accepts them.
 *
 * <p>IPv4: four decimal numbers 0-255 without leading zeros ({@code 010.0.0.1} is ambiguous, octal to some readers, and
 * ajv refuses it too). IPv6: up to eight groups of 1-4 hexadecimal digits, at most one {@code ::}, optionally ending in
 * a dotted IPv4 address ({@code ::ffff:10.0.0.1}) and optionally followed by a zone id ({@code fe80::1%eth0}).
 * Host names, brackets, CIDR suffixes and ports are not addresses.
 *
 * <p>Never use {@code InetAddress.getByName} for this: it resolves host names through DNS.
 */
final class IpAddressFormat {

    private static final int MAX_ZONE_ID_LENGTH = 64;

    private IpAddressFormat() {
    }

    static boolean isIpAddress(String value) {
        return isIPv4(value) || isIPv6(value);
    }

    static boolean isIPv4(String value) {
        return isIPv4(value, 0, value.length());
    }

    /** Whether {@code value[start, end)} is a dotted-quad IPv4 address. */
    private static boolean isIPv4(String value, int start, int end) {
        int octets = 0;
        int position = start;
        while (true) {
            int octetStart = position;
            int octet = 0;
            while (position < end && position - octetStart < 3 && isDigit(value.charAt(position))) {
                octet = octet * 10 + (value.charAt(position) - '0');
                position++;
            }
            int octetLength = position - octetStart;
            boolean leadingZero = octetLength > 1 && value.charAt(octetStart) == '0';
            if (octetLength == 0 || leadingZero || octet > 255) {
                return false;
            }
            octets++;
            if (position == end) {
                return octets == 4;
            }
            if (octets == 4 || value.charAt(position) != '.') {
                return false;
            }
            position++;
        }
    }

    static boolean isIPv6(String value) {
        int end = value.length();
        int percent = value.indexOf('%');
        if (percent >= 0) {
            if (!isZoneId(value, percent + 1, end)) {
                return false;
            }
            end = percent;
        }
        String address = value.substring(0, end);
        int doubleColon = address.indexOf("::");
        if (doubleColon < 0) {
            return groupCount(address, 0, address.length(), true) == 8;
        }
        if (address.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        int head = groupCount(address, 0, doubleColon, false);
        int tail = groupCount(address, doubleColon + 2, address.length(), true);
        // "::" stands for at least one group of zeros.
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    /**
     * How many 16-bit groups {@code value[start, end)} holds, or -1 if it is malformed: colon-separated hex groups,
     * where the last one may be a dotted IPv4 address worth two groups if {@code mayEndWithIPv4}. An empty range holds
     * none.
     */
    private static int groupCount(String value, int start, int end, boolean mayEndWithIPv4) {
        if (start == end) {
            return 0;
        }
        int groups = 0;
        int groupStart = start;
        for (int i = start; i <= end; i++) {
            if (i < end && value.charAt(i) != ':') {
                continue;
            }
            int groupLength = i - groupStart;
            if (i == end && mayEndWithIPv4 && containsDot(value, groupStart, end)) {
                if (!isIPv4(value, groupStart, end)) {
                    return -1;
                }
                groups += 2;
            } else {
                if (groupLength < 1 || groupLength > 4 || !allHex(value, groupStart, i)) {
                    return -1;
                }
                groups++;
            }
            groupStart = i + 1;
        }
        return groups;
    }

    private static boolean containsDot(String value, int start, int end) {
        int dot = value.indexOf('.', start);
        return dot >= 0 && dot < end;
    }

    private static boolean allHex(String value, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!GuidFormat.isHexDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Interface names and numeric scope ids, e.g. {@code eth0}, {@code 12}, {@code en0.100}. */
    private static boolean isZoneId(String value, int start, int end) {
        int length = end - start;
        if (length < 1 || length > MAX_ZONE_ID_LENGTH) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c)
                    || c == '.' || c == '_' || c == '-' || c == '~';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
