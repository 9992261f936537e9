package io.vigil.query.kql;

import io.vigil.query.kql.support.KqlCase;
import io.vigil.query.kql.support.KqlCaseFile;
import io.vigil.query.kql.support.KqlCaseRunner;
import io.vigil.query.kql.support.KqlTestDatabase;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs every case of {@code src/test/resources/kql/cases/*.kqltest} against a real PostgreSQL holding the fixture
 * rows of {@code kql/fixtures.sql}, and compares with the hand-computed expected tables.
 */
class KqlExecutionCorpusTest {

    @TestFactory
    Stream<DynamicNode> corpus() throws IOException, URISyntaxException {
        Path directory = Path.of(KqlExecutionCorpusTest.class.getClassLoader().getResource("kql/cases").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.toString().endsWith(".kqltest")).sorted().toList();
        }
        return files.stream().map(file -> {
            String name = file.getFileName().toString();
            List<KqlCase> cases = KqlCaseFile.parse(name, KqlTestDatabase.resource("kql/cases/" + name));
            return DynamicContainer.dynamicContainer(name, cases.stream()
                    .map(kqlCase -> DynamicTest.dynamicTest(kqlCase.name(), () -> KqlCaseRunner.run(kqlCase))));
        });
    }
}
