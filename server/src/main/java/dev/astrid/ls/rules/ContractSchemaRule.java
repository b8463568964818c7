package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import com.networknt.schema.Error;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.schema.JsonText;
import dev.astrid.ls.schema.JsonView;
import dev.astrid.ls.schema.SchemaStore;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlDocument;
import dev.astrid.ls.yaml.YamlMapping;
import dev.astrid.ls.yaml.YamlNode;
import dev.astrid.ls.yaml.YamlParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas a schema_version 3 pack gives its actions' {@code inputs} and {@code outputs}
 * and its {@code documents.*.schema}, inline or as a file of the pack, as Astrid's validator checks
 * them after admission (peteromallet/Astrid-agent {@code astrid/core/pack/validate.py},
 * {@code _validate_v3_contract_schemas}): each must be valid against its dialect's meta-schema
 * (the one its {@code $schema} names, else 2020-12), and every {@code $ref} must resolve without
 * leaving the pack: no remote references, local pointers that exist, files (from a schema file
 * only) inside the pack that hold a schema. Reported on the value in {@code pack.yaml}; a missing
 * schema file is left to the path checks, and a draft-03 schema is not judged.
 */
@AutoService(Rule.class)
public final class ContractSchemaRule implements Rule {
    public static final Code INVALID = Code.error("contract-schema-invalid");

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Map<String, String> META = Map.of(
            "http://json-schema.org/draft-04/schema", "http://json-schema.org/draft-04/schema#",
            "http://json-schema.org/draft-06/schema", "http://json-schema.org/draft-06/schema#",
            "http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-07/schema#",
            "https://json-schema.org/draft/2019-09/schema", "https://json-schema.org/draft/2019-09/schema",
            "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema");
    private static final String LATEST = "https://json-schema.org/draft/2020-12/schema";

    @Override
    public List<Code> codes() {
        return List.of(INVALID);
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        PackView pack = ctx.packManifestOf(3).orElse(null);
        if (pack == null) {
            return;
        }
        JsonNode json;
        try {
            json = JsonView.of(m.yaml());
        } catch (JsonView.TooLargeException e) {
            return; // the schema check says so
        }
        for (String[] slot : List.of(new String[] {"actions", "inputs"}, new String[] {"actions", "outputs"},
                new String[] {"documents", "schema"})) {
            if (!(m.get(slot[0]) instanceof YamlMapping section)) {
                continue;
            }
            for (YamlMapping.Entry e : section.entries()) {
                if (e.keyText() != null && YamlNode.deref(e.value()) instanceof YamlMapping item && item.get(slot[1]) != null) {
                    String location = slot[0] + "." + e.keyText() + "." + slot[1];
                    JsonNode value = json.path(slot[0]).path(e.keyText()).path(slot[1]);
                    new Check(ctx, pack.files(), item.get(slot[1]), location).value(value);
                }
            }
        }
    }

    /** The checks of one declared schema, reporting on its value in pack.yaml. */
    private static final class Check {
        private final RuleContext ctx;
        private final PackFiles files;
        private final YamlNode at;
        private final String location;
        private final Set<Path> seen = new HashSet<>();

        Check(RuleContext ctx, PackFiles files, YamlNode at, String location) {
            this.ctx = ctx;
            this.files = files;
            this.at = at;
            this.location = location;
        }

        void value(JsonNode value) {
            if (value.isString()) {
                Path file = files.root() == null ? null : files.resolve(files.root(), value.asString()).orElse(null);
                Loaded loaded = file == null ? null : load(file);
                if (loaded == null) {
                    return;
                }
                if (loaded.problem() != null) {
                    report(loaded.problem(), location + ": " + loaded.problem(), file);
                } else if (!loaded.json().isObject() && !loaded.json().isBoolean()) {
                    report("the file is not a JSON Schema (an object or a boolean)",
                            shown(file) + ": JSON Schema must be an object or boolean", file);
                } else {
                    schema(loaded.json(), location + " (" + shown(file) + ")", file);
                }
            } else if (value.isObject()) {
                schema(value, location, null);
            }
            // booleans are schemas, and port lists are the manifest schema's business
        }

        private void schema(JsonNode schema, String where, Path source) {
            String meta = schema.isObject() && schema.get("$schema") != null && schema.get("$schema").isString()
                    ? META.get(stripHash(schema.get("$schema").asString())) : LATEST;
            boolean draft3 = schema.isObject() && schema.get("$schema") != null
                    && stripHash(schema.get("$schema").asString()).equals("http://json-schema.org/draft-03/schema");
            if (draft3) {
                return;
            }
            // NaN is a number to Python and of no type to the validator: such a schema is not judged against the meta-schema
            List<Error> errors = hasNonFinite(schema) ? List.<Error>of()
                    : SchemaStore.INSTANCE.validateSchema(meta != null ? meta : LATEST, schema);
            if (!errors.isEmpty()) {
                String detail = errors.get(0).getMessage();
                report("is not a valid JSON Schema (" + detail + ")", where + ": invalid JSON Schema: …", source);
                return;
            }
            refs(schema, schema, where, source);
        }

        private void refs(JsonNode node, JsonNode root, String where, Path source) {
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null) {
                    if (!ref.isString() || ref.asString().isEmpty()) {
                        report("has a $ref that is not a non-empty string", where + ".$ref must be a non-empty string", source);
                    } else {
                        reference(ref.asString(), root, where + ".$ref", source);
                    }
                }
                for (Map.Entry<String, JsonNode> f : node.properties()) {
                    if (!f.getKey().equals("$ref")) {
                        refs(f.getValue(), root, where + "." + f.getKey(), source);
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    refs(node.get(i), root, where + "[" + i + "]", source);
                }
            }
        }

        private void reference(String ref, JsonNode root, String where, Path source) {
            int hash = ref.indexOf('#');
            String fragment = hash < 0 ? "" : ref.substring(hash + 1);
            String rest = hash < 0 ? ref : ref.substring(0, hash);
            Matcher scheme = SCHEME.matcher(rest);
            if (scheme.find() || rest.startsWith("//")) {
                report("refers to '" + Strings.shorten(ref) + "' outside the pack",
                        where + ": external JSON Schema references are not resolved by static validation", source);
                return;
            }
            int query = rest.indexOf('?');
            String path = query < 0 ? rest : rest.substring(0, query);
            if (path.isEmpty()) {
                if (!fragment.isEmpty() && !pointerExists(root, fragment)) {
                    report("refers to '" + Strings.shorten(ref) + "', which it does not hold",
                            where + ": local JSON Schema reference '" + ref + "' not found", source);
                }
                return;
            }
            if (source == null) {
                report("is inline, so its reference to the file '" + Strings.shorten(ref) + "' cannot resolve",
                        where + ": inline JSON Schema cannot resolve local file reference '" + ref + "'", null);
                return;
            }
            Path candidate = source.getParent().resolve(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8))
                    .normalize();
            if (!candidate.startsWith(files.root())) {
                report("refers to a file outside the pack", where + ": JSON Schema reference escapes the pack root", source);
                return;
            }
            String rel = shown(candidate);
            if (!files.isFile(candidate)) {
                report("refers to " + rel + ", which does not exist",
                        where + ": referenced JSON Schema file not found: " + rel, source);
                return;
            }
            Loaded loaded = load(candidate);
            if (loaded == null) {
                return;
            }
            if (loaded.problem() != null) {
                report(loaded.problem(), where + ": " + loaded.problem(), candidate);
            } else if (!loaded.json().isObject() && !loaded.json().isBoolean()) {
                report("refers to " + rel + ", which is not a JSON Schema", rel
                        + ": referenced JSON Schema must be an object or boolean", candidate);
            } else if (!fragment.isEmpty() && !pointerExists(loaded.json(), fragment)) {
                report("refers to '" + Strings.shorten(ref) + "', which " + rel + " does not hold",
                        where + ": JSON Schema reference '" + ref + "' not found in " + rel, candidate);
            } else if (seen.add(candidate)) {
                schema(loaded.json(), where + " (" + rel + ")", candidate);
            }
        }

        /** The JSON in a schema file, by its name as Astrid's loader reads it; null when it cannot be read (or is not JSON or YAML). */
        private Loaded load(Path file) {
            String text = files.text(file).orElse(null);
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (text == null) {
                return null;
            }
            if (name.endsWith(".json")) {
                try {
                    return new Loaded(JsonText.parse(text), null);
                } catch (JacksonException e) {
                    return new Loaded(null, "invalid JSON in " + shown(file) + ": " + e.getOriginalMessage());
                }
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                YamlDocument doc = YamlParser.parse(text);
                if (!doc.errors().isEmpty() || doc.skipped() != null) {
                    return new Loaded(null, "invalid YAML in " + shown(file));
                }
                try {
                    return new Loaded(JsonView.of(doc), null);
                } catch (JsonView.TooLargeException e) {
                    return null;
                }
            }
            return null;
        }

        private String shown(Path file) {
            return files.root().relativize(file).toString().replace('\\', '/');
        }

        private void report(String ours, String astrid, Path file) {
            List<Diagnostic.Related> related = file == null ? List.of()
                    : List.of(new Diagnostic.Related(Workspace.uri(file), Range.of(0, 0, 0, 0), "the schema file"));
            ctx.report(INVALID, RuleContext.anchor(at).start(), RuleContext.anchor(at).end(), "The " + location
                    + " schema " + ours + ": Astrid refuses the pack (Astrid: " + astrid + ")", Map.of(), related);
        }
    }

    private record Loaded(JsonNode json, String problem) {}

    /** Whether the document holds NaN or an infinity: numbers to Python, of no type to the validator. */
    static boolean hasNonFinite(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return !Double.isFinite(node.asDouble());
        }
        for (JsonNode child : node) {
            if (hasNonFinite(child)) {
                return true;
            }
        }
        return false;
    }

    private static String stripHash(String uri) {
        return uri.endsWith("#") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** Whether a JSON pointer fragment names a value of the document, as Astrid reads one (only "/…" pointers). */
    static boolean pointerExists(JsonNode document, String fragment) {
        if (!fragment.startsWith("/")) {
            return false;
        }
        JsonNode current = document;
        for (String token : fragment.substring(1).split("/", -1)) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (current.isObject() && current.has(key)) {
                current = current.get(key);
            } else if (current.isArray() && !key.isEmpty() && key.chars().allMatch(Character::isDigit)
                    && key.length() < 10 && Integer.parseInt(key) < current.size()) {
                current = current.get(Integer.parseInt(key));
            } else {
                return false;
            }
        }
        return true;
    }
}
