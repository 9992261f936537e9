package io.vigil.query.summaries;

import io.quarkus.runtime.Startup;
import io.vigil.query.config.QueryConfig;
import io.vigil.query.execution.QueryExecutor;
import io.vigil.query.kql.KqlCompiler;
import io.vigil.query.kql.KqlException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The saved queries: the built-in ones (classpath {@code summaries/}, listed in {@code built-in.list}) and the
 * operator's {@code *.kql} files of {@code vigil.query.summaries.directory}, where a file named like a built-in
 * replaces it. Every query is compiled at start-up, so a broken file stops the service with its name and the
 * position of the problem instead of failing later for whoever runs it.
 */
@ApplicationScoped
@Startup
public class SavedQueryCatalog {

    private static final Logger LOG = Logger.getLogger(SavedQueryCatalog.class);
    private static final String BUILT_IN = "summaries/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Map<String, SavedQuery> queries;

    @Inject
    SavedQueryCatalog(QueryConfig config, QueryExecutor executor) {
        this(config.summaries().directory(), executor.compiler());
    }

    SavedQueryCatalog(Optional<Path> operatorDirectory, KqlCompiler compiler) {
        Map<String, SavedQuery> loaded = new LinkedHashMap<>();
        for (String name : builtInNames()) {
            loaded.put(name, checked(SavedQueryText.parse(name, resource(BUILT_IN + name + ".kql"), "built-in", compiler), compiler));
        }
        operatorDirectory.ifPresent(directory -> {
            for (Path file : operatorFiles(directory)) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - ".kql".length());
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalStateException("saved query file " + file + ": the name must match " + NAME.pattern());
                }
                SavedQuery query = checked(SavedQueryText.parse(name, read(file), file.toString(), compiler), compiler);
                if (loaded.containsKey(name)) {
                    LOG.infof("saved query %s from %s replaces the built-in one", name, file);
                }
                loaded.put(name, query);
            }
        });
        this.queries = Collections.unmodifiableMap(loaded);
    }

    public Collection<SavedQuery> all() {
        return queries.values();
    }

    public Optional<SavedQuery> find(String name) {
        return Optional.ofNullable(queries.get(name));
    }

    private static SavedQuery checked(SavedQuery query, KqlCompiler compiler) {
        try {
            compiler.compile(query.query(), Optional.empty());
            return query;
        } catch (KqlException e) {
            throw new IllegalStateException("saved query " + query.name() + " (" + query.source() + ") does not compile: "
                    + e.code() + " at line " + e.line() + ", column " + e.column() + ": " + e.getMessage(), e);
        }
    }

    private static List<String> builtInNames() {
        List<String> names = new ArrayList<>();
        for (String line : resource(BUILT_IN + "built-in.list").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<Path> operatorFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("vigil.query.summaries.directory " + directory + " is not a directory");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".kql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read saved query " + file, e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = SavedQueryCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
