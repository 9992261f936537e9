package io.vigil.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "10.228.100.167", "255.255.255.255", "1.2.3.4", "192.168.0.10"})
    void acceptsIPv4(String address) {
        assertThat(IpAddressFormat.isIPv4(address)).isTrue();
        assertThat(IpAddressFormat.isIpAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "::ffff:c000:0280", "::ffff:192.0.2.128", "2001:db8::8a2e:370:7334",
        "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::1%eth0", "fe80::1%12", "FE80::ABCD", "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "64:ff9b::10.0.0.1", "::0.0.0.0"})
    void acceptsIPv6(String address) {
        assertThat(IpAddressFormat.isIPv6(address)).isTrue();
        assertThat(IpAddressFormat.isIpAddress(address)).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1..3.4", "1.2.3.4.",
        ".1.2.3", "1.2.3.-4", "1.2.3.4 ", "1234.1.1.1", "a.b.c.d", "localhost", "example.org", "10.0.0.1/24",
        "10.0.0.1:80", "*", "-", "[::]", "[::1]", ":", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3",
        "12345::1", "g::1", ":1::", "1::2:", "1.2.3.4::", "1.2.3.4::1", "::1.2.3", "::256.1.1.1",
        "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%", "fe80::1%eth 0", "%eth0", "::1/128"})
    void rejectsEverythingElse(String address) {
        assertThat(IpAddressFormat.isIpAddress(address)).isFalse();
    }
}
