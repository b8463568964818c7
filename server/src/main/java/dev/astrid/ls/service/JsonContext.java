package dev.astrid.ls.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a position sits in JSON text, read by scanning the characters, so that it works while the
 * text is being typed and does not parse: the path of keys and indexes to it, whether a key or a
 * value goes there, the partly typed string under it, and the keys its object already has.
 */
final class JsonContext {
    /** What goes at the position: a key of an object, or a value. */
    enum Slot { KEY, VALUE, OTHER }

    final Slot slot;
    /** Keys as strings, array items as 0 (every item shares its schema). */
    final List<Object> path;
    /** The span the completion replaces: the string under the position, quotes included, or an empty span. */
    final int replaceStart;
    final int replaceEnd;
    /** What was typed of the key so far. */
    final String prefix;
    /** The keys already in the object around the position (before and after it), for a key slot. */
    final Set<String> siblings;
    /** For a key slot: where a comma is missing after the previous entry (-1 if none is), and whether an entry follows. */
    final int missingCommaAt;
    final boolean entryFollows;

    private JsonContext(Slot slot, List<Object> path, int replaceStart, int replaceEnd, String prefix, Set<String> siblings,
                        int missingCommaAt, boolean entryFollows) {
        this.slot = slot;
        this.path = path;
        this.replaceStart = replaceStart;
        this.replaceEnd = replaceEnd;
        this.prefix = prefix;
        this.siblings = siblings;
        this.missingCommaAt = missingCommaAt;
        this.entryFollows = entryFollows;
    }

    private static final class Frame {
        final boolean object;
        String key;
        boolean expectKey;
        /** End of the last complete value in this container, or -1 right after its opening or a comma. */
        int lastValueEnd = -1;
        final Set<String> keys = new LinkedHashSet<>();

        Frame(boolean object) {
            this.object = object;
            this.expectKey = object;
        }
    }

    static JsonContext at(String text, int offset) {
        Deque<Frame> stack = new ArrayDeque<>();
        int i = 0;
        while (i < offset) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = stringEnd(text, i);
                if (end > offset || (end == offset && !closed(text, i, end))) {
                    return inString(text, stack, i, offset, end);
                }
                Frame top = stack.peek();
                if (top != null && top.object && top.expectKey) {
                    top.key = unescape(text.substring(i + 1, Math.max(i + 1, end - 1)));
                    top.keys.add(top.key);
                    top.expectKey = false;
                } else if (top != null) {
                    top.lastValueEnd = end;
                }
                i = end;
                continue;
            }
            Frame top = stack.peek();
            switch (c) {
                case '{', '[' -> stack.push(new Frame(c == '{'));
                case '}', ']' -> {
                    if (!stack.isEmpty()) {
                        stack.pop();
                    }
                    if (stack.peek() != null) {
                        stack.peek().lastValueEnd = i + 1;
                    }
                }
                case ',' -> {
                    if (top != null) {
                        top.expectKey = top.object;
                        top.lastValueEnd = -1;
                    }
                }
                default -> {
                    if (top != null && !Character.isWhitespace(c) && c != ':') {
                        top.lastValueEnd = i + 1; // a number, true, false or null
                    }
                }
            }
            i++;
        }
        Frame top = stack.peek();
        if (top == null) {
            return new JsonContext(Slot.OTHER, List.of(), offset, offset, "", Set.of(), -1, false);
        }
        if (top.object && (top.expectKey || top.lastValueEnd >= 0)) {
            return key(text, stack, offset, offset, "");
        }
        return new JsonContext(top.object || top.key != null ? Slot.VALUE : Slot.OTHER, path(stack, true), offset,
                offset, "", Set.of(), -1, false);
    }

    private static JsonContext inString(String text, Deque<Frame> stack, int start, int offset, int end) {
        Frame top = stack.peek();
        String typed = unescape(text.substring(start + 1, offset));
        if (top != null && top.object && (top.expectKey || top.lastValueEnd >= 0)) {
            return key(text, stack, start, closed(text, start, end) ? end : offset, typed);
        }
        return new JsonContext(Slot.VALUE, path(stack, true), start, end, typed, Set.of(), -1, false);
    }

    /** A key slot: the object's other keys, and the commas a new entry needs. */
    private static JsonContext key(String text, Deque<Frame> stack, int start, int end, String typed) {
        Frame top = stack.peek();
        Set<String> siblings = new LinkedHashSet<>(top.keys);
        int after = skipSpace(text, end);
        siblings.addAll(keysAfter(text, after));
        boolean follows = after < text.length() && text.charAt(after) == '"';
        int missingComma = top.lastValueEnd >= 0 && !top.expectKey ? top.lastValueEnd : -1;
        return new JsonContext(Slot.KEY, path(stack, false), start, end, typed, siblings, missingComma, follows);
    }

    /** Keys of the rest of the object from {@code from}, at its own depth. */
    private static Set<String> keysAfter(String text, int from) {
        Set<String> keys = new LinkedHashSet<>();
        int depth = 0;
        boolean expectKey = true;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = stringEnd(text, i);
                if (depth == 0 && expectKey) {
                    keys.add(unescape(text.substring(i + 1, Math.max(i + 1, end - 1))));
                    expectKey = false;
                }
                i = end - 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth-- == 0) {
                    break;
                }
            } else if (c == ',' && depth == 0) {
                expectKey = true;
            }
        }
        return keys;
    }

    /** The keys of the enclosing frames, outermost first; the innermost key too when a value is wanted. */
    private static List<Object> path(Deque<Frame> stack, boolean value) {
        List<Object> out = new ArrayList<>();
        List<Frame> frames = new ArrayList<>(stack);
        for (int f = frames.size() - 1; f >= 0; f--) {
            Frame frame = frames.get(f);
            if (f == 0 && !value) {
                break;
            }
            out.add(frame.object ? frame.key : (Object) 0);
        }
        return out;
    }

    private static int stringEnd(String text, int start) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n' || c == '\r') {
                return i; // unterminated on this line
            }
        }
        return text.length();
    }

    private static boolean closed(String text, int start, int end) {
        return end > start + 1 && end <= text.length() && text.charAt(end - 1) == '"';
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
