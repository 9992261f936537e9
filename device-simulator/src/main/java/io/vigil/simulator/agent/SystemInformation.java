package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Periodic description of the device: operating system, host name, memory. Every field is optional. */
public final class SystemInformation extends AgentEvent<SystemInformation> {

    private final ExtraDetails extraDetails = new ExtraDetails();
    private String osName;
    private String osVersion;
    private String osVendor;
    private String osArchitecture;
    private String hostName;
    private String biosVersion;
    private String bootDevice;
    private Long totalPhysicalMemoryKb;
    private Long freePhysicalMemoryKb;
    private Long totalVirtualMemoryKb;
    private Long freeVirtualMemoryKb;

    SystemInformation() {
        super("SystemInformation", EventType.SECURITY);
    }

    public SystemInformation os(String name, String version, String vendor, String architecture) {
        this.osName = name;
        this.osVersion = version;
        this.osVendor = vendor;
        this.osArchitecture = architecture;
        return this;
    }

    public SystemInformation hostName(String hostName) {
        this.hostName = hostName;
        return this;
    }

    public SystemInformation firmware(String biosVersion, String bootDevice) {
        this.biosVersion = biosVersion;
        this.bootDevice = bootDevice;
        return this;
    }

    public SystemInformation physicalMemoryKb(long total, long free) {
        this.totalPhysicalMemoryKb = total;
        this.freePhysicalMemoryKb = free;
        return this;
    }

    public SystemInformation virtualMemoryKb(long total, long free) {
        this.totalVirtualMemoryKb = total;
        this.freeVirtualMemoryKb = free;
        return this;
    }

    public SystemInformation extra(String key, String value) {
        extraDetails.put(key, value);
        return this;
    }

    @Override
    public EventCategory category() {
        return EventCategory.PERIODIC;
    }

    @Override
    List<ObjectNode> payloadItems(EventContext context) {
        ObjectNode item = NODES.objectNode();
        putIfSet(item, "OSName", osName);
        putIfSet(item, "OSVersion", osVersion);
        putIfSet(item, "OSVendor", osVendor);
        putIfSet(item, "OsArchitecture", osArchitecture);
        putIfSet(item, "HostName", hostName);
        putIfSet(item, "BIOSVersion", biosVersion);
        putIfSet(item, "BootDevice", bootDevice);
        putIfSet(item, "TotalPhysicalMemoryInKB", totalPhysicalMemoryKb);
        putIfSet(item, "FreePhysicalMemoryInKB", freePhysicalMemoryKb);
        putIfSet(item, "TotalVirtualMemoryInKB", totalVirtualMemoryKb);
        putIfSet(item, "FreeVirtualMemoryInKB", freeVirtualMemoryKb);
        extraDetails.writeTo(item);
        return List.of(item);
    }

    private static void putIfSet(ObjectNode item, String field, Long value) {
        if (value != null) {
            item.put(field, value);
        }
    }
}
