package io.vigil.twin.agentconfig;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the agent configurations that live in a twin's desired properties, so an operator learns at once why an
 * agent would refuse a configuration (the agents ignore one that does not fit their schema and keep the old one).
 * <ul>
 * <li>The legacy C and C# agents read one object under either of its two names: the 2019 preview's
 * {@code azureiot*com^securityAgentConfiguration^1*0*0} with plain values, and the later
 * {@code ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration} with every value wrapped as {@code {"value": v}}.</li>
 * <li>The micro agent reads flat desired properties of its module twin ({@code DefenderIotMicroAgent}).</li>
 * </ul>
 * Unknown setting names are refused too: an agent would silently ignore a misspelt one.
 */
public final class AgentConfigurations {

    public static final String PREVIEW_OBJECT = "azureiot*com^securityAgentConfiguration^1*0*0";
    public static final String PNP_OBJECT = "ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration";
    public static final String MICRO_AGENT_MODULE = "DefenderIotMicroAgent";

    private static final Map<String, Setting> LEGACY = index(legacySettings());
    private static final Map<String, Setting> MICRO_AGENT = index(microAgentSettings());

    private AgentConfigurations() {
    }

    /** What is wrong with the agent configuration in these desired properties of this module's twin; empty if nothing. */
    public static List<String> problems(String moduleId, JsonNode desired) {
        List<String> problems = new ArrayList<>();
        JsonNode preview = desired.get(PREVIEW_OBJECT);
        if (preview != null) {
            checkObject(PREVIEW_OBJECT, preview, false, problems);
        }
        JsonNode pnp = desired.get(PNP_OBJECT);
        if (pnp != null) {
            checkObject(PNP_OBJECT, pnp, true, problems);
        }
        if (MICRO_AGENT_MODULE.equals(moduleId)) {
            checkSettings("", desired, MICRO_AGENT, false, problems);
        }
        return problems;
    }

    private static void checkObject(String objectName, JsonNode object, boolean wrapped, List<String> problems) {
        if (!object.isObject()) {
            problems.add(objectName + " must be an object of settings");
            return;
        }
        checkSettings(objectName + ".", object, LEGACY, wrapped, problems);
    }

    private static void checkSettings(String prefix, JsonNode object, Map<String, Setting> known, boolean wrapped, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.startsWith("$")) {
                continue;
            }
            Setting setting = known.get(name);
            if (setting == null) {
                problems.add(prefix + name + " is not a setting of the agent");
                continue;
            }
            JsonNode value = field.getValue();
            if (wrapped) {
                if (!value.isObject() || !value.has("value") || value.size() != 1) {
                    problems.add(prefix + name + " must be {\"value\": ...} in this configuration object");
                    continue;
                }
                value = value.get("value");
            }
            if (!setting.type().accepts(value)) {
                problems.add(prefix + name + " must be " + setting.type().expected() + ", not " + value);
            } else if (setting.type() == SettingType.INTEGER && (value.asLong() < setting.min() || value.asLong() > setting.max())) {
                problems.add(prefix + name + " must be between " + setting.min() + " and " + setting.max() + ", not " + value);
            }
        }
    }

    private static List<Setting> legacySettings() {
        List<Setting> settings = new ArrayList<>();
        for (String name : List.of("highPriorityMessageFrequency", "lowPriorityMessageFrequency", "snapshotFrequency",
                "aggregationIntervalProcessCreate", "aggregationIntervalConnectionCreate", "aggregationIntervalProcessTerminate")) {
            settings.add(Setting.of(name, SettingType.DURATION));
        }
        settings.add(Setting.integer("maxLocalCacheSizeInBytes", 8192, Integer.MAX_VALUE));
        settings.add(Setting.integer("maxMessageSizeInBytes", 8192, 262144));
        for (String event : List.of("ConnectedHardware", "ListeningPorts", "ProcessCreate", "ProcessTerminate", "SystemInformation",
                "LocalUsers", "Login", "ConnectionCreate", "FirewallConfiguration", "OSBaseline", "Diagnostic", "ConfigurationError",
                "DroppedEventsStatistics", "MessageStatistics", "Operational")) {
            settings.add(Setting.of("eventPriority" + event, SettingType.EVENT_PRIORITY));
        }
        for (String name : List.of("aggregationEnabledProcessCreate", "aggregationEnabledConnectionCreate",
                "aggregationEnabledProcessTerminate", "baselineCustomChecksEnabled")) {
            settings.add(Setting.of(name, SettingType.BOOLEAN));
        }
        settings.add(Setting.of("hubResourceId", SettingType.STRING));
        settings.add(Setting.of("baselineCustomChecksFilePath", SettingType.OPTIONAL_STRING));
        settings.add(Setting.of("baselineCustomChecksFileHash", SettingType.OPTIONAL_STRING));
        return settings;
    }

    private static List<Setting> microAgentSettings() {
        List<Setting> settings = new ArrayList<>();
        settings.add(Setting.of("CollectorsCore_PriorityIntervals", SettingType.PRIORITY_INTERVALS));
        for (String collector : List.of("Baseline", "SystemInformation", "SBoM", "Heartbeat", "Login", "NetworkActivity", "Process",
                "LogCollector", "FileSystem", "Peripheral", "Statistics")) {
            settings.add(Setting.of(collector + "_Disabled", SettingType.BOOLEAN));
            settings.add(Setting.of(collector + "_MessageFrequency", SettingType.MESSAGE_FREQUENCY));
        }
        for (String name : List.of("Baseline_GroupsDisabled", "Baseline_ChecksDisabled", "SystemInformation_HardwareVendor",
                "SystemInformation_HardwareModel", "SystemInformation_HardwareSerialNumber", "SystemInformation_FirmwareVendor",
                "SystemInformation_FirmwareVersion", "NetworkActivity_Devices", "FileSystem_Paths")) {
            settings.add(Setting.of(name, SettingType.STRING));
        }
        settings.add(Setting.of("Login_UsePAM", SettingType.BOOLEAN));
        settings.add(Setting.of("FileSystem_Recursive", SettingType.BOOLEAN));
        for (String name : List.of("NetworkActivity_CacheSize", "Process_CacheSize", "FileSystem_CacheSize", "Peripheral_CacheSize",
                "Statistics_CacheSize")) {
            settings.add(Setting.integer(name, 1, 1_000_000));
        }
        settings.add(Setting.integer("NetworkActivity_PacketBufferSize", 1, Integer.MAX_VALUE));
        settings.add(Setting.integer("Process_PollingInterval", 1, Integer.MAX_VALUE));
        settings.add(Setting.integer("Process_Mode", 1, 3));
        settings.add(Setting.integer("IothubModule_MessageTimeout", 1, Integer.MAX_VALUE));
        return settings;
    }

    private static Map<String, Setting> index(List<Setting> settings) {
        Map<String, Setting> byName = new LinkedHashMap<>();
        settings.forEach(setting -> byName.put(setting.name(), setting));
        return Map.copyOf(byName);
    }
}
