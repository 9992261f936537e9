package io.vigil.detection.hardware;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which ConnectedHardware items are USB or Ethernet, and what a change between two snapshots raises. */
class HardwareChangeTest {

    @ParameterizedTest(name = "{0} / {1} / {2}: usb {3}, ethernet {4}")
    @CsvSource(delimiter = '|', value = {
        "USB|Mass Storage|SanDisk Cruzer Blade|true|false",
        "usb|Hub|Generic 4-Port Hub|true|false",
        "Input|Keyboard|Microsoft Hardware USB Keyboard|true|false",
        "Storage|Disk|Kingston DataTraveler USB Device|true|false",
        "USB|Adapter|Intel(R) USB 3.0 eXtensible Host Controller - 1.0 (Microsoft)|true|false",
        "Network|Adapter|Realtek PCIe GbE Family Controller|false|true",
        "Network|Ethernet|eth0|false|true",
        "Net|Adapter|Intel(R) I210 Gigabit Network Connection|false|true",
        "Network|Adapter|ASIX AX88179 USB 3.0 to Gigabit Ethernet Adapter|true|true",
        "Network|Adapter|Intel(R) Wi-Fi 6 AX201 160MHz|false|false",
        "Network|Wireless|wlan0|false|false",
        "Network|Adapter|Bluetooth Device (Personal Area Network)|false|false",
        "Multimedia|Audio Codecs|msg.acm|false|false",
        "Input|Keyboard|PS/2 Keyboard|false|false",
        "Display|Adapter|Intel(R) HD Graphics 5500|false|false",
        "Modem|Modem|Sierra Wireless EM7455|false|false",
        "Input|Pointing Device|Logitech Busy Mouse|false|false"})
    void classes(String category, String subCategory, String name, boolean usb, boolean ethernet) {
        HardwareItem item = new HardwareItem(category, subCategory, name);
        assertThat(item.isUsb()).as("usb").isEqualTo(usb);
        assertThat(item.isEthernet()).as("ethernet").isEqualTo(ethernet);
    }

    private static final HardwareItem KEYBOARD = new HardwareItem("Input", "Keyboard", "PS/2 Keyboard");
    private static final HardwareItem STICK = new HardwareItem("USB", "Mass Storage", "SanDisk Cruzer Blade");
    private static final HardwareItem NIC = new HardwareItem("Network", "Ethernet", "eth1");
    private static final HardwareItem DONGLE = new HardwareItem("Network", "Adapter", "ASIX AX88179 USB 3.0 to Gigabit Ethernet Adapter");

    @Test
    void appearedAndDisappearedUsbAndEthernetHardwareRaiseTheirAlerts() {
        assertThat(types(Set.of(KEYBOARD), Set.of(KEYBOARD, STICK))).containsExactly("IoT_USBConnection");
        assertThat(types(Set.of(KEYBOARD, STICK), Set.of(KEYBOARD))).containsExactly("IoT_UsbDisconnection");
        assertThat(types(Set.of(KEYBOARD), Set.of(KEYBOARD, NIC))).containsExactly("IoT_EthernetConnection");
        assertThat(types(Set.of(NIC), Set.of())).containsExactly("IoT_EthernetDisconnection");
        assertThat(types(Set.of(KEYBOARD), Set.of(DONGLE))).containsExactly("IoT_USBConnection", "IoT_EthernetConnection");
        assertThat(types(Set.of(STICK), Set.of(NIC))).containsExactly("IoT_EthernetConnection", "IoT_UsbDisconnection");
    }

    @Test
    void unchangedOrOtherHardwareRaisesNothing() {
        assertThat(types(Set.of(KEYBOARD, STICK, NIC), Set.of(NIC, STICK, KEYBOARD))).isEmpty();
        assertThat(types(Set.of(STICK), Set.of(STICK, KEYBOARD))).isEmpty();
        assertThat(types(Set.of(STICK, KEYBOARD), Set.of(STICK))).isEmpty();
        // Another name is another item: a second, different stick is a connection, not a renamed first one.
        assertThat(types(Set.of(STICK), Set.of(STICK, new HardwareItem("USB", "Mass Storage", "Kingston DataTraveler"))))
                .containsExactly("IoT_USBConnection");
    }

    private static List<String> types(Set<HardwareItem> before, Set<HardwareItem> after) {
        return HardwareChange.between(before, after).stream().map(c -> c.alert().alertType()).toList();
    }
}
