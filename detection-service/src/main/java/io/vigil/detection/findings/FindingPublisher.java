package io.vigil.detection.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.contracts.findings.FindingFeed;
import io.vigil.contracts.findings.RecommendationNotice;
import io.vigil.contracts.hub.HubResourceId;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Publishes alert and recommendation notices on the findings topics, after they are committed. */
@ApplicationScoped
public class FindingPublisher {

    private final ObjectMapper mapper;

    FindingPublisher(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Future<Void> publish(BiFunction<String, byte[], Future<Void>> broker, List<AlertNotice> alerts,
                                List<RecommendationNotice> recommendations) {
        List<Future<Void>> publications = new ArrayList<>();
        for (AlertNotice alert : alerts) {
            if (alert.deviceId().isEmpty()) {
                // A hub-wide alert (a certificate or diagnostic-setting change) concerns no device: no twin carries it.
                continue;
            }
            publications.add(broker.apply(FindingFeed.alertTopic(hubName(alert.hub()), alert.deviceId()), json(alert)));
        }
        for (RecommendationNotice recommendation : recommendations) {
            publications.add(broker.apply(FindingFeed.recommendationTopic(hubName(recommendation.hub()), recommendation.deviceId()),
                    json(recommendation)));
        }
        return Future.all(publications).mapEmpty();
    }

    private static String hubName(String hub) {
        return HubResourceId.parse(hub).hubName();
    }

    private byte[] json(Object notice) {
        try {
            return mapper.writeValueAsBytes(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notice could not be written as JSON", e);
        }
    }
}
