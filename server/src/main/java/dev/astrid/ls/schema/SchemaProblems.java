package dev.astrid.ls.schema;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The validator's errors for one manifest, normalised for wording: one problem per failed
 * keyword, with the instance path as a list, the schema object holding the keyword, and failed
 * anyOf/oneOf branches collapsed to what the user most likely meant.
 */
public final class SchemaProblems {
    /**
     * One problem. {@code path}: keys as strings, indexes as integers. {@code property}: the key
     * named by {@code required} and {@code additionalProperties}. {@code schema}: the keyword's
     * value; {@code holder}: the schema object holding it.
     */
    public record Problem(String keyword, List<Object> path, String property, JsonNode schema, JsonNode holder,
                          String message) {}

    private SchemaProblems() {}

    public static List<Problem> of(SchemaStore store, String file, JsonNode instance) {
        List<Problem> out = new ArrayList<>();
        for (Error e : collapseCombinators(store, store.validate(file, instance))) {
            out.add(new Problem(e.getKeyword(), elements(e.getInstanceLocation()), e.getProperty(), e.getSchemaNode(),
                    store.raw(file(e)).at(parentPointer(e)), e.getMessage().replaceFirst("^\\$[^ ]*: ", "")));
        }
        return out;
    }

    /**
     * A failed anyOf/oneOf yields one error per branch. When the combinator's schema carries an
     * {@code x-message}, keep a single error (reported with that message); otherwise keep only
     * the errors of the branch that came closest to matching, as users mean one of them.
     */
    private static List<Error> collapseCombinators(SchemaStore store, List<Error> errors) {
        Map<String, List<Error>> groups = new LinkedHashMap<>();
        List<Error> out = new ArrayList<>();
        for (Error e : errors) {
            String combinator = combinatorPrefix(elements(e.getEvaluationPath()));
            if (combinator == null) {
                out.add(e);
            } else {
                groups.computeIfAbsent(combinator, k -> new ArrayList<>()).add(e);
            }
        }
        for (List<Error> group : groups.values()) {
            Error first = group.get(0);
            JsonNode holder = store.raw(file(first)).at(combinatorPointer(first));
            if (holder.has("x-message")) {
                out.add(combinatorError(first, holder));
                continue;
            }
            List<Error> inner = group.stream().filter(e -> !isCombinator(e)).toList();
            if (inner.isEmpty()) {
                out.add(first);
                continue;
            }
            Map<Object, List<Error>> byBranch = new LinkedHashMap<>();
            for (Error e : inner) {
                List<Object> eval = elements(e.getEvaluationPath());
                int at = combinatorIndex(eval);
                byBranch.computeIfAbsent(at + 1 < eval.size() ? eval.get(at + 1) : -1, k -> new ArrayList<>()).add(e);
            }
            out.addAll(byBranch.values().stream().min(Comparator.comparingInt(List::size)).orElse(group));
        }
        return out;
    }

    private static boolean isCombinator(Error e) {
        return e.getKeyword().equals("anyOf") || e.getKeyword().equals("oneOf");
    }

    private static int combinatorIndex(List<Object> eval) {
        for (int i = 0; i < eval.size(); i++) {
            if ("anyOf".equals(eval.get(i)) || "oneOf".equals(eval.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String combinatorPrefix(List<Object> eval) {
        int i = combinatorIndex(eval);
        return i < 0 ? null : eval.subList(0, i + 1).toString();
    }

    /** Where, in the schema file, the object holding the first anyOf/oneOf of the error's path is. */
    private static String combinatorPointer(Error e) {
        String fragment = e.getSchemaLocation().getFragment().toString() + "/";
        int any = fragment.indexOf("/anyOf/");
        int one = fragment.indexOf("/oneOf/");
        int at = any < 0 ? one : one < 0 ? any : Math.min(any, one);
        return at < 0 ? "" : fragment.substring(0, at);
    }

    /** One anyOf-style error at the combinator's instance, carrying the schema's own message. */
    private static Error combinatorError(Error inner, JsonNode holder) {
        List<Object> eval = elements(inner.getEvaluationPath());
        int depth = 0;
        for (int i = 0; i < combinatorIndex(eval); i++) {
            if ("properties".equals(eval.get(i)) || "items".equals(eval.get(i))) {
                depth++;
            }
        }
        NodePath instance = inner.getInstanceLocation();
        while (instance.getNameCount() > depth) {
            instance = instance.getParent();
        }
        return Error.builder().keyword("anyOf").instanceLocation(instance).schemaLocation(inner.getSchemaLocation())
                .evaluationPath(inner.getEvaluationPath()).messageSupplier(() -> holder.get("x-message").asString()).build();
    }

    private static String file(Error error) {
        String iri = error.getSchemaLocation().getAbsoluteIri().toString();
        return iri.substring(iri.lastIndexOf('/') + 1);
    }

    /** The JSON pointer of the schema object holding the failing keyword. */
    private static String parentPointer(Error error) {
        String fragment = error.getSchemaLocation().getFragment().toString();
        int slash = fragment.lastIndexOf('/');
        return slash <= 0 ? "" : fragment.substring(0, slash);
    }

    private static List<Object> elements(NodePath path) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            out.add(path.getElement(i));
        }
        return out;
    }
}
