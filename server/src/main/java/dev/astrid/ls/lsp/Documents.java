package dev.astrid.ls.lsp;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.text.TextDocument;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open documents, each an immutable snapshot, with its parsed manifest cached per version so
 * that hover, completion and validation of one version parse it once.
 */
final class Documents {
    private record Entry(TextDocument document, Manifest manifest) {}

    private final Map<String, Entry> open = new ConcurrentHashMap<>();
    private final LanguageService service;

    Documents(LanguageService service) {
        this.service = service;
    }

    void put(TextDocument document) {
        open.put(document.uri(), new Entry(document, null));
    }

    TextDocument get(String uri) {
        Entry e = open.get(uri);
        return e == null ? null : e.document();
    }

    void remove(String uri) {
        open.remove(uri);
    }

    /** The manifest for the current snapshot, parsed at most once per version. */
    Optional<Manifest> manifest(String uri) {
        Entry e = open.get(uri);
        if (e == null) {
            return Optional.empty();
        }
        if (e.manifest() != null) {
            return Optional.of(e.manifest());
        }
        Optional<Manifest> parsed = service.manifest(e.document());
        parsed.ifPresent(m -> open.computeIfPresent(uri, (k, cur) -> cur.document() == e.document()
                ? new Entry(cur.document(), m) : cur));
        return parsed;
    }
}
