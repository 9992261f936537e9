package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** Periodic list of attached hardware (the Windows agent sends it). */
public final class ConnectedHardware extends SnapshotEvent<ConnectedHardware, ConnectedHardware.Device> {

    ConnectedHardware() {
        super("ConnectedHardware", EventType.SECURITY);
    }

    /** Shorthand for adding a device with no extra details. */
    public ConnectedHardware device(String category, String subCategory, String name) {
        return add(Device.of(category, subCategory, name));
    }

    /** One piece of hardware, e.g. {@code Input / Keyboard / USB Keyboard}. */
    public static final class Device extends PayloadItem<Device> {

        private final String category;
        private final String subCategory;
        private final String name;

        private Device(String category, String subCategory, String name) {
            this.category = Objects.requireNonNull(category, "category");
            this.subCategory = Objects.requireNonNull(subCategory, "subCategory");
            this.name = Objects.requireNonNull(name, "name");
        }

        public static Device of(String category, String subCategory, String name) {
            return new Device(category, subCategory, name);
        }

        @Override
        void writeFields(ObjectNode item) {
            item.put("HardwareCategory", category);
            item.put("HardwareSubCategory", subCategory);
            item.put("HardwareName", name);
        }
    }
}
