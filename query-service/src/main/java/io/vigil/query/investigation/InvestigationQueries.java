package io.vigil.query.investigation;

import io.quarkus.runtime.Startup;
import io.vigil.query.config.QueryConfig;
import io.vigil.query.summaries.SavedQuery;
import io.vigil.query.summaries.SavedQueryCatalog;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The saved queries a device investigation runs, in order ({@code vigil.query.investigation.queries}). Checked at
 * start-up: each must exist and take the {@code device} and {@code hub} parameters.
 */
@ApplicationScoped
@Startup
public class InvestigationQueries {

    private final List<SavedQuery> queries;

    InvestigationQueries(QueryConfig config, SavedQueryCatalog catalog) {
        List<SavedQuery> found = new ArrayList<>();
        for (String name : config.investigation().queries()) {
            SavedQuery query = catalog.find(name).orElseThrow(() -> new IllegalStateException(
                    "vigil.query.investigation.queries names '" + name + "', which is not a saved query"));
            if (!query.declares("device") || !query.declares("hub")) {
                throw new IllegalStateException("investigation query '" + name + "' must declare "
                        + "let device = \"...\"; and let hub = \"...\"; as its parameters");
            }
            found.add(query);
        }
        this.queries = List.copyOf(found);
    }

    public List<SavedQuery> all() {
        return queries;
    }
}
