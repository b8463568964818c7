package dev.astrid.ls.python;

import dev.astrid.ls.text.Position;
import dev.astrid.ls.text.Range;
import java.util.List;
import java.util.Map;

/**
 * What one Python module does, as far as its text shows without running it. All offsets are
 * UTF-16 indexes into the analysed text, end exclusive. Names are resolved through the module's
 * imports and simple aliases ({@code import urllib.request as ur; ur.urlopen} is
 * {@code urllib.request.urlopen}); a name whose root no import binds stays as written.
 *
 * @param errors offsets where the text is not valid Python (the analysis went on past each)
 * @param lineStarts the offset each line starts at, for {@link #line}
 */
public record PyModule(List<Import> imports, List<Reference> references, List<EnvRead> envReads,
        List<UrlUse> urls, Map<String, Constant> constants, List<ProviderTable> providerTables,
        List<Literal> literals, List<Function> functions, List<Integer> errors, int[] lineStarts) {

    /** The 1-based line of an offset ({@code lineStarts} holds each line's first offset; \n, \r\n and \r end lines). */
    public int line(int offset) {
        int i = java.util.Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** A span as 0-based lines and UTF-16 columns. */
    public Range range(int start, int end) {
        return new Range(position(start), position(end));
    }

    private Position position(int offset) {
        int line = line(offset) - 1;
        return new Position(line, offset - lineStarts[line]);
    }

    /**
     * {@code import module as boundAs} ({@code name} null) or {@code from module import name as boundAs};
     * {@code level} counts the leading dots of a relative import, {@code name} is "*" for a star import.
     */
    public record Import(String module, String name, String boundAs, int level, int start, int end) {
        /** The dotted name the bound name stands for, with the relative import's dots in front. */
        public String qualified() {
            String base = ".".repeat(level) + module;
            if (name == null) {
                return boundAs.equals(module) || module.startsWith(boundAs + ".") ? boundAs : base;
            }
            return base.isEmpty() || base.endsWith(".") ? base + name : base + "." + name;
        }
    }

    /**
     * A use of a dotted name: a call ({@code call}, with its arguments) or, for a resolved name only,
     * a value ({@code x = subprocess.run}).
     * {@code resolved} says the name's root was bound by an import (or is a builtin); a method called
     * on an expression ({@code foo().to("cuda")}) has a name starting with ".". {@code function} is
     * the innermost enclosing {@code def}, or null at module level.
     */
    public record Reference(String name, boolean resolved, boolean call, int start, int end, String function,
            List<Arg> args) {
        /** The last segment: {@code urlopen} for {@code urllib.request.urlopen}. */
        public String attribute() {
            return name.substring(name.lastIndexOf('.') + 1);
        }

        /** The positional argument at an index, or null. */
        public Arg positional(int index) {
            int i = 0;
            for (Arg a : args) {
                if (a.keyword() == null && i++ == index) {
                    return a;
                }
            }
            return null;
        }

        public Arg keyword(String keyword) {
            return args.stream().filter(a -> keyword.equals(a.keyword())).findFirst().orElse(null);
        }
    }

    /**
     * One argument of a call. {@code keyword} is its name, "*" or "**" for unpacking, null when
     * positional. {@code string} is its value when that is a known string (a literal, or a
     * module constant holding one); {@code formatted} says it is an f-string, whose fields stand as
     * {@link PyString#FIELD}. {@code chain} is the resolved dotted name when the argument is just
     * one, and {@code head} the known string value of the first element of a list or tuple literal,
     * or the string an expression starts with ({@code "curl -s " + url}). {@code calls} are the
     * (resolved) names of the calls inside it: {@code [_search_url]} for {@code get(_search_url(q))}.
     */
    public record Arg(String keyword, int start, int end, String text, String string, boolean formatted,
            String chain, String head, List<String> calls) {}

    /** How the name of an environment variable read was found. */
    public enum Via {
        /** written as a string literal */
        LITERAL,
        /** held in a module-level string constant */
        CONSTANT,
        /** imported from a module named {@code env_vars}, whose constants equal their names */
        REGISTRY,
        /** looked up in a provider table: {@code detail} is the table; the name is null for a key known only at run time */
        PROVIDER_TABLE,
        /** a constant imported from another module: {@code detail} is {@code module:name} */
        IMPORTED,
        /** computed at run time: the name is null and {@code detail} the expression */
        DYNAMIC,
        /** the whole environment is read or handed on ({@code dict(os.environ)}, {@code env=os.environ}) */
        WHOLE
    }

    /**
     * An environment read: {@code os.environ[...]}, {@code os.environ.get}, {@code os.getenv},
     * {@code os.environ.setdefault} and {@code pop} (both return the current value), and
     * {@code "NAME" in os.environ}. Writes ({@code os.environ[k] = v}, {@code del}, {@code update})
     * are not reads. {@code code} is the source text, shortened.
     */
    public record EnvRead(String name, Via via, String detail, String code, int start, int end, String function) {}

    /**
     * A URL used in code: a literal, or a reference to a module constant holding one
     * ({@code constant}). {@code host} has each f-string field as "*"; {@code calls} are the calls
     * the use sits inside, innermost first.
     */
    public record UrlUse(String url, String host, String constant, List<String> calls, int start, int end,
            String function) {}

    /** A module-level {@code NAME = "text"}; the offsets are the literal's. */
    public record Constant(String name, String value, int start, int end) {}

    /** A module-level dict literal mapping names to environment variable names ({@code {"fal": "FAL_KEY"}}). */
    public record ProviderTable(String name, Map<String, String> entries, int start, int end) {}

    /** A short plain string literal outside docstrings, and the innermost call it is an argument of, if any. */
    public record Literal(String value, int start, int end, String call) {}

    /** A {@code def}: from the keyword to the end of its body. */
    public record Function(String name, int start, int end) {}
}
