package io.vigil.detection.addresses;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressRangeTest {

    @Test
    void rangesHoldTheirAddressesOnly() {
        AddressRange ten = AddressRange.parse("10.0.0.0/8");
        assertThat(ten.contains("10.255.1.2")).isTrue();
        assertThat(ten.contains("11.0.0.1")).isFalse();
        assertThat(AddressRange.parse("192.168.1.0/25").contains("192.168.1.127")).isTrue();
        assertThat(AddressRange.parse("192.168.1.0/25").contains("192.168.1.128")).isFalse();
        assertThat(AddressRange.parse("203.0.113.7").contains("203.0.113.7")).isTrue();
        assertThat(AddressRange.parse("203.0.113.7").contains("203.0.113.8")).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains("198.51.100.1")).isTrue();
        AddressRange doc = AddressRange.parse("2001:db8::/32");
        assertThat(doc.contains("2001:db8:1::5")).isTrue();
        assertThat(doc.contains("[2001:db8::1]")).isTrue();
        assertThat(doc.contains("2001:db9::1")).isFalse();
        assertThat(doc.contains("10.0.0.1")).as("another family").isFalse();
    }

    @Test
    void anythingButALiteralIsNoAddressAndNeverALookup() {
        assertThat(AddressRange.parse("10.0.0.0/8").contains("localhost")).isFalse();
        assertThat(AddressRange.parse("10.0.0.0/8").contains("")).isFalse();
        assertThat(AddressRange.parse("10.0.0.0/8").contains("10.0.0.256")).isFalse();
        assertThatThrownBy(() -> AddressRange.parse("cafe")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).hasMessageContaining("not a CIDR prefix");
        assertThatThrownBy(() -> AddressRange.parse("::/129")).hasMessageContaining("must be 0 to 128");
    }
}
