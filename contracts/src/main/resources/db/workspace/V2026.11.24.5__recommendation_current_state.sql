-- SecurityRecommendation holds each recommendation's current record: one row per hub, device and recommendation,
-- replaced when its state changes. The reference's own query takes arg_max(RecommendationState, ...) per device
-- and recommendation, which maximises the state text ("Resolved" > "Active"); over an append-only history a
-- recommendation that came back after being resolved would read as resolved. Its history of changes is kept by
-- detection-service (detection.recommendation_change).
SELECT pg_advisory_xact_lock(7311001);

CREATE UNIQUE INDEX IF NOT EXISTS security_recommendation_current
    ON workspace.security_recommendation (assessed_resource_id, device_id, recommendation_name);
