package io.vigil.detection.threatintel;

import io.vigil.detection.addresses.AddressRange;
import io.vigil.detection.addresses.AddressSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading threat-intelligence list files and looking addresses and hosts up in them. */
class ThreatListTest {

    @Test
    void addressesRangesCommentsAndBlankLines(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("ti.txt"), """
                # botnet controllers
                203.0.113.66
                198.51.100.0/24   # a whole hosting range

                2001:db8:bad::/48
                ::ffff:192.0.2.9
                """);
        ThreatList list = ThreatList.read(List.of(file), false);
        assertThat(list.matchAddress("203.0.113.66")).get().satisfies(m -> {
            assertThat(m.entry()).isEqualTo("203.0.113.66");
            assertThat(m.file()).isEqualTo(file.toString());
        });
        assertThat(list.matchAddress("203.0.113.67")).isEmpty();
        assertThat(list.matchAddress("198.51.100.200")).get().extracting(ThreatList.Match::entry).isEqualTo("198.51.100.0/24");
        assertThat(list.matchAddress("198.51.101.1")).isEmpty();
        assertThat(list.matchAddress("2001:db8:bad:1::5")).get().extracting(ThreatList.Match::entry).isEqualTo("2001:db8:bad::/48");
        assertThat(list.matchAddress("2001:db8:bae::5")).isEmpty();
        // IPv4-mapped IPv6, as dual-stack sockets report IPv4 peers, is the IPv4 address.
        assertThat(list.matchAddress("::ffff:203.0.113.66")).isPresent();
        assertThat(list.matchAddress("192.0.2.9")).isPresent();
        assertThat(list.matchAddress("")).isEmpty();
        assertThat(list.matchAddress("?")).isEmpty();
        assertThat(list.matchAddress("evil.example")).isEmpty();
    }

    @Test
    void aMalformedLineRefusesTheListWithFileLineAndReason(@TempDir Path folder) throws Exception {
        Path bad = Files.writeString(folder.resolve("bad.txt"), "203.0.113.66\n# fine\n10.0.0.0/33\n");
        assertThatThrownBy(() -> ThreatList.read(List.of(bad), false)).isInstanceOf(ThreatListException.class)
                .hasMessage("threat list " + bad + ", line 3: the prefix length of 10.0.0.0/33 must be 0 to 32");
        Path typo = Files.writeString(folder.resolve("typo.txt"), "203.0.113\n");
        assertThatThrownBy(() -> ThreatList.read(List.of(typo), false))
                .hasMessage("threat list " + typo + ", line 1: not an IP or CIDR range: 203.0.113".replace("IP or", "IP address or"));
        Path domain = Files.writeString(folder.resolve("domain.txt"), "1.2.3.4\nevil.example\n");
        assertThatThrownBy(() -> ThreatList.read(List.of(domain), false))
                .hasMessage("threat list " + domain + ", line 2: not an IP address or CIDR range: evil.example");
        Path word = Files.writeString(folder.resolve("word.txt"), "evil.example\nnot a domain\n");
        assertThatThrownBy(() -> ThreatList.read(List.of(word), true))
                .hasMessage("threat list " + word + ", line 2: not an IP address, CIDR range or domain name: not a domain");
        assertThatThrownBy(() -> ThreatList.read(List.of(folder.resolve("missing.txt")), false))
                .hasMessageStartingWith("threat list " + folder.resolve("missing.txt") + ": cannot read");
    }

    @Test
    void domainsMatchThemselvesAndTheirSubdomainsOnly(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("sources.txt"), "Evil.Example.\n203.0.113.0/28\n");
        ThreatList list = ThreatList.read(List.of(file), true);
        assertThat(list.matchHost("evil.example")).get().extracting(ThreatList.Match::entry).isEqualTo("Evil.Example.");
        assertThat(list.matchHost("dl.cdn.EVIL.example")).isPresent();
        assertThat(list.matchHost("notevil.example")).isEmpty();
        assertThat(list.matchHost("evil.example.org")).isEmpty();
        assertThat(list.matchHost("example")).isEmpty();
        assertThat(list.matchHost("203.0.113.15")).isPresent();
        assertThat(list.matchHost("203.0.113.16")).isEmpty();
    }

    @Test
    void nestedRangesAreLookedUpAsTheWidestAndEveryEdgeHolds() {
        AddressSet<String> set = AddressSet.of(List.of(entry("10.1.0.0/16"), entry("10.0.0.0/8"), entry("10.2.3.4"),
                entry("11.0.0.0/8"), entry("0.0.0.0/32"), entry("255.255.255.255")));
        assertThat(set.size()).isEqualTo(4);
        assertThat(set.find("10.2.0.0")).contains("10.0.0.0/8");
        assertThat(set.find("10.1.2.3")).contains("10.0.0.0/8");
        assertThat(set.find("11.255.255.255")).contains("11.0.0.0/8");
        assertThat(set.find("12.0.0.0")).isEmpty();
        assertThat(set.find("9.255.255.255")).isEmpty();
        assertThat(set.find("0.0.0.0")).contains("0.0.0.0/32");
        assertThat(set.find("255.255.255.255")).contains("255.255.255.255");
        assertThat(set.find("0.0.0.1")).isEmpty();
    }

    @Test
    void aLargeListAgreesWithAScanOfEveryRange() {
        Random random = new Random(42);
        List<AddressSet.Entry<String>> entries = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String text = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)
                    + "/" + (16 + random.nextInt(17));
            entries.add(entry(text));
            AddressRange range = AddressRange.parse(text);
            ranges.add(new long[] {range.first().longValueExact(), range.last().longValueExact()});
        }
        AddressSet<String> set = AddressSet.of(entries);
        for (int i = 0; i < 2_000; i++) {
            String address = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            long number = new BigInteger(1, AddressRange.address(address).orElseThrow()).longValueExact();
            boolean listed = ranges.stream().anyMatch(r -> r[0] <= number && number <= r[1]);
            assertThat(set.find(address)).as(address).matches(found -> found.isPresent() == listed);
            set.find(address).ifPresent(found -> assertThat(AddressRange.parse(found).contains(address)).isTrue());
        }
    }

    private static AddressSet.Entry<String> entry(String text) {
        return new AddressSet.Entry<>(AddressRange.parse(text), text);
    }
}
