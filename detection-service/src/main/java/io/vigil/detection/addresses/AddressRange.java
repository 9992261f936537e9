package io.vigil.detection.addresses;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}; a bare address is a range of one). */
public record AddressRange(byte[] network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** @throws IllegalArgumentException naming the value when it is not a range */
    public static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + text));
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR prefix length: " + text);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("the prefix length of " + text + " must be 0 to " + bytes.length * 8);
            }
        }
        return new AddressRange(bytes, prefix);
    }

    /** Whether {@code address} (as the agent reports it) lies in the range; false for anything that is no address. */
    public boolean contains(String address) {
        Optional<byte[]> candidate = literal(address);
        if (candidate.isEmpty() || candidate.get().length != network.length) {
            return false;
        }
        byte[] bytes = candidate.get();
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The address's bytes (4 or 16; IPv4-mapped IPv6 addresses come back as IPv4), empty for anything else. */
    public static Optional<byte[]> address(String text) {
        return literal(text);
    }

    /** The lowest address of the range as an unsigned number (host bits of the written network cleared). */
    public BigInteger first() {
        return new BigInteger(1, network).shiftRight(hostBits()).shiftLeft(hostBits());
    }

    /** The highest address of the range as an unsigned number. */
    public BigInteger last() {
        return first().or(BigInteger.ONE.shiftLeft(hostBits()).subtract(BigInteger.ONE));
    }

    /** Whether this is an IPv6 range (IPv4 and IPv6 addresses never fall in each other's ranges). */
    public boolean isIpv6() {
        return network.length == 16;
    }

    private int hostBits() {
        return network.length * 8 - prefixLength;
    }

    /** Parses only literals: the shapes are checked first so that no text ever becomes a DNS lookup. */
    private static Optional<byte[]> literal(String text) {
        String address = text.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (IPV4.matcher(address).matches()) {
            for (String part : address.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!IPV6.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
