package io.vigil.query.summaries;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.query.kql.QueryParameter;

import java.util.List;

/**
 * A named KQL query kept by the service: the seed summaries, the investigations, and any an operator adds. Its
 * parameters are its leading {@code let name = <literal>;} statements; its title and description its leading
 * comment lines.
 *
 * @param source where it was read from: {@code built-in} or the operator's file
 */
@RegisterForReflection
public record SavedQuery(String name, String title, String description, List<QueryParameter> parameters,
                         String query, String source) {

    public SavedQuery {
        parameters = List.copyOf(parameters);
    }

    public boolean declares(String parameter) {
        return parameters.stream().anyMatch(p -> p.name().equals(parameter));
    }
}
