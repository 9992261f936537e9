package io.vigil.query.kql.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map;
import java.util.Optional;

import static io.vigil.query.kql.types.KqlType.BOOL;
import static io.vigil.query.kql.types.KqlType.DATETIME;
import static io.vigil.query.kql.types.KqlType.DYNAMIC;
import static io.vigil.query.kql.types.KqlType.REAL;
import static io.vigil.query.kql.types.KqlType.STRING;

/**
 * The tables a query can read. The built-in catalog describes Vigil's three Log Analytics tables (DDL in
 * contracts/src/main/resources/db/workspace); SQL-only helper columns (record_id, payload_index, agent_id,
 * module_id, and device_id of SecurityAlert) are left out, so KQL cannot see them. SecurityAlert's device_id is
 * still read in their place for {@code tostring(parse_json(ExtendedProperties)["DeviceId"])}, which the seed
 * summaries group by: the table's CHECK constraint keeps the two equal, and reading the column spares parsing the
 * JSON of every alert.
 * <p>
 * Every table also has the standard Azure Monitor columns {@code TenantId}, {@code SourceSystem} ("Azure"),
 * {@code Type} (the table name) and {@code _ResourceId} (the IoT hub's resource id). SecurityIoTRawEvent has no
 * tenant column in SQL; its {@code TenantId} is the constant "".
 */
public final class WorkspaceCatalog {

    private static final WorkspaceCatalog BUILT_IN = new WorkspaceCatalog(List.of(
            securityIoTRawEvent(), securityAlert(), securityRecommendation()));

    private final Map<String, CatalogTable> tables = new LinkedHashMap<>();

    public WorkspaceCatalog(List<CatalogTable> tables) {
        for (CatalogTable table : tables) {
            this.tables.put(table.name(), table);
        }
    }

    public static WorkspaceCatalog builtIn() {
        return BUILT_IN;
    }

    /** The table of this exact (case-sensitive) name. */
    public Optional<CatalogTable> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public List<CatalogTable> tables() {
        return List.copyOf(tables.values());
    }

    private static CatalogTable securityIoTRawEvent() {
        return new CatalogTableBuilder("SecurityIoTRawEvent", "workspace.security_iot_raw_event")
                .constant("TenantId", "")
                .column("TimeGenerated", DATETIME, "time_generated")
                .column("TimeStamp", DATETIME, "time_stamp")
                .column("IoTRawEventId", STRING, "iot_raw_event_id")
                .column("RawEventName", STRING, "raw_event_name")
                .column("RawEventCategory", STRING, "raw_event_category")
                .column("RawEventType", STRING, "raw_event_type")
                .column("IsEmpty", BOOL, "is_empty")
                .nullable("AgentVersion", STRING, "agent_version")
                .column("DeviceId", STRING, "device_id")
                .column("AssociatedResourceId", STRING, "associated_resource_id")
                .nullable("AzureSubscriptionId", STRING, "azure_subscription_id")
                .json("EventDetails", "event_details")
                .constant("SourceSystem", "Azure")
                .constant("Type", "SecurityIoTRawEvent")
                .column("_ResourceId", STRING, "associated_resource_id")
                .build();
    }

    private static CatalogTable securityAlert() {
        return new CatalogTableBuilder("SecurityAlert", "workspace.security_alert")
                .column("TenantId", STRING, "tenant_id")
                .column("TimeGenerated", DATETIME, "time_generated")
                .column("DisplayName", STRING, "display_name")
                .column("AlertName", STRING, "alert_name")
                .column("AlertSeverity", STRING, "alert_severity")
                .column("Description", STRING, "description")
                .column("ProviderName", STRING, "provider_name")
                .column("VendorName", STRING, "vendor_name")
                .column("VendorOriginalId", STRING, "vendor_original_id")
                .column("SystemAlertId", STRING, "system_alert_id")
                .column("ResourceId", STRING, "resource_id")
                .column("SourceComputerId", STRING, "source_computer_id")
                .column("AlertType", STRING, "alert_type")
                .column("ConfidenceLevel", STRING, "confidence_level")
                .nullable("ConfidenceScore", REAL, "confidence_score")
                .column("IsIncident", BOOL, "is_incident")
                .nullable("StartTime", DATETIME, "start_time")
                .nullable("EndTime", DATETIME, "end_time")
                .nullable("ProcessingEndTime", DATETIME, "processing_end_time")
                .json("RemediationSteps", "remediation_steps")
                .json("ExtendedProperties", "extended_properties", Map.of("DeviceId", "device_id"))
                .json("Entities", "entities")
                .constant("SourceSystem", "Azure")
                .column("WorkspaceSubscriptionId", STRING, "workspace_subscription_id")
                .column("WorkspaceResourceGroup", STRING, "workspace_resource_group")
                .column("ExtendedLinks", STRING, "extended_links")
                .column("ProductName", STRING, "product_name")
                .column("ProductComponentName", STRING, "product_component_name")
                .column("AlertLink", STRING, "alert_link")
                .column("Status", STRING, "status")
                .column("CompromisedEntity", STRING, "compromised_entity")
                .column("Tactics", STRING, "tactics")
                .column("Techniques", STRING, "techniques")
                .column("SubTechniques", STRING, "sub_techniques")
                .constant("Type", "SecurityAlert")
                .column("_ResourceId", STRING, "resource_id")
                .build();
    }

    private static CatalogTable securityRecommendation() {
        return new CatalogTableBuilder("SecurityRecommendation", "workspace.security_recommendation")
                .column("TenantId", STRING, "tenant_id")
                .column("TimeGenerated", DATETIME, "time_generated")
                .column("RecommendationId", STRING, "recommendation_id")
                .column("AssessedResourceId", STRING, "assessed_resource_id")
                .column("DeviceId", STRING, "device_id")
                .column("RecommendationName", STRING, "recommendation_name")
                .column("RecommendationDisplayName", STRING, "recommendation_display_name")
                .column("Description", STRING, "description")
                .column("RecommendationSeverity", STRING, "recommendation_severity")
                .column("RecommendationState", STRING, "recommendation_state")
                .column("RecommendationAdditionalData", DYNAMIC, "recommendation_additional_data")
                .column("DiscoveredTimeUTC", DATETIME, "discovered_time_utc")
                .nullable("ResolvedTimeUTC", DATETIME, "resolved_time_utc")
                .column("ProviderName", STRING, "provider_name")
                .column("PolicyDefinitionId", STRING, "policy_definition_id")
                .column("Properties", DYNAMIC, "properties")
                .column("Environment", STRING, "environment")
                .nullable("FirstEvaluationDate", DATETIME, "first_evaluation_date")
                .nullable("StatusChangeDate", DATETIME, "status_change_date")
                .column("IsSnapshot", BOOL, "is_snapshot")
                .column("ResourceRegion", STRING, "resource_region")
                .constant("SourceSystem", "Azure")
                .constant("Type", "SecurityRecommendation")
                .column("_ResourceId", STRING, "assessed_resource_id")
                .build();
    }
}
