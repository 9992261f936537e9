package io.vigil.query.summaries;

import io.vigil.query.kql.KqlCompiler;
import io.vigil.query.kql.KqlLimits;
import io.vigil.query.kql.QueryParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SavedQueryCatalogTest {

    private final KqlCompiler compiler = new KqlCompiler(KqlLimits.defaults());

    @Test
    void theBuiltInsAreTheSeedSummariesAndInvestigations() {
        SavedQueryCatalog catalog = new SavedQueryCatalog(Optional.empty(), compiler);
        assertThat(catalog.all()).extracting(SavedQuery::name).containsExactly("alert-sample-records", "device-summary",
                "hub-summary", "recommendation-sample-records", "recommendation-device-summary",
                "investigation-related-alerts", "investigation-users-with-access", "investigation-open-ports",
                "investigation-user-logins", "investigation-process-list");
        SavedQuery device = catalog.find("device-summary").orElseThrow();
        assertThat(device.title()).startsWith("Number of distinct security alerts");
        assertThat(device.parameters()).containsExactly(new QueryParameter("lookback", "timespan", "7d"));
        assertThat(catalog.find("investigation-process-list").orElseThrow().parameters()).extracting(QueryParameter::name)
                .containsExactly("device", "hub");
        assertThat(catalog.all()).allMatch(q -> q.source().equals("built-in"));
    }

    @Test
    void operatorFilesAddQueriesAndReplaceBuiltInsOfTheSameName(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("failed-logins.kql"), """
                // Failed logins per device
                // over the lookback
                let lookback = 1d;
                SecurityIoTRawEvent | where TimeGenerated > ago(lookback) and RawEventName == "Login" | summarize count() by DeviceId
                """);
        Files.writeString(directory.resolve("hub-summary.kql"), "SecurityAlert | count");
        Files.writeString(directory.resolve("notes.txt"), "not a query");
        SavedQueryCatalog catalog = new SavedQueryCatalog(Optional.of(directory), compiler);
        SavedQuery added = catalog.find("failed-logins").orElseThrow();
        assertThat(added.title()).isEqualTo("Failed logins per device");
        assertThat(added.description()).isEqualTo("over the lookback");
        assertThat(added.source()).endsWith("failed-logins.kql");
        assertThat(catalog.find("hub-summary").orElseThrow().query()).isEqualTo("SecurityAlert | count");
        assertThat(catalog.all()).hasSize(11);
    }

    @Test
    void aBrokenFileStopsTheStartWithItsNameAndPosition(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("broken.kql"), "SecurityAlert\n| where NoSuchColumn == 1");
        assertThatThrownBy(() -> new SavedQueryCatalog(Optional.of(directory), compiler))
                .hasMessageContaining("broken").hasMessageContaining("kql.unknown-column at line 2, column 9");
    }

    @Test
    void namesMustBeUrlFriendly(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("Bad Name.kql"), "SecurityAlert | count");
        assertThatThrownBy(() -> new SavedQueryCatalog(Optional.of(directory), compiler)).hasMessageContaining("must match");
    }
}
