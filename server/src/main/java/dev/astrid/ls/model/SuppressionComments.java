package dev.astrid.ls.model;

import dev.astrid.ls.text.TextDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code # astrid-ls: <directive> [<code>, …]} comments of a document, with the position of
 * each word, for the filter that applies them and the rule that checks them.
 */
public final class SuppressionComments {
    public static final String PREFIX = "# astrid-ls: ";
    public static final String NEXT_LINE = "disable-next-line";
    public static final String FILE = "disable-file";
    public static final List<String> DIRECTIVES = List.of(NEXT_LINE, FILE);

    private static final Pattern COMMENT = Pattern.compile("^\\s*#\\s*astrid-ls:\\s*([^\\s#,]*)([^#]*)");
    private static final Pattern WORD = Pattern.compile("[^\\s,]+");

    /** A word of a comment and where it is in the document. */
    public record Word(String text, int start, int end) {}

    /** One comment: its line, its directive (as written) and its codes (none: every code). */
    public record Comment(int line, Word directive, List<Word> codes) {}

    private SuppressionComments() {}

    public static List<Comment> of(TextDocument doc) {
        List<Comment> out = new ArrayList<>();
        if (doc.text().indexOf("astrid-ls:") < 0) {
            return out;
        }
        for (int line = 0; line < doc.lineCount(); line++) {
            String text = doc.lineText(line);
            Matcher m = COMMENT.matcher(text);
            if (!m.find()) {
                continue;
            }
            int base = doc.lineStart(line);
            List<Word> codes = new ArrayList<>();
            Matcher w = WORD.matcher(m.group(2));
            while (w.find()) {
                codes.add(new Word(w.group(), base + m.start(2) + w.start(), base + m.start(2) + w.end()));
            }
            out.add(new Comment(line, new Word(m.group(1), base + m.start(1), base + m.end(1)), codes));
        }
        return out;
    }
}
