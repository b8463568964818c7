package dev.astrid.ls.disclosure;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.python.PyAnalyzer;
import dev.astrid.ls.python.PyModule;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a pack's code and manifests for what they use. Module analyses are cached by text, so a
 * keystroke in one file re-analyses that file alone; a file's previous text leaves the cache
 * when the file is analysed with a new one, and the cache is bounded by entries and by the total
 * length of the texts it keeps (an analysis takes about seven times its text's size). Thread-safe.
 * Pack code is only read, never run.
 */
public final class DisclosureAnalyzer {
    private final int maxEntries;
    private final long maxChars;
    private final LinkedHashMap<String, Entry> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    /** A text's analysis, the evidence it gave at each URI and path, and the URIs that have the text now. */
    private static final class Entry {
        final String text;
        final PyModule module;
        final Map<String, CodeEvidence.Result> evidence = new java.util.concurrent.ConcurrentHashMap<>();
        final Set<String> uris = new HashSet<>();

        Entry(String text, PyModule module) {
            this.text = text;
            this.module = module;
        }
    }

    /** The cached entry each URI was last analysed with, so an edited file's older text is dropped. */
    private final Map<String, Entry> current = new HashMap<>();

    /**
     * A million characters of text at most (a 10,000-line pack has about 400,000) and their
     * analyses, some 8 MB in all: well inside the editor's 128 MiB heap.
     */
    public DisclosureAnalyzer() {
        this(2048, 1L << 20);
    }

    public DisclosureAnalyzer(int maxEntries, long maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /** The analysis of one module's text, from the cache when the same text was analysed before. */
    public PyModule module(String text) {
        return entry(text).module;
    }

    private Entry entry(String text) {
        synchronized (cache) {
            Entry hit = cache.get(text);
            if (hit != null) {
                return hit;
            }
        }
        Entry m = new Entry(text, PyAnalyzer.analyze(text));
        synchronized (cache) {
            Entry raced = cache.get(text);
            if (raced != null) {
                return raced;
            }
            cache.put(text, m);
            chars += text.length();
            var it = cache.values().iterator(); // eldest first: a text over the bound goes at once too
            while ((cache.size() > maxEntries || chars > maxChars) && it.hasNext()) {
                Entry old = it.next();
                it.remove();
                chars -= old.text.length();
                old.uris.forEach(uri -> current.remove(uri, old));
            }
        }
        return m;
    }

    /** Records that a URI now has an entry's text; its previous text, if no other URI has it, is dropped. */
    private void use(String uri, Entry e) {
        synchronized (cache) {
            if (cache.get(e.text) != e) {
                return; // not kept
            }
            Entry old = current.put(uri, e);
            if (old != null && old != e) {
                old.uris.remove(uri);
                if (old.uris.isEmpty() && cache.remove(old.text, old)) {
                    chars -= old.text.length();
                }
            }
            e.uris.add(uri);
        }
    }

    /** What the pack's manifests and its code, as {@link PackFiles#code} reads it now, show it uses. */
    public PackDisclosure analyse(PackView pack, CancelChecker cancel) {
        return analyse(pack, pack.files().code(), cancel);
    }

    /** @param code the pack's Python modules and what could not be read of its code */
    public PackDisclosure analyse(PackView pack, PackFiles.Code code, CancelChecker cancel) {
        Path root = pack.root().toAbsolutePath().normalize();
        List<PackFiles.Source> files = code.python();
        Map<String, PyModule> modules = new HashMap<>(); // by dotted module name, for imported constants
        List<Entry> entries = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (PackFiles.Source f : files) {
            cancel.checkCanceled();
            Entry e = entry(f.text());
            use(f.uri(), e);
            String path = shown(root, f.uri());
            entries.add(e);
            paths.add(path);
            modules.put(moduleName(root, path), e.module);
        }
        List<Evidence> evidence = new ArrayList<>();
        List<PackDisclosure.DynamicCode> dynamic = new ArrayList<>();
        List<String> syntaxErrors = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            cancel.checkCanceled();
            PackFiles.Source f = files.get(i);
            Entry entry = entries.get(i);
            PyModule m = entry.module;
            String path = paths.get(i);
            String name = moduleName(root, path);
            // a module that reads a variable named in another module depends on that one too: not kept
            boolean alone = m.envReads().stream().noneMatch(e -> e.via() == PyModule.Via.IMPORTED);
            CodeEvidence.Result r = alone ? entry.evidence.get(f.uri() + "\n" + path) : null;
            if (r == null) {
                r = CodeEvidence.of(m, f.uri(), path,
                        detail -> importedConstant(modules, name, f.uri().endsWith("/__init__.py"), detail));
                if (alone) {
                    entry.evidence.put(f.uri() + "\n" + path, r);
                }
            }
            evidence.addAll(r.evidence());
            dynamic.addAll(r.dynamic());
            if (!m.errors().isEmpty()) {
                syntaxErrors.add(f.uri());
            }
        }
        List<Evidence> manifests = new ArrayList<>();
        for (Manifest m : pack.all()) {
            manifests.addAll(ManifestEvidence.of(m, shown(root, m.document().uri())));
        }
        return new PackDisclosure(evidence, manifests, code, syntaxErrors, dynamic);
    }

    /** A file's path relative to the pack folder, with '/', as messages show it. */
    static String shown(Path root, String uri) {
        Path p = Workspace.path(uri);
        if (p != null && p.startsWith(root)) {
            return root.relativize(p).toString().replace('\\', '/');
        }
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    /** The dotted name a module has inside its pack, from its shown path: {@code blender.executors.render.run}. */
    static String moduleName(Path root, String rel) {
        String base = rel.endsWith(".py") ? rel.substring(0, rel.length() - 3) : rel;
        String pack = root.getFileName() == null ? "" : root.getFileName().toString();
        String dotted = (pack.isEmpty() ? "" : pack + "/") + base;
        if (dotted.endsWith("/__init__")) {
            dotted = dotted.substring(0, dotted.length() - "/__init__".length());
        }
        return dotted.replace('/', '.');
    }

    /**
     * The value of a string constant another module of the pack defines, for an import written
     * {@code module:name} (leading dots for a relative import), or null when it is not known.
     */
    static String importedConstant(Map<String, PyModule> modules, String importer, boolean isPackage, String detail) {
        int colon = detail.lastIndexOf(':');
        String module = detail.substring(0, colon);
        String name = detail.substring(colon + 1);
        int dots = 0;
        while (dots < module.length() && module.charAt(dots) == '.') {
            dots++;
        }
        PyModule target;
        if (dots > 0) {
            String base = isPackage ? importer : parent(importer);
            for (int i = 1; i < dots && base != null; i++) {
                base = parent(base);
            }
            if (base == null) {
                return null;
            }
            String rest = module.substring(dots);
            target = modules.get(rest.isEmpty() ? base : base + "." + rest);
        } else {
            target = null;
            int best = -1;
            for (Map.Entry<String, PyModule> e : modules.entrySet()) {
                String n = e.getKey();
                if ((module.equals(n) || module.endsWith("." + n)) && n.length() > best) {
                    target = e.getValue();
                    best = n.length();
                }
            }
        }
        PyModule.Constant c = target == null ? null : target.constants().get(name);
        return c == null ? null : c.value();
    }

    private static String parent(String dotted) {
        int dot = dotted.lastIndexOf('.');
        return dot < 0 ? null : dotted.substring(0, dot);
    }
}
