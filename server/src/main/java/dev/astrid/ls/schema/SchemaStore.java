package dev.astrid.ls.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.ManifestKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas bundled in the jar ({@code schemas/} at the top of the repository), loaded
 * lazily. They are read from the classpath only: nothing is ever fetched over the network.
 */
public final class SchemaStore {
    private static final String BASE = "classpath:schemas/";
    /** Built on first use, so that starting the server does not pay for the validator. */
    private volatile SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> raw = new ConcurrentHashMap<>();

    public static final SchemaStore INSTANCE = new SchemaStore();

    /** The schema file for a manifest, or empty when none applies (unknown or missing version). */
    public static Optional<String> schemaFileFor(Manifest manifest) {
        Integer version = manifest.schemaVersion();
        if (manifest.kind() == ManifestKind.PACK) {
            return version != null && version >= 1 && version <= 3
                    ? Optional.of("pack.v" + version + ".schema.json") : Optional.empty();
        }
        // Components have only ever had schema_version 1.
        String file = manifest.kind().baseName() + ".v1.schema.json";
        return SchemaStore.class.getResource("/schemas/" + file) != null ? Optional.of(file) : Optional.empty();
    }

    private SchemaRegistry registry() {
        SchemaRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                if (registry == null) {
                    registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().build())
                                    .nodeReader(JsonText.SCHEMAS));
                }
                r = registry;
            }
        }
        return r;
    }

    /**
     * The validator's errors, at most {@link #MAX_ERRORS} of them: a file with a hundred thousand
     * unknown keys must not hold a hundred thousand errors in memory (only the first thousand
     * findings are shown anyway). Combinators collect their branches' errors in lists of their
     * own, so the bound changes no verdict.
     */
    public List<Error> validate(String file, JsonNode instance) {
        Schema schema = compiled.computeIfAbsent(file, f -> {
            Schema s = registry().getSchema(SchemaLocation.of(BASE + f));
            s.initializeValidators();
            return s;
        });
        return schema.validate(instance, context -> context.setErrors(new Bounded()));
    }

    /**
     * The errors of a JSON Schema document checked against a meta-schema, by its URI (the validator
     * bundles every dialect's, so nothing is fetched), as many as {@link #validate} keeps.
     */
    public List<Error> validateSchema(String metaSchemaUri, JsonNode schema) {
        Schema meta = compiled.computeIfAbsent(metaSchemaUri, uri -> {
            Schema s = registry().getSchema(SchemaLocation.of(uri));
            s.initializeValidators();
            return s;
        });
        return meta.validate(schema, context -> context.setErrors(new Bounded()));
    }

    public static final int MAX_ERRORS = 10_000;

    /** A list that keeps its first {@link #MAX_ERRORS} elements and ignores the rest. */
    private static final class Bounded extends ArrayList<Error> {
        @Override
        public boolean add(Error e) {
            return size() < MAX_ERRORS && super.add(e);
        }

        @Override
        public void add(int index, Error e) {
            if (size() < MAX_ERRORS) {
                super.add(index, e);
            }
        }

        @Override
        public boolean addAll(Collection<? extends Error> c) {
            int room = MAX_ERRORS - size();
            return room > 0 && super.addAll(c.size() <= room ? c : new ArrayList<>(c).subList(0, room));
        }

        @Override
        public boolean addAll(int index, Collection<? extends Error> c) {
            int room = MAX_ERRORS - size();
            return room > 0 && super.addAll(index, c.size() <= room ? c : new ArrayList<>(c).subList(0, room));
        }
    }

    /** The schema file's JSON, for navigation (hover, completion, did-you-mean). */
    public JsonNode raw(String file) {
        return raw.computeIfAbsent(file, f -> {
            try (InputStream in = SchemaStore.class.getResourceAsStream("/schemas/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("schema not bundled: " + f);
                }
                return JsonText.SCHEMAS.readTree(in, InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
