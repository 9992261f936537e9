package io.vigil.detection.hardware;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One item of a ConnectedHardware snapshot, as the agent names it ({@code HardwareCategory},
 * {@code HardwareSubCategory}, {@code HardwareName}); two items are the same hardware when all three are equal.
 * <ul>
 * <li>USB: the category is {@code USB}, or the word USB is in the sub-category or the name ("Microsoft Hardware USB
 * Keyboard" is category Input but arrived over USB).</li>
 * <li>Ethernet: the word Ethernet (or GbE) is in any of the three, or the category is {@code Network} (or {@code Net})
 * and nothing names it wireless (Wi-Fi, WLAN, 802.11, Bluetooth, cellular, ...).</li>
 * </ul>
 * A USB Ethernet adapter is both.
 */
record HardwareItem(String category, String subCategory, String name) {

    private static final Pattern USB = Pattern.compile("\\busb\\b");
    private static final Pattern ETHERNET = Pattern.compile("\\b(ethernet|gbe)\\b");
    private static final Pattern WIRELESS = Pattern.compile(
            "wi-?fi|wireless|wlan|802\\.11|bluetooth|cellular|mobile broadband|\\blte\\b|\\bwwan\\b|\\bmodem\\b");

    static HardwareItem of(JsonNode item) {
        return new HardwareItem(text(item, "HardwareCategory"), text(item, "HardwareSubCategory"), text(item, "HardwareName"));
    }

    boolean isUsb() {
        return category.equalsIgnoreCase("USB") || USB.matcher(lower(subCategory + " " + name)).find();
    }

    boolean isEthernet() {
        String all = lower(category + " " + subCategory + " " + name);
        if (ETHERNET.matcher(all).find()) {
            return true;
        }
        return (category.equalsIgnoreCase("Network") || category.equalsIgnoreCase("Net")) && !WIRELESS.matcher(all).find();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
