package dev.astrid.ls.service;

import dev.astrid.ls.model.Manifest;
import dev.astrid.ls.text.TextDocument;
import dev.astrid.ls.workspace.PackView;

/**
 * What one request works on, taken once: a manifest (the open buffer, else the file) and its pack
 * as it was at that moment ({@code pack} is null for a manifest with no pack above it).
 */
public record Snapshot(Manifest manifest, PackView pack) {
    public TextDocument document() {
        return manifest.document();
    }

    public String uri() {
        return manifest.document().uri();
    }
}
