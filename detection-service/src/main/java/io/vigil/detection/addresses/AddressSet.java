package io.vigil.detection.addresses;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A large set of address ranges, each with a label (what the operator wrote, and where), looked up by binary search
 * over sorted, disjoint ranges: a list of a million entries costs about twenty comparisons per address.
 * CIDR ranges never overlap partly, only nest; a range inside another listed range is dropped at build time, so a
 * lookup names the widest listed range holding the address.
 */
public final class AddressSet<L> {

    /** One listed range and its label. */
    public record Entry<L>(AddressRange range, L label) {
    }

    private final Family<L> ipv4;
    private final Family<L> ipv6;

    private AddressSet(Family<L> ipv4, Family<L> ipv6) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }

    public static <L> AddressSet<L> of(List<Entry<L>> entries) {
        return new AddressSet<>(Family.of(entries.stream().filter(e -> !e.range().isIpv6()).toList()),
                Family.of(entries.stream().filter(e -> e.range().isIpv6()).toList()));
    }

    /** How many disjoint ranges are left after nested ones were dropped. */
    public int size() {
        return ipv4.starts.length + ipv6.starts.length;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The label of the listed range holding the address; empty when none does or the text is no address literal. */
    public Optional<L> find(String address) {
        return AddressRange.address(address).flatMap(bytes -> (bytes.length == 4 ? ipv4 : ipv6).find(new BigInteger(1, bytes)));
    }

    private static final class Family<L> {
        private final BigInteger[] starts;
        private final BigInteger[] ends;
        private final List<L> labels;

        private Family(BigInteger[] starts, BigInteger[] ends, List<L> labels) {
            this.starts = starts;
            this.ends = ends;
            this.labels = labels;
        }

        static <L> Family<L> of(List<Entry<L>> entries) {
            // Widest first among ranges that start together, so that the ones nested in it are the ones skipped.
            List<Entry<L>> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparing((Entry<L> e) -> e.range().first())
                    .thenComparing(e -> e.range().last(), Comparator.reverseOrder()));
            List<BigInteger> starts = new ArrayList<>();
            List<BigInteger> ends = new ArrayList<>();
            List<L> labels = new ArrayList<>();
            for (Entry<L> entry : sorted) {
                BigInteger first = entry.range().first();
                if (!ends.isEmpty() && first.compareTo(ends.get(ends.size() - 1)) <= 0) {
                    continue;
                }
                starts.add(first);
                ends.add(entry.range().last());
                labels.add(entry.label());
            }
            return new Family<>(starts.toArray(BigInteger[]::new), ends.toArray(BigInteger[]::new), List.copyOf(labels));
        }

        Optional<L> find(BigInteger address) {
            int low = 0;
            int high = starts.length - 1;
            int candidate = -1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                if (starts[middle].compareTo(address) <= 0) {
                    candidate = middle;
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            }
            return candidate >= 0 && ends[candidate].compareTo(address) >= 0 ? Optional.of(labels.get(candidate)) : Optional.empty();
        }
    }
}
