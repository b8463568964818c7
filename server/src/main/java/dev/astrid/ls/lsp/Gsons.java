package dev.astrid.ls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;

/** LSP4J hands untyped JSON over as Gson trees; the service takes plain maps, lists and values. */
final class Gsons {
    private static final Gson GSON = new Gson();

    private Gsons() {}

    static Object plain(Object value) {
        return value instanceof JsonElement json && !json.isJsonNull() ? GSON.fromJson(json, Object.class)
                : value instanceof JsonElement ? null : value;
    }
}
