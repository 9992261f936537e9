package io.vigil.detection.recommendations;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the latest snapshot says about one recommendation: whether the problem is there, and its details
 * ({@code RecommendationAdditionalData}, and the twin tag's {@code details}).
 */
public record Assessment(RecommendationType type, boolean active, ObjectNode details) {
}
