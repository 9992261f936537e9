package io.vigil.detection.threatintel;

import io.vigil.detection.addresses.AddressRange;
import io.vigil.detection.addresses.AddressSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An operator's threat-intelligence list, read from plain text files: one entry a line, an IPv4 or IPv6 address, a
 * CIDR range or (where domains are allowed) a domain name; {@code #} starts a comment, blank lines are skipped.
 * A line that is none of these refuses the whole list with the file, the line number and the reason, so a typo
 * cannot quietly drop an entry.
 */
public final class ThreatList {

    /** Which listed entry matched, and the file it came from (evidence for the alert). */
    public record Match(String entry, String file) {
    }

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final ThreatList EMPTY = new ThreatList(AddressSet.of(List.of()), Map.of());

    private final AddressSet<Match> addresses;
    private final Map<String, Match> domains;

    private ThreatList(AddressSet<Match> addresses, Map<String, Match> domains) {
        this.addresses = addresses;
        this.domains = domains;
    }

    public static ThreatList empty() {
        return EMPTY;
    }

    /** Reads the files; {@code domainsAllowed} is false for lists of addresses only. */
    public static ThreatList read(List<Path> files, boolean domainsAllowed) {
        List<AddressSet.Entry<Match>> ranges = new ArrayList<>();
        Map<String, Match> domains = new HashMap<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ThreatListException(file.toString(), 0, "cannot read: " + e.getMessage());
            }
            for (int number = 1; number <= lines.size(); number++) {
                String line = lines.get(number - 1);
                int comment = line.indexOf('#');
                String entry = (comment < 0 ? line : line.substring(0, comment)).strip();
                if (entry.isEmpty()) {
                    continue;
                }
                Match match = new Match(entry, file.toString());
                if (looksLikeAddress(entry)) {
                    try {
                        ranges.add(new AddressSet.Entry<>(AddressRange.parse(entry), match));
                    } catch (IllegalArgumentException e) {
                        throw new ThreatListException(file.toString(), number, e.getMessage());
                    }
                } else if (domainsAllowed && DOMAIN.matcher(domain(entry)).matches()) {
                    domains.putIfAbsent(domain(entry), match);
                } else {
                    throw new ThreatListException(file.toString(), number, domainsAllowed
                            ? "not an IP address, CIDR range or domain name: " + entry
                            : "not an IP address or CIDR range: " + entry);
                }
            }
        }
        return new ThreatList(AddressSet.of(ranges), Map.copyOf(domains));
    }

    /** Address ranges left after nested ones were merged into their wider range, plus domains. */
    public int size() {
        return addresses.size() + domains.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The listed range holding an address literal. */
    public Optional<Match> matchAddress(String address) {
        return addresses.find(address);
    }

    /** A host as written in a URL or command: an address literal, or a domain listed itself or by a parent domain. */
    public Optional<Match> matchHost(String host) {
        Optional<Match> byAddress = addresses.find(host);
        if (byAddress.isPresent() || domains.isEmpty()) {
            return byAddress;
        }
        String name = domain(host);
        for (int dot = -1; ; dot = name.indexOf('.', dot + 1)) {
            Match match = domains.get(name.substring(dot + 1));
            if (match != null) {
                return Optional.of(match);
            }
            if (name.indexOf('.', dot + 1) < 0) {
                return Optional.empty();
            }
        }
    }

    /** Digits, dots and colons only (and a prefix length): meant as an address, so judged as one. */
    private static boolean looksLikeAddress(String entry) {
        return entry.matches("[0-9A-Fa-f:.\\[\\]]*(/\\d*)?") && (entry.contains(":") || entry.matches("[0-9./]+"));
    }

    private static String domain(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
