package io.vigil.twin.agentconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agents' configurations in both object names and value styles, and the micro agent's flat settings. */
class AgentConfigurationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bothGenerationsOfTheLegacyObjectAreAccepted() throws Exception {
        JsonNode pnp = JSON.readTree("""
                {"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration": {
                  "highPriorityMessageFrequency": {"value": "PT7M"}, "lowPriorityMessageFrequency": {"value": "PT5H"},
                  "snapshotFrequency": {"value": "PT13H"}, "maxLocalCacheSizeInBytes": {"value": 2560000},
                  "maxMessageSizeInBytes": {"value": 204800}, "eventPriorityListeningPorts": {"value": "High"},
                  "eventPriorityDiagnostic": {"value": "off"}, "aggregationEnabledProcessCreate": {"value": true},
                  "aggregationIntervalConnectionCreate": {"value": "P1DT2H"}, "hubResourceId": {"value": "/subscriptions/s/x"},
                  "baselineCustomChecksFilePath": {"value": null}}}
                """);
        JsonNode preview = JSON.readTree("""
                {"azureiot*com^securityAgentConfiguration^1*0*0": {
                  "highPriorityMessageFrequency": "PT7M", "snapshotFrequency": "PT0.5S", "eventPriorityLogin": "High",
                  "maxMessageSizeInBytes": 8192}}
                """);
        assertThat(AgentConfigurations.problems("azureiotsecurity", pnp)).isEmpty();
        assertThat(AgentConfigurations.problems("azureiotsecurity", preview)).isEmpty();
        assertThat(AgentConfigurations.problems("anything", JSON.readTree("{\"unrelated\": {\"a\": 1}}"))).isEmpty();
    }

    @Test
    void eachWrongSettingIsNamedWithWhatItMustBe() throws Exception {
        JsonNode desired = JSON.readTree("""
                {"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration": {
                  "highPriorityMessageFrequency": {"value": "7 minutes"},
                  "maxMessageSizeInBytes": {"value": 300000},
                  "maxLocalCacheSizeInBytes": {"value": "big"},
                  "eventPriorityLogin": {"value": "Urgent"},
                  "eventPriorityListeningPorts": "High",
                  "snapshotFrequncy": {"value": "PT1H"},
                  "aggregationEnabledProcessCreate": {"value": "yes"},
                  "lowPriorityMessageFrequency": {"value": "PT"}}}
                """);
        List<String> problems = AgentConfigurations.problems("azureiotsecurity", desired);
        String object = AgentConfigurations.PNP_OBJECT + ".";
        assertThat(problems).containsExactlyInAnyOrder(
                object + "highPriorityMessageFrequency must be an ISO 8601 duration such as PT7M, not \"7 minutes\"",
                object + "maxMessageSizeInBytes must be between 8192 and 262144, not 300000",
                object + "maxLocalCacheSizeInBytes must be an integer, not \"big\"",
                object + "eventPriorityLogin must be Off, Low or High, not \"Urgent\"",
                object + "eventPriorityListeningPorts must be {\"value\": ...} in this configuration object",
                object + "snapshotFrequncy is not a setting of the agent",
                object + "aggregationEnabledProcessCreate must be true or false, not \"yes\"",
                object + "lowPriorityMessageFrequency must be an ISO 8601 duration such as PT7M, not \"PT\"");
        assertThat(AgentConfigurations.problems("m", JSON.readTree("{\"" + AgentConfigurations.PREVIEW_OBJECT + "\": 5}")))
                .containsExactly(AgentConfigurations.PREVIEW_OBJECT + " must be an object of settings");
    }

    @Test
    void theMicroAgentModuleTwinHoldsFlatSettings() throws Exception {
        JsonNode good = JSON.readTree("""
                {"CollectorsCore_PriorityIntervals": "30,120,1440", "Process_Mode": 2, "Login_UsePAM": false,
                 "NetworkActivity_MessageFrequency": "Medium", "Baseline_Disabled": true, "FileSystem_Paths": "/etc",
                 "$version": 3, "$metadata": {}}
                """);
        assertThat(AgentConfigurations.problems(AgentConfigurations.MICRO_AGENT_MODULE, good)).isEmpty();
        JsonNode bad = JSON.readTree("""
                {"CollectorsCore_PriorityIntervals": "30,120", "Process_Mode": 4, "Login_MessageFrequency": "Off", "Proces_Disabled": true}
                """);
        assertThat(AgentConfigurations.problems(AgentConfigurations.MICRO_AGENT_MODULE, bad)).containsExactlyInAnyOrder(
                "CollectorsCore_PriorityIntervals must be three whole numbers of minutes, high,medium,low, such as 30,120,1440, not \"30,120\"",
                "Process_Mode must be between 1 and 3, not 4",
                "Login_MessageFrequency must be Low, Medium or High, not \"Off\"",
                "Proces_Disabled is not a setting of the agent");
        // Flat settings on another module's twin are that module's business.
        assertThat(AgentConfigurations.problems("azureiotsecurity", bad)).isEmpty();
    }
}
