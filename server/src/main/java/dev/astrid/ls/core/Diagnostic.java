package dev.astrid.ls.core;

import dev.astrid.ls.text.Range;
import java.util.List;
import java.util.Map;

/**
 * A protocol-free diagnostic. {@code data} carries what the rule's quick fix needs (never parse
 * the message); {@code related} points at other places that explain it.
 */
public record Diagnostic(Range range, Severity severity, Code code, String message,
                         Map<String, Object> data, List<Related> related) {

    public record Related(String uri, Range range, String message) {}
}
