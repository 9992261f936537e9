package io.vigil.detection.hardware;

import io.vigil.detection.AlertHit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What changed between two consecutive snapshots of a device: items that appeared and that disappeared, and their alerts. */
record HardwareChange(HardwareItem item, AlertHit.AlertDefinition alert) {

    static final AlertHit.AlertDefinition USB_CONNECTED = definition("IoT_USBConnection", "New USB Connection",
            "A USB device connection was detected. This may indicate malicious activity.");
    static final AlertHit.AlertDefinition USB_DISCONNECTED = definition("IoT_UsbDisconnection", "USB Disconnection",
            "A USB device disconnection was detected. This may indicate malicious activity.");
    static final AlertHit.AlertDefinition ETHERNET_CONNECTED = definition("IoT_EthernetConnection", "New Ethernet Connection",
            "A new Ethernet connection was detected. This may indicate malicious activity.");
    static final AlertHit.AlertDefinition ETHERNET_DISCONNECTED = definition("IoT_EthernetDisconnection", "Ethernet Disconnection",
            "A new Ethernet disconnection was detected. This may indicate malicious activity.");

    /** The changes from {@code before} to {@code after}; hardware that is neither USB nor Ethernet raises nothing. */
    static List<HardwareChange> between(Set<HardwareItem> before, Set<HardwareItem> after) {
        List<HardwareChange> changes = new ArrayList<>();
        for (HardwareItem added : difference(after, before)) {
            if (added.isUsb()) {
                changes.add(new HardwareChange(added, USB_CONNECTED));
            }
            if (added.isEthernet()) {
                changes.add(new HardwareChange(added, ETHERNET_CONNECTED));
            }
        }
        for (HardwareItem removed : difference(before, after)) {
            if (removed.isUsb()) {
                changes.add(new HardwareChange(removed, USB_DISCONNECTED));
            }
            if (removed.isEthernet()) {
                changes.add(new HardwareChange(removed, ETHERNET_DISCONNECTED));
            }
        }
        return changes;
    }

    private static Set<HardwareItem> difference(Set<HardwareItem> a, Set<HardwareItem> b) {
        Set<HardwareItem> result = new LinkedHashSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static AlertHit.AlertDefinition definition(String type, String displayName, String description) {
        return new AlertHit.AlertDefinition(type, displayName, "High", description, List.of(
                "Make sure the hardware change was authorised and made by someone with physical access to the device.",
                "If it was not, escalate the alert to the information security team."));
    }
}
