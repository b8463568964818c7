package dev.astrid.ls.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.ScannerException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Builds a {@link YamlDocument} from snakeyaml-engine's event stream. Tags are recorded, never
 * constructed, and aliases are never expanded.
 *
 * <p>Tolerance: on a syntax error the first error is reported, the line that caused it is blanked
 * (same length, so offsets hold) and the text is parsed again, a few times over, so that the rest
 * of the document still has a tree for hover, completion and the other checks.
 */
public final class YamlParser {
    /** Manifests are a few kilobytes; past this size a file is not parsed (and the user is told so). */
    public static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Real manifests nest a handful of levels; the scanner slows down quadratically with flow depth. */
    public static final int MAX_FLOW_DEPTH = 256;
    private static final int MAX_RECOVERY_ATTEMPTS = 8;
    /** Each recovery attempt parses the whole text again: big files get fewer, to stay fast. */
    private static final int LARGE_TEXT = 256 * 1024;

    private YamlParser() {}

    public static YamlDocument parse(String text) {
        if (text.length() > MAX_CHARS) {
            return YamlDocument.skipped(YamlDocument.Limit.SIZE, text.length());
        }
        int depth = flowDepth(text);
        if (depth > MAX_FLOW_DEPTH) {
            return YamlDocument.skipped(YamlDocument.Limit.DEPTH, depth);
        }
        return parseChecked(text);
    }

    /**
     * The tree of {@code text}, given that {@code previous} is the tree of {@code previousText}: an
     * edit inside one scalar (a keystroke in a reason) takes the old tree with new offsets instead of
     * a new scan, the same tree a full parse builds (see {@link ScalarEdit}).
     */
    public static YamlDocument parse(String text, String previousText, YamlDocument previous) {
        if (text.length() > MAX_CHARS || flowDepth(text) > MAX_FLOW_DEPTH) {
            return parse(text);
        }
        YamlDocument edited = ScalarEdit.apply(previous, previousText, text);
        return edited != null ? edited : parseChecked(text);
    }

    private static YamlDocument parseChecked(String text) {
        char[] attempt = text.toCharArray();
        YamlDocument.SyntaxError firstError = null;
        Builder best = null;
        int attempts = text.length() > LARGE_TEXT ? 1 : MAX_RECOVERY_ATTEMPTS;
        for (int i = 0; i <= attempts; i++) {
            Builder builder = new Builder(new String(attempt));
            int culprit = builder.run();
            if (culprit < 0) {
                best = builder;
                break;
            }
            if (firstError == null) {
                firstError = builder.error;
                best = builder;
            }
            if (!blankLine(attempt, culprit)) {
                break;
            }
        }
        List<YamlDocument.SyntaxError> errors = firstError == null ? List.of() : List.of(firstError);
        return new YamlDocument(best.root, errors, best.extraDocuments, null, 0, best.aliases);
    }

    /**
     * The deepest nesting of flow brackets, skipping quoted text and comments, or 0 when there are
     * too few brackets to pass {@link #MAX_FLOW_DEPTH}. An estimate (it does not parse), good enough
     * to turn away pathological input before the real parser sees it.
     */
    static int flowDepth(String text) {
        if (brackets(text, MAX_FLOW_DEPTH + 1) <= MAX_FLOW_DEPTH) {
            return 0; // counting brackets is several times cheaper than the scan, and most texts stop here
        }
        int depth = 0;
        int max = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == '\n' && depth == 0) {
                    quote = 0; // an apostrophe in a plain scalar is not a quote
                }
            } else if (c == '#' && (i == 0 || text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\n')) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if ((c == '"' || c == '\'') && (i == 0 || " [{,:\n".indexOf(text.charAt(i - 1)) >= 0)) {
                quote = c;
            } else if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return max;
    }

    /** How many '[' and '{' the text holds, counting up to {@code limit}. */
    private static int brackets(String text, int limit) {
        int n = 0;
        for (int i = text.indexOf('['); i >= 0 && n < limit; i = text.indexOf('[', i + 1)) {
            n++;
        }
        for (int i = text.indexOf('{'); i >= 0 && n < limit; i = text.indexOf('{', i + 1)) {
            n++;
        }
        return n;
    }

    /** Replaces the line holding {@code offset} with spaces; false if there was nothing to blank. */
    private static boolean blankLine(char[] text, int offset) {
        int from = Math.min(offset, text.length);
        while (from > 0 && text[from - 1] != '\n' && text[from - 1] != '\r') {
            from--;
        }
        boolean changed = false;
        for (int i = from; i < text.length && text[i] != '\n' && text[i] != '\r'; i++) {
            if (text[i] != ' ') {
                text[i] = ' ';
                changed = true;
            }
        }
        return changed;
    }

    /** One parse of one text. */
    private static final class Builder {
        private final String text;
        private final CodePointOffsets offsets;
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private final List<Integer> extraDocuments = new ArrayList<>();
        private YamlNode root;
        private int documents;
        private boolean aliases;
        private YamlDocument.SyntaxError error;

        private static final class Frame {
            final YamlNode node;
            YamlNode pendingKey;

            Frame(YamlNode node) {
                this.node = node;
            }
        }

        Builder(String text) {
            this.text = text;
            this.offsets = new CodePointOffsets(text);
        }

        /** Returns -1 on success, else the offset of the line to blank before trying again. */
        int run() {
            try {
                // One buffer for the whole text: the reader's default small buffer grows by copying,
                // which is quadratic on a long line.
                LoadSettings settings = LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE)
                        .setBufferSize(text.length() + 1).setUseMarks(true).build();
                for (Event event : new Parse(settings).parseString(text)) {
                    if (!accept(event)) {
                        break;
                    }
                }
                return -1;
            } catch (ReaderException e) {
                int at = offsets.toUtf16(e.getPosition());
                closeAll(at);
                error = new YamlDocument.SyntaxError(
                        "Character not allowed in YAML: U+" + String.format("%04X", e.getCodePoint()), at,
                        Math.min(text.length(), at + Character.charCount(e.getCodePoint())));
                return at;
            } catch (MarkedYamlEngineException e) {
                Optional<Mark> culpritMark = e instanceof ScannerException && e.getContextMark().isPresent()
                        ? e.getContextMark() : e.getProblemMark();
                int at = culpritMark.map(m -> offsets.toUtf16(m.getIndex())).orElse(text.length());
                int problemAt = e.getProblemMark().map(m -> offsets.toUtf16(m.getIndex())).orElse(at);
                closeAll(Math.min(at, problemAt));
                error = new YamlDocument.SyntaxError(describe(e), at, lineContentEnd(at));
                return at;
            } catch (YamlEngineException e) {
                closeAll(text.length());
                error = new YamlDocument.SyntaxError("Invalid YAML: " + e.getMessage(), 0, lineContentEnd(0));
                return 0;
            }
        }

        private static String describe(MarkedYamlEngineException e) {
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext();
            String message = Character.toUpperCase(problem.charAt(0)) + problem.substring(1);
            return context == null ? message : message + " (" + context + ")";
        }

        /** The end of the trimmed line content from {@code at}; at least one character when possible. */
        private int lineContentEnd(int at) {
            int end = at;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            while (end > at && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            return end == at && at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r'
                    ? at + 1 : end;
        }

        private int start(Event e) {
            return e.getStartMark().map(m -> offsets.toUtf16(m.getIndex())).orElse(0);
        }

        private int end(Event e) {
            return e.getEndMark().map(m -> offsets.toUtf16(m.getIndex())).orElse(0);
        }

        /** Returns false once the first document is complete and another one starts. */
        private boolean accept(Event event) {
            switch (event.getEventId()) {
                case DocumentStart -> {
                    if (++documents > 1) {
                        extraDocuments.add(start(event));
                    }
                }
                case Scalar -> {
                    if (documents <= 1) {
                        ScalarEvent s = (ScalarEvent) event;
                        attach(register(s, new YamlScalar(start(s), end(s), tag(s.getTag()), s.getValue(), style(s))));
                    }
                }
                case Alias -> {
                    if (documents <= 1) {
                        AliasEvent a = (AliasEvent) event;
                        aliases = true;
                        String name = a.getAlias().getValue();
                        attach(new YamlAlias(start(a), end(a), name, anchors.get(name)));
                    }
                }
                case MappingStart, SequenceStart -> {
                    if (documents <= 1) {
                        CollectionStartEvent c = (CollectionStartEvent) event;
                        boolean flow = c.isFlow();
                        String tag = tag(c.getTag());
                        YamlNode node = event instanceof MappingStartEvent
                                ? new YamlMapping(start(c), start(c), tag, flow)
                                : new YamlSequence(start(c), start(c), tag, flow);
                        attach(register(c, node));
                        stack.push(new Frame(node));
                    }
                }
                case MappingEnd, SequenceEnd -> {
                    if (documents <= 1 && !stack.isEmpty()) {
                        Frame f = stack.pop();
                        close(f, isFlow(f.node) ? end(event) : lastChildEnd(f.node));
                    }
                }
                default -> {
                    // stream and document boundaries, comments: nothing to build
                }
            }
            return true;
        }

        private YamlNode register(NodeEvent e, YamlNode node) {
            Optional<Anchor> anchor = e.getAnchor();
            anchor.ifPresent(a -> anchors.put(a.getValue(), node));
            return node;
        }

        private static String tag(Optional<String> tag) {
            return tag.filter(t -> !t.equals("!")).orElse(null);
        }

        private static YamlScalar.Style style(ScalarEvent s) {
            return switch (s.getScalarStyle()) {
                case SINGLE_QUOTED -> YamlScalar.Style.SINGLE_QUOTED;
                case DOUBLE_QUOTED -> YamlScalar.Style.DOUBLE_QUOTED;
                case LITERAL -> YamlScalar.Style.LITERAL;
                case FOLDED -> YamlScalar.Style.FOLDED;
                default -> YamlScalar.Style.PLAIN;
            };
        }

        private static boolean isFlow(YamlNode node) {
            return node instanceof YamlMapping m ? m.isFlow() : ((YamlSequence) node).isFlow();
        }

        private void attach(YamlNode node) {
            Frame top = stack.peek();
            if (top == null) {
                if (root == null) {
                    root = node;
                }
                return;
            }
            node.setParent(top.node);
            if (top.node instanceof YamlSequence s) {
                s.add(node);
            } else if (top.pendingKey == null) {
                top.pendingKey = node;
            } else {
                ((YamlMapping) top.node).add(new YamlMapping.Entry(top.pendingKey, node));
                top.pendingKey = null;
            }
        }

        private void close(Frame f, int end) {
            if (f.pendingKey != null && f.node instanceof YamlMapping m) {
                // A key whose value was cut off by a syntax error: give it an empty value.
                int at = f.pendingKey.end();
                YamlScalar empty = new YamlScalar(at, at, null, "", YamlScalar.Style.PLAIN);
                empty.setParent(m);
                m.add(new YamlMapping.Entry(f.pendingKey, empty));
                f.pendingKey = null;
                end = Math.max(end, at);
            }
            f.node.setEnd(Math.max(f.node.start(), Math.max(end, lastChildEnd(f.node))));
        }

        private void closeAll(int at) {
            while (!stack.isEmpty()) {
                Frame f = stack.pop();
                close(f, isFlow(f.node) ? at : lastChildEnd(f.node));
            }
        }

        private static int lastChildEnd(YamlNode node) {
            if (node instanceof YamlMapping m && !m.entries().isEmpty()) {
                YamlMapping.Entry last = m.entries().get(m.entries().size() - 1);
                return Math.max(last.key().end(), last.value().end());
            }
            if (node instanceof YamlSequence s && !s.items().isEmpty()) {
                return s.items().get(s.items().size() - 1).end();
            }
            return node.end();
        }
    }

    /** snakeyaml-engine counts code points; LSP and Java strings count UTF-16 units. */
    private static final class CodePointOffsets {
        private final int[] utf16;

        CodePointOffsets(String text) {
            // free for text the JVM stores as Latin-1, one pass otherwise
            int codePoints = text.codePointCount(0, text.length());
            if (codePoints == text.length()) {
                utf16 = null;
                return;
            }
            utf16 = new int[codePoints + 1];
            int cp = 0;
            for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
                utf16[cp++] = i;
            }
            utf16[cp] = text.length();
        }

        int toUtf16(int codePointIndex) {
            if (utf16 == null) {
                return codePointIndex;
            }
            return utf16[Math.max(0, Math.min(codePointIndex, utf16.length - 1))];
        }
    }
}
