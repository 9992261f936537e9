package io.vigil.ingest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.ReadinessContract;
import io.vigil.testing.VigilTestResource;

@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class IngestServiceReadinessTest extends ReadinessContract {
}
