package io.vigil.detection.threatintel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.AlertHit;
import io.vigil.detection.Evidence;
import io.vigil.detection.Observation;
import io.vigil.detection.config.DetectionConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The alerts of the operator's threat-intelligence lists, judged on one event at a time:
 * IoT_TiConnection for a connection, in either direction, with a remote address on the address list, and
 * IoT_PossibleMalware for a download tool run on a source (a URL's host, a bare host) on the malicious source list.
 * Without lists (the default) neither is raised.
 */
public final class ThreatIntelligence {

    static final AlertHit.AlertDefinition TI_CONNECTION = new AlertHit.AlertDefinition("IoT_TiConnection",
            "Suspicious IP address communication", "Medium", "Communication with a suspicious IP address detected.",
            List.of("Verify whether the device should communicate with this address; if not, block it in the firewall.",
                    "If the communication is not expected, escalate the alert to the information security team."));
    static final AlertHit.AlertDefinition POSSIBLE_MALWARE = new AlertHit.AlertDefinition("IoT_PossibleMalware",
            "Detected file download from a malicious source", "Medium", "Download of a file from a known malware source detected.",
            List.of("Review with the user that ran the command whether this was legitimate activity on the device.",
                    "If not, remove the downloaded file and escalate the alert to the information security team."));

    private final ThreatList addresses;
    private final ThreatList malwareSources;

    public ThreatIntelligence(ThreatList addresses, ThreatList malwareSources) {
        this.addresses = addresses;
        this.malwareSources = malwareSources;
    }

    /** Reads the configured lists; a malformed line throws {@link ThreatListException} and the service does not start. */
    public static ThreatIntelligence load(DetectionConfig config) {
        DetectionConfig.ThreatIntel lists = config.threatIntel();
        return new ThreatIntelligence(read(lists.addressFiles(), false), read(lists.malwareSourceFiles(), true));
    }

    private static ThreatList read(Optional<List<String>> files, boolean domainsAllowed) {
        return files.map(paths -> ThreatList.read(paths.stream().map(Path::of).toList(), domainsAllowed)).orElse(ThreatList.empty());
    }

    public String summary() {
        return addresses.size() + " threat-intelligence address ranges, " + malwareSources.size() + " malicious download sources";
    }

    public List<AlertHit> evaluate(Observation o) {
        if (o.eventName().equals("ConnectionCreate") && !addresses.isEmpty()) {
            return addresses.matchAddress(o.text("RemoteAddress"))
                    .map(match -> List.of(hit(o, TI_CONNECTION, tiEvidence(o, match))))
                    .orElse(List.of());
        }
        if (o.eventName().equals("ProcessCreate") && !malwareSources.isEmpty()) {
            for (DownloadSources.Source source : DownloadSources.of(o.text("CommandLine"))) {
                Optional<ThreatList.Match> match = malwareSources.matchHost(source.host());
                if (match.isPresent()) {
                    ObjectNode evidence = Evidence.extendedProperties(o);
                    evidence.put("URL", source.written());
                    evidence.put("Source Host", source.host());
                    matched(evidence, match.get());
                    return List.of(hit(o, POSSIBLE_MALWARE, evidence));
                }
            }
        }
        return List.of();
    }

    private static ObjectNode tiEvidence(Observation o, ThreatList.Match match) {
        ObjectNode evidence = Evidence.extendedProperties(o);
        evidence.put("Local Address", o.text("LocalAddress"));
        matched(evidence, match);
        return evidence;
    }

    private static void matched(ObjectNode evidence, ThreatList.Match match) {
        evidence.put("Matched Entry", match.entry());
        evidence.put("Threat List", match.file());
    }

    private static AlertHit hit(Observation o, AlertHit.AlertDefinition definition, ObjectNode evidence) {
        return new AlertHit(o.hub(), o.deviceId(), definition, o.time(), evidence, Evidence.entities(o));
    }
}
