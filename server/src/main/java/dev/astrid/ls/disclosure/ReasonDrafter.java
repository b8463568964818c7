package dev.astrid.ls.disclosure;

import dev.astrid.ls.model.PermissionId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Drafts a permission's reason from its evidence, for a quick fix to insert and the author to
 * correct: the hosts, programs, variables or services it names, and what the code does with them
 * as its function names say ("Calls api.sketchfab.com to download meshes"). A draft names
 * something specific or is null: it never says less than the id itself.
 */
public final class ReasonDrafter {
    /** Verbs a function name may start with that say what a request or a program is for. */
    private static final Set<String> VERBS = Set.of("download", "upload", "fetch", "search", "resolve", "query",
            "send", "submit", "poll", "generate", "render", "transcribe", "caption", "translate", "embed", "sync",
            "stream", "publish", "notify", "check", "list", "create", "delete", "update", "load", "save", "capture",
            "deploy", "launch", "encode", "decode", "convert", "extract", "transcode", "probe", "install");
    /** Words in a function name that say nothing about its purpose. */
    private static final Set<String> FILLER = Set.of("to", "from", "for", "of", "the", "a", "dir", "path", "file",
            "json", "bytes", "data", "url", "urls", "api", "http", "sync", "async", "impl", "helper", "internal", "via",
            "with", "and", "or", "by", "one", "all", "it");
    /** Nouns without a plural here: "download audio", not "audios". */
    private static final Set<String> MASS = Set.of("audio", "video", "music", "speech", "metadata", "info", "media",
            "footage", "art", "text", "content", "code", "status", "health", "progress");
    private static final Set<String> COUNTABLE_VERBS = Set.of("download", "upload", "fetch", "search", "list",
            "delete", "load", "save", "render", "extract", "convert");

    private ReasonDrafter() {}

    /** A draft reason for a permission from its evidence (certain evidence first), or null. */
    public static String draft(PermissionId p, List<Evidence> evidence) {
        List<Evidence> sorted = evidence.stream().filter(e -> e.permission() == p)
                .sorted((a, b) -> Boolean.compare(!a.certain(), !b.certain())).toList();
        List<String> subjects = subjects(sorted);
        return switch (p) {
            case NETWORK -> subjects.isEmpty() ? null : "Calls " + list(subjects) + purpose(sorted, subjects);
            case SUBPROCESS -> subjects.isEmpty() ? null : "Runs " + list(subjects) + purpose(sorted, List.of());
            case ENVIRONMENT -> subjects.isEmpty() ? null : "Reads " + list(subjects);
            case EXTERNAL_SERVICES -> subjects.isEmpty() ? null : "Sends requests to " + list(subjects);
            case ACCELERATOR -> subjects.stream().anyMatch(s -> s.startsWith("cuda")) ? "Runs work on a CUDA GPU"
                    + purpose(sorted, List.of()) : subjects.contains("mps") ? "Runs work on an Apple GPU (MPS)"
                    + purpose(sorted, List.of()) : null;
            case PROJECT_FILES -> null;
        };
    }

    /** What the evidence names: from certain evidence only, when some names anything. */
    private static List<String> subjects(List<Evidence> evidence) {
        Set<String> certain = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>();
        for (Evidence e : evidence) {
            if (e.subject() != null && !e.subject().contains("*")) {
                (e.certain() ? certain : all).add(e.subject());
            }
        }
        return new ArrayList<>(certain.isEmpty() ? all : certain);
    }

    private static String list(List<String> items) {
        List<String> shown = items.size() > 4 ? items.subList(0, 3) : items;
        String more = items.size() > 4 ? " and " + (items.size() - 3) + " more" : "";
        if (shown.size() == 1) {
            return shown.get(0) + more;
        }
        String head = String.join(", ", shown.subList(0, shown.size() - 1));
        return more.isEmpty() ? head + " and " + shown.get(shown.size() - 1) : String.join(", ", shown) + more;
    }

    /** " to download meshes and search", from the functions the evidence is in; "" when they say nothing. */
    private static String purpose(List<Evidence> evidence, List<String> hosts) {
        Set<String> hostWords = new LinkedHashSet<>();
        for (String h : hosts) {
            for (String label : h.split("\\.")) {
                hostWords.add(label.toLowerCase(Locale.ROOT));
            }
        }
        hostWords.removeAll(VERBS);
        List<Evidence> ordered = new ArrayList<>(evidence); // where a named thing is used says most
        ordered.sort((a, b) -> Boolean.compare(!named(a, hosts), !named(b, hosts)));
        Set<String> phrases = new LinkedHashSet<>();
        for (Evidence e : ordered) {
            String phrase = e.function() == null ? null : phrase(e.function(), hostWords);
            if (phrase != null) {
                phrases.add(phrase);
            }
            if (phrases.size() == 2) {
                break;
            }
        }
        return phrases.isEmpty() ? "" : " to " + String.join(" and ", phrases);
    }

    private static boolean named(Evidence e, List<String> subjects) {
        return e.subject() != null && subjects.contains(e.subject());
    }

    private static String phrase(String function, Set<String> skip) {
        List<String> words = new ArrayList<>();
        for (String w : function.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("_+")) {
            if (!w.isEmpty() && !FILLER.contains(w) && !skip.contains(w)) {
                words.add(w);
            }
        }
        if (words.isEmpty() || !VERBS.contains(words.get(0))) {
            return null;
        }
        if (words.size() > 1 && COUNTABLE_VERBS.contains(words.get(0))) {
            String noun = words.get(words.size() - 1);
            if (!MASS.contains(noun) && !noun.endsWith("s")) {
                words.set(words.size() - 1, noun.matches(".*(sh|ch|x|z)") ? noun + "es" : noun + "s");
            }
        }
        return String.join(" ", words.subList(0, Math.min(words.size(), 4)));
    }
}
