package dev.astrid.ls.python;

import dev.astrid.ls.python.PyModule.Arg;
import dev.astrid.ls.python.PyModule.Constant;
import dev.astrid.ls.python.PyModule.EnvRead;
import dev.astrid.ls.python.PyModule.Function;
import dev.astrid.ls.python.PyModule.Import;
import dev.astrid.ls.python.PyModule.Literal;
import dev.astrid.ls.python.PyModule.ProviderTable;
import dev.astrid.ls.python.PyModule.Reference;
import dev.astrid.ls.python.PyModule.UrlUse;
import dev.astrid.ls.python.PyModule.Via;
import dev.astrid.ls.python.PyToken.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Module-level analysis of Python source from its tokens alone: no parse tree, no evaluation.
 * Two passes: statements (imports, module constants, aliases, provider tables, {@code def}s), then
 * every expression, f-string fields included, for dotted names, calls with their arguments,
 * environment reads and URLs. Bindings are per module and flow-insensitive: an import anywhere,
 * a function's own import included, binds its name everywhere except where a parameter of an
 * enclosing function has the same name.
 */
public final class PyAnalyzer {
    /** Builtins that matter to the disclosure, resolved as themselves unless the module binds the name. */
    private static final Set<String> BUILTINS = Set.of("exec", "eval", "compile", "__import__", "open", "print");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
    private static final Pattern TABLE_KEY = Pattern.compile("[a-z][a-z0-9_.\\-]*");
    private static final int LITERAL_MAX = 64;
    private static final int TEXT_MAX = 80;

    private final String text;
    private final List<PyToken> main;
    private final int[] mainMatch;
    /** Index into {@link #fns} of the innermost function around each main token, or -1. */
    private final int[] fnAt;
    /** Tokens of docstrings, import statements and constant definitions: no use is read from them. */
    private final boolean[] quiet;
    /** Tokens of an alias's right-hand side ({@code environ = os.environ}): a name, not a read. */
    private final boolean[] aliasRhs;

    private final List<Import> imports = new ArrayList<>();
    private final Map<String, String> bindings = new HashMap<>();
    private final Map<String, Import> importOf = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, Integer> bindCount = new HashMap<>();
    private final Map<String, Constant> constants = new LinkedHashMap<>();
    private final Map<String, ProviderTable> tables = new LinkedHashMap<>();
    private final List<Fn> fns = new ArrayList<>();

    private final List<Reference> references = new ArrayList<>();
    private final List<EnvRead> envReads = new ArrayList<>();
    private final List<UrlUse> urls = new ArrayList<>();
    private final List<Literal> literals = new ArrayList<>();

    /** A def while it is being read: its parameters shadow module bindings inside it. */
    private static final class Fn {
        final String name;
        final int parent;
        final int depth; // indentation depth of the def line
        final int start;
        int end = -1;
        final Set<String> params = new HashSet<>();

        Fn(String name, int parent, int depth, int start) {
            this.name = name;
            this.parent = parent;
            this.depth = depth;
            this.start = start;
        }
    }

    private PyAnalyzer(String text, List<PyToken> tokens) {
        this.text = text;
        this.main = tokens;
        this.mainMatch = match(tokens);
        this.fnAt = new int[tokens.size()];
        this.quiet = new boolean[tokens.size()];
        this.aliasRhs = new boolean[tokens.size()];
    }

    public static PyModule analyze(String text) {
        PyTokenizer.Result r = PyTokenizer.tokenize(text);
        PyAnalyzer a = new PyAnalyzer(text, r.tokens());
        a.statements();
        a.scan(a.main, a.mainMatch, -1, List.of());
        List<Function> functions = a.fns.stream().map(f -> new Function(f.name, f.start, f.end)).toList();
        Map<String, Constant> constants = new LinkedHashMap<>(a.constants);
        constants.keySet().removeIf(name -> a.bindCount.getOrDefault(name, 0) != 1); // rebound: value unknown
        return new PyModule(List.copyOf(a.imports), List.copyOf(a.references), List.copyOf(a.envReads),
                List.copyOf(a.urls), Map.copyOf(constants), List.copyOf(a.tables.values()), List.copyOf(a.literals),
                functions, r.errors(), lineStarts(text));
    }

    /** Where each line starts; {@code indexOf} is fast, so a text without a lone \r is searched for \n only. */
    static int[] lineStarts(String text) {
        int[] starts = new int[Math.max(16, text.length() / 32)];
        int n = 1;
        boolean cr = text.indexOf('\r') >= 0;
        for (int i = cr ? 0 : text.indexOf('\n'); i >= 0 && i < text.length(); i = cr ? i + 1 : text.indexOf('\n', i + 1)) {
            char c = text.charAt(i);
            if (c != '\n' && c != '\r') {
                continue;
            }
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            if (n == starts.length) {
                starts = java.util.Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = i + 1;
        }
        return java.util.Arrays.copyOf(starts, n);
    }

    /** For each bracket token, the index of its partner; -1 elsewhere and for unmatched ones. */
    private static int[] match(List<PyToken> tokens) {
        int[] m = new int[tokens.size()];
        java.util.Arrays.fill(m, -1);
        int[] stack = new int[16]; // open brackets' indexes
        int[] kinds = new int[16]; // and kinds: 0 '(', 1 '[', 2 '{'
        int sp = 0;
        int[] open = new int[3]; // per kind, so a closer with no opener costs no search
        for (int i = 0; i < tokens.size(); i++) {
            PyToken t = tokens.get(i);
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.END) { // the tokenizer closed what is still open
                while (sp > 0) {
                    m[stack[--sp]] = i;
                }
                java.util.Arrays.fill(open, 0);
                continue;
            }
            switch (t.op()) {
                case '(', '[', '{' -> {
                    if (sp == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, sp * 2);
                        kinds = java.util.Arrays.copyOf(kinds, sp * 2);
                    }
                    int kind = t.op() == '(' ? 0 : t.op() == '[' ? 1 : 2;
                    stack[sp] = i;
                    kinds[sp++] = kind;
                    open[kind]++;
                }
                case ')', ']', '}' -> {
                    int kind = t.op() == ')' ? 0 : t.op() == ']' ? 1 : 2;
                    if (open[kind] > 0) {
                        while (kinds[sp - 1] != kind) { // unclosed inside: ends here too
                            m[stack[--sp]] = i;
                            open[kinds[sp]]--;
                        }
                        m[stack[sp - 1]] = i;
                        m[i] = stack[sp - 1];
                        sp--;
                        open[kind]--;
                    }
                }
                default -> {
                    // not a bracket
                }
            }
        }
        while (sp > 0) {
            m[stack[--sp]] = tokens.size() - 1;
        }
        return m;
    }

    // ---- pass 1: statements ---------------------------------------------------------------

    private void statements() {
        int depth = 0;
        int fn = -1;
        boolean lineStart = true;
        int pendingDef = -1; // a def whose body has not started yet
        for (int i = 0; i < main.size(); i++) {
            PyToken t = main.get(i);
            switch (t.kind()) {
                case INDENT -> {
                    depth++;
                    pendingDef = -1;
                    lineStart = true;
                }
                case DEDENT -> {
                    depth--;
                    while (fn >= 0 && fns.get(fn).end < 0 && fns.get(fn).depth >= depth) {
                        fns.get(fn).end = t.start();
                        fn = fns.get(fn).parent;
                    }
                    lineStart = true;
                }
                case NEWLINE -> {
                    if (pendingDef >= 0 && (i + 1 >= main.size() || main.get(i + 1).kind() != Kind.INDENT)) {
                        fns.get(pendingDef).end = t.start(); // a one-line def
                        fn = fns.get(pendingDef).parent;
                    }
                    pendingDef = -1;
                    lineStart = true;
                }
                default -> {
                    if (lineStart) {
                        lineStart = false;
                        int def = statement(i, depth, fn);
                        if (def >= 0) {
                            fn = def;
                            pendingDef = def;
                        }
                    }
                }
            }
            fnAt[i] = fn;
        }
        for (Fn f : fns) {
            if (f.end < 0) {
                f.end = text.length();
            }
        }
    }

    /** Reads the statement starting at token {@code i}; returns the index of a new function, or -1. */
    private int statement(int i, int depth, int fn) {
        int end = lineEnd(i);
        PyToken t = main.get(i);
        if (t.isName("import") || t.isName("from") || t.isName("global") || t.isName("nonlocal")) {
            if (t.isName("import")) {
                importNames(i + 1, end);
            } else if (t.isName("from")) {
                fromImport(i + 1, end);
            }
            for (int k = i; k < end; k++) {
                quiet[k] = true;
            }
        } else if (t.isName("def") || (t.isName("async") && i + 1 < end && main.get(i + 1).isName("def"))) {
            int n = t.isName("def") ? i + 1 : i + 2;
            if (n < end && main.get(n).kind() == Kind.NAME) {
                bind(main.get(n).text());
                Fn f = new Fn(main.get(n).text(), fn, depth, t.start());
                params(n + 1, f);
                fns.add(f);
                return fns.size() - 1;
            }
        } else if (t.isName("class") && i + 1 < end && main.get(i + 1).kind() == Kind.NAME) {
            bind(main.get(i + 1).text());
        } else if (t.kind() == Kind.STRING && allStrings(i, end)) {
            for (int k = i; k < end; k++) {
                quiet[k] = true; // a docstring, or a string standing alone as a statement
            }
        } else if (t.kind() == Kind.NAME && !keyword(t.text())) {
            assignment(i, end, depth);
        }
        return -1;
    }

    private int lineEnd(int i) {
        int e = i;
        while (e < main.size() && main.get(e).kind() != Kind.NEWLINE && main.get(e).kind() != Kind.END) {
            e++;
        }
        return e;
    }

    private boolean allStrings(int from, int to) {
        for (int k = from; k < to; k++) {
            if (main.get(k).kind() != Kind.STRING) {
                return false;
            }
        }
        return true;
    }

    private void bind(String name) {
        bindCount.merge(name, 1, Integer::sum);
    }

    /** The dotted module name starting at token {@code i}, and the index after it. */
    private record Dotted(String name, int next) {}

    private Dotted dotted(int i, int end) {
        StringBuilder module = new StringBuilder();
        while (i < end && main.get(i).kind() == Kind.NAME && !main.get(i).isName("as") && !main.get(i).isName("import")) {
            module.append(main.get(i).text());
            i++;
            if (i < end && main.get(i).isOp(".")) {
                module.append('.');
                i++;
            } else {
                break;
            }
        }
        return new Dotted(module.toString(), i);
    }

    private void importNames(int i, int end) {
        while (i < end) {
            int start = i;
            Dotted d = dotted(i, end);
            String m = d.name();
            i = d.next();
            if (!m.isEmpty() && !m.endsWith(".")) {
                String bound = m.contains(".") ? m.substring(0, m.indexOf('.')) : m;
                if (i + 1 < end && main.get(i).isName("as") && main.get(i + 1).kind() == Kind.NAME) {
                    bound = main.get(i + 1).text();
                    i += 2;
                }
                addImport(new Import(m, null, bound, 0, main.get(start).start(), main.get(i - 1).end()));
            }
            while (i < end && !main.get(i).isOp(",")) {
                i++;
            }
            i++;
        }
    }

    private void fromImport(int i, int end) {
        int level = 0;
        while (i < end && main.get(i).kind() == Kind.OP && (main.get(i).isOp(".") || main.get(i).isOp("..."))) {
            level += main.get(i).text().length();
            i++;
        }
        Dotted module = dotted(i, end);
        i = module.next();
        if (i >= end || !main.get(i).isName("import")) {
            return;
        }
        i++;
        for (; i < end; i++) {
            PyToken t = main.get(i);
            if (t.isOp("*")) {
                imports.add(new Import(module.name(), "*", null, level, t.start(), t.end()));
            } else if (t.kind() == Kind.NAME && !t.isName("as")) {
                String bound = t.text();
                int last = i;
                if (i + 2 < end && main.get(i + 1).isName("as") && main.get(i + 2).kind() == Kind.NAME) {
                    bound = main.get(i + 2).text();
                    last = i + 2;
                }
                addImport(new Import(module.name(), t.text(), bound, level, t.start(), main.get(last).end()));
                i = last;
            }
        }
    }

    private void addImport(Import imp) {
        imports.add(imp);
        bind(imp.boundAs());
        bindings.putIfAbsent(imp.boundAs(), imp.qualified());
        importOf.putIfAbsent(imp.boundAs(), imp);
    }

    /** Parameter names of a def whose name token is just before {@code i}. */
    private void params(int i, Fn f) {
        if (i >= main.size() || !main.get(i).isOp("(") || mainMatch[i] < 0) {
            return;
        }
        int depth = 0;
        for (int k = i; k < mainMatch[i]; k++) {
            PyToken t = main.get(k);
            if (t.kind() == Kind.OP && "([{".contains(t.text())) {
                depth++;
            } else if (t.kind() == Kind.OP && ")]}".contains(t.text())) {
                depth--;
            } else if (depth == 1 && t.kind() == Kind.NAME) {
                PyToken prev = main.get(k - 1);
                if (prev.isOp("(") || prev.isOp(",") || prev.isOp("*") || prev.isOp("**")) {
                    f.params.add(t.text());
                }
            }
        }
    }

    /** {@code NAME = value} or {@code NAME: type = value}: constants, tables and aliases. */
    private void assignment(int i, int end, int depth) {
        int eq = i + 1;
        if (eq < end && main.get(eq).isOp(":")) {
            while (eq < end && !main.get(eq).isOp("=")) {
                eq = mainMatch[eq] > eq ? mainMatch[eq] + 1 : eq + 1;
            }
        }
        if (eq >= end || !main.get(eq).isOp("=")) {
            return;
        }
        String name = main.get(i).text();
        bind(name);
        int r = eq + 1;
        if (r >= end || assignsAgain(r, end)) {
            return;
        }
        if (depth == 0 && allStrings(r, end) && noneFormatted(r, end)) {
            String value = concat(main, r, end);
            Constant prev = constants.get(name);
            if (prev == null || prev.value().equals(value)) {
                constants.put(name, new Constant(name, value, main.get(r).start(), main.get(end - 1).end()));
            } else {
                constants.remove(name); // two values: neither is known to hold
            }
            for (int k = r; k < end; k++) {
                quiet[k] = true;
            }
        } else if (depth == 0 && main.get(r).isOp("{") && mainMatch[r] == end - 1) {
            table(name, r, end - 1);
        } else if (isChain(r, end)) {
            aliases.put(name, chainText(main, r, end));
            for (int k = r; k < end; k++) {
                aliasRhs[k] = true;
            }
        }
    }

    /** A second {@code =} at depth 0: a multiple-target assignment, too ambiguous to read. */
    private boolean assignsAgain(int r, int end) {
        for (int k = r; k < end; k++) {
            if (mainMatch[k] > k) {
                k = mainMatch[k];
            } else if (main.get(k).isOp("=")) {
                return true;
            }
        }
        return false;
    }

    private boolean noneFormatted(int from, int to) {
        for (int k = from; k < to; k++) {
            if (main.get(k).string().formatted()) {
                return false;
            }
        }
        return true;
    }

    private boolean isChain(int from, int to) {
        if ((to - from) % 2 == 0) {
            return false;
        }
        for (int k = from; k < to; k++) {
            PyToken t = main.get(k);
            boolean ok = (k - from) % 2 == 0 ? t.kind() == Kind.NAME && !keyword(t.text()) : t.isOp(".");
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code {"fal": "FAL_KEY", ...}}: plain string pairs, every value an upper-case env name. */
    private void table(String name, int open, int close) {
        Map<String, String> entries = new LinkedHashMap<>();
        int k = open + 1;
        while (k < close) {
            if (k + 2 >= close + 1 || main.get(k).kind() != Kind.STRING || !main.get(k + 1).isOp(":")
                    || main.get(k + 2).kind() != Kind.STRING || main.get(k).string().formatted()
                    || main.get(k + 2).string().formatted()) {
                return;
            }
            String key = main.get(k).string().value();
            String value = main.get(k + 2).string().value();
            if (!TABLE_KEY.matcher(key).matches() || !ENV_NAME.matcher(value).matches()) {
                return;
            }
            entries.put(key, value);
            k += 3;
            if (k < close && !main.get(k).isOp(",")) {
                return;
            }
            k++;
        }
        if (!entries.isEmpty()) {
            tables.put(name, new ProviderTable(name, Map.copyOf(entries), main.get(open).start(), main.get(close).end()));
        }
    }

    // ---- pass 2: expressions --------------------------------------------------------------

    /**
     * Scans one token list: the module's, or an f-string field's ({@code outerFn} and
     * {@code outerCalls} then come from the string around it).
     */
    private void scan(List<PyToken> toks, int[] match, int outerFn, List<String> outerCalls) {
        boolean isMain = toks == main;
        int[] callCloses = new int[8]; // the open calls: where each ends, parallel to callNames
        List<String> callNames = new ArrayList<>();
        int[] closes = new int[8]; // the open brackets: where each ends, and whether it is a subscript '['
        boolean[] subscript = new boolean[8];
        int open = 0;
        for (int i = 0; i < toks.size(); i++) {
            while (!callNames.isEmpty() && callCloses[callNames.size() - 1] <= i) {
                callNames.remove(callNames.size() - 1);
            }
            while (open > 0 && closes[open - 1] < i) {
                open--;
            }
            PyToken t = toks.get(i);
            int fn = isMain ? fnAt[i] : outerFn;
            char op = t.op();
            if (op == '(' || op == '[' || op == '{') {
                if (open == closes.length) {
                    closes = java.util.Arrays.copyOf(closes, open * 2);
                    subscript = java.util.Arrays.copyOf(subscript, open * 2);
                }
                closes[open] = match[i];
                subscript[open++] = op == '[' && i > 0 && endsOperand(toks.get(i - 1));
                continue;
            }
            if (t.kind() == Kind.STRING) {
                int j = i;
                while (j < toks.size() && toks.get(j).kind() == Kind.STRING) {
                    j++;
                }
                if (!(isMain && quiet[i])) {
                    literal(toks, i, j, callNames, outerCalls, fn);
                }
                List<String> here = null; // built only when needed: deep nesting makes it long
                for (int k = i; k < j; k++) {
                    for (List<PyToken> field : toks.get(k).string().fields()) {
                        here = here != null ? here : enclosing(callNames, outerCalls);
                        scan(field, match(field), fn, here);
                    }
                }
                i = j - 1;
                continue;
            }
            boolean method = op == '.' && i > 0 && i + 1 < toks.size() && toks.get(i + 1).kind() == Kind.NAME
                    && (toks.get(i - 1).op() == ')' || toks.get(i - 1).op() == ']'
                    || toks.get(i - 1).kind() == Kind.STRING);
            boolean chainStart = t.kind() == Kind.NAME && !keyword(t.text())
                    && (i == 0 || !(toks.get(i - 1).op() == '.' || toks.get(i - 1).isName("def")
                    || toks.get(i - 1).isName("class")));
            if (!method && !chainStart) {
                continue;
            }
            int from = method ? i + 1 : i;
            int j = from + 1;
            while (j + 1 < toks.size() && toks.get(j).op() == '.' && toks.get(j + 1).kind() == Kind.NAME) {
                j += 2;
            }
            String root = toks.get(from).text();
            String written = j == from + 1 ? root : chainText(toks, from, j);
            boolean shadowed = method || shadowedAt(root, fn);
            String name = method ? "." + written : shadowed ? written : resolve(root, written);
            boolean resolved = !shadowed && bound(root);
            PyToken next = j < toks.size() ? toks.get(j) : null;
            PyToken prev = from > 0 ? toks.get(from - (method ? 2 : 1)) : null;
            boolean call = next != null && next.op() == '(';
            boolean lineStart = prev == null || prev.kind() == Kind.NEWLINE || prev.kind() == Kind.INDENT
                    || prev.kind() == Kind.DEDENT;
            // an assignment target or a keyword argument's name is not a use
            boolean target = next != null && (next.op() == '=' || (next.op() == ':' && lineStart));
            if ((isMain && quiet[i]) || (target && !method)) {
                i = j - 1;
                continue;
            }
            List<Arg> args = List.of();
            if (call) {
                args = args(toks, match, j, match[j]);
                if (callNames.size() == callCloses.length) {
                    callCloses = java.util.Arrays.copyOf(callCloses, callCloses.length * 2);
                }
                callCloses[callNames.size()] = match[j];
                callNames.add(name);
            }
            boolean value = !method && prev != null && valueBefore(prev) && (open == 0 || !subscript[open - 1]);
            if (call || (value && resolved)) {
                references.add(new Reference(name, resolved, call, t.start(), toks.get(j - 1).end(), fnName(fn), args));
            }
            if (!shadowed && !(isMain && aliasRhs[i])) {
                if (name.startsWith("os.")) {
                    env(toks, match, from, j, name, fn);
                }
                if (constants.containsKey(root)) {
                    urlConstant(root, toks.get(from), enclosing(callNames.subList(0, call ? callNames.size() - 1
                            : callNames.size()), outerCalls), fn);
                }
            }
            i = j - 1;
        }
    }

    private static boolean endsOperand(PyToken t) {
        return (t.kind() == Kind.NAME && !keyword(t.text())) || t.kind() == Kind.STRING || t.op() == ')'
                || t.op() == ']';
    }

    private static List<String> enclosing(List<String> callNames, List<String> outer) {
        List<String> out = new ArrayList<>(callNames.size() + outer.size());
        for (int k = callNames.size() - 1; k >= 0; k--) {
            out.add(callNames.get(k));
        }
        out.addAll(outer);
        return List.copyOf(out);
    }

    private String fnName(int fn) {
        return fn < 0 ? null : fns.get(fn).name;
    }

    private boolean shadowedAt(String root, int fn) {
        for (int f = fn; f >= 0; f = fns.get(f).parent) {
            if (fns.get(f).params.contains(root)) {
                return true;
            }
        }
        return false;
    }

    /** Per name, whether an import (or the builtins) binds it: asked of every name, answered once each. */
    private final Map<String, Boolean> boundRoots = new HashMap<>();

    private boolean bound(String root) {
        Boolean b = boundRoots.get(root);
        if (b == null) {
            b = isImported(root) || (BUILTINS.contains(root) && !bindCount.containsKey(root));
            boundRoots.put(root, b);
        }
        return b;
    }

    private boolean isImported(String root) {
        for (int hops = 0; hops < 8 && root != null; hops++) {
            if (bindings.containsKey(root)) {
                return true;
            }
            String alias = aliasOf(root);
            root = alias == null ? null : alias.split("\\.", 2)[0];
        }
        return false;
    }

    private String aliasOf(String name) {
        return bindCount.getOrDefault(name, 0) == 1 ? aliases.get(name) : null;
    }

    /** A written dotted name with its root replaced by what the root stands for. */
    private String resolve(String written) {
        int dot = written.indexOf('.');
        return resolve(dot < 0 ? written : written.substring(0, dot), written);
    }

    /** What each root name stands for, once looked up (itself when nothing binds it). */
    private final Map<String, String> roots = new HashMap<>();

    /** {@code written}, which starts with {@code root}, with the root replaced by what it stands for. */
    private String resolve(String root, String written) {
        String to = roots.computeIfAbsent(root, r -> resolveRoot(r, ""));
        return to == root ? written : to + written.substring(root.length());
    }

    private String resolveRoot(String root, String rest) {
        if (!bindings.containsKey(root) && !aliases.containsKey(root)) {
            return root;
        }
        for (int hops = 0; hops < 8; hops++) {
            String bound = bindings.get(root);
            if (bound != null) {
                return bound + rest;
            }
            String alias = aliasOf(root);
            if (alias == null) {
                break;
            }
            int dot = alias.indexOf('.');
            rest = (dot < 0 ? "" : alias.substring(dot)) + rest;
            root = dot < 0 ? alias : alias.substring(0, dot);
        }
        return root + rest;
    }

    private static String chainText(List<PyToken> toks, int from, int to) {
        if (to - from == 1) {
            return toks.get(from).text();
        }
        StringBuilder sb = new StringBuilder(32);
        for (int k = from; k < to; k++) {
            sb.append(toks.get(k).text());
        }
        return sb.toString();
    }

    private static String concat(List<PyToken> toks, int from, int to) {
        if (to - from == 1) {
            return toks.get(from).string().value(); // one literal, the usual case
        }
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            sb.append(toks.get(k).string().value());
        }
        return sb.toString();
    }

    /** Source text with runs of white space as one space, shortened for messages. */
    private String text(int start, int end) {
        int stop = Math.min(end, text.length());
        if (stop - start < TEXT_MAX) {
            int k = start;
            while (k < stop && !Character.isWhitespace(text.charAt(k))) {
                k++;
            }
            if (k == stop) {
                return text.substring(start, stop); // the usual short argument: as written
            }
        }
        StringBuilder sb = new StringBuilder(Math.max(0, Math.min(stop - start, TEXT_MAX)));
        boolean space = false;
        for (int k = start; k < Math.min(end, text.length()) && sb.length() < TEXT_MAX; k++) {
            char c = text.charAt(k);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && sb.length() > 0) {
                sb.append(' ');
            }
            space = false;
            sb.append(c);
        }
        return sb.length() < TEXT_MAX ? sb.toString() : sb.substring(0, TEXT_MAX - 1) + "…";
    }

    // ---- arguments and values -------------------------------------------------------------

    private List<Arg> args(List<PyToken> toks, int[] match, int open, int close) {
        List<Arg> out = new ArrayList<>();
        int a = open + 1;
        for (int k = a; k <= close && k < toks.size(); k++) {
            boolean end = k == close || toks.get(k).kind() == Kind.NEWLINE || toks.get(k).kind() == Kind.END;
            if (!end && match[k] > k) {
                k = Math.min(match[k], close) - 1;
                continue;
            }
            if (end || toks.get(k).isOp(",")) {
                if (k > a) {
                    out.add(arg(toks, match, a, k));
                }
                a = k + 1;
                if (end) {
                    break;
                }
            }
        }
        return out.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(out);
    }

    private Arg arg(List<PyToken> toks, int[] match, int a, int b) {
        String keyword = null;
        if (b - a >= 2 && toks.get(a).kind() == Kind.NAME && toks.get(a + 1).isOp("=")) {
            keyword = toks.get(a).text();
            a += 2;
        } else if (toks.get(a).isOp("*") || toks.get(a).isOp("**")) {
            keyword = toks.get(a).text();
            a++;
        }
        if (a >= b) {
            return new Arg(keyword, toks.get(b - 1).start(), toks.get(b - 1).end(), "", null, false, null, null,
                    List.of());
        }
        Str s = string(toks, match, a, b);
        PyToken only = b == a + 1 ? toks.get(a) : null;
        String chain = only != null && only.kind() == Kind.NAME && !keyword(only.text()) ? resolve(only.text(), only.text())
                : isChain(toks, a, b) ? resolve(chainText(toks, a, b)) : null;
        String head = null;
        if ((toks.get(a).isOp("[") || toks.get(a).isOp("(")) && match[a] == b - 1) {
            int e = a + 1;
            while (e < b - 1 && !toks.get(e).isOp(",")) {
                e = match[e] > e ? match[e] + 1 : e + 1;
            }
            Str first = e > a + 1 ? string(toks, match, a + 1, e) : null;
            head = first == null || first.formatted ? null : first.value;
        } else if (s == null && toks.get(a).kind() == Kind.STRING) { // "curl -s " + url
            head = toks.get(a).string().formatted() ? null : toks.get(a).string().value();
        }
        int start = toks.get(a).start();
        int end = toks.get(b - 1).end();
        String shown = only != null && (only.kind() == Kind.NAME || only.kind() == Kind.NUMBER) ? only.text()
                : text(start, end);
        return new Arg(keyword, start, end, shown, s == null ? null : s.value, s != null && s.formatted, chain, head,
                only != null ? List.of() : callsIn(toks, match, a, b));
    }

    /** Calls at the top level of an argument: {@code _url(q)} in {@code get(_url(q), timeout=t)}. */
    private List<String> callsIn(List<PyToken> toks, int[] match, int a, int b) {
        List<String> out = null;
        for (int k = a; k < b; k++) {
            if (match[k] > k) { // nested calls are the inner call's own arguments
                k = Math.min(match[k], b);
                continue;
            }
            if (toks.get(k).kind() != Kind.NAME || (k > a && toks.get(k - 1).isOp("."))) {
                continue;
            }
            int j = k + 1;
            while (j + 1 < b && toks.get(j).isOp(".") && toks.get(j + 1).kind() == Kind.NAME) {
                j += 2;
            }
            if (j < b && toks.get(j).isOp("(")) {
                (out = out == null ? new ArrayList<>() : out).add(resolve(chainText(toks, k, j)));
            }
            k = j - 1;
        }
        return out == null ? List.of() : List.copyOf(out);
    }

    private static boolean isChain(List<PyToken> toks, int from, int to) {
        if ((to - from) % 2 == 0) {
            return false;
        }
        for (int k = from; k < to; k++) {
            PyToken t = toks.get(k);
            if ((k - from) % 2 == 0 ? t.kind() != Kind.NAME || keyword(t.text()) : !t.isOp(".")) {
                return false;
            }
        }
        return true;
    }

    /** A string value an expression is known to have, and how it is known. */
    private record Str(String value, boolean formatted, Via via, String detail) {}

    private Str string(List<PyToken> toks, int[] match, int a, int b) {
        PyToken t = toks.get(a);
        if (t.kind() == Kind.STRING) {
            boolean formatted = false;
            for (int k = a; k < b; k++) {
                if (toks.get(k).kind() != Kind.STRING) {
                    return null;
                }
                formatted |= toks.get(k).string().formatted();
            }
            return new Str(concat(toks, a, b), formatted, Via.LITERAL, null);
        }
        if (t.kind() != Kind.NAME) {
            return null;
        }
        String name = t.text();
        if (b == a + 1) {
            Constant c = constants.get(name);
            if (c != null && bindCount.getOrDefault(name, 0) == 1) {
                return new Str(c.value(), false, Via.CONSTANT, name);
            }
            Import imp = importOf.get(name);
            if (imp != null && imp.name() != null) {
                if ((imp.module().equals("env_vars") || imp.module().endsWith(".env_vars"))
                        && imp.name().startsWith("ASTRID_") && ENV_NAME.matcher(imp.name()).matches()) {
                    return new Str(imp.name(), false, Via.REGISTRY, imp.module());
                }
                return new Str(null, false, Via.IMPORTED, ".".repeat(imp.level()) + imp.module() + ":" + imp.name());
            }
            return null;
        }
        ProviderTable table = tables.get(name);
        if (table == null || b - a < 4) {
            return null;
        }
        int open;
        if (toks.get(a + 1).isOp("[") && match[a + 1] == b - 1) {
            open = a + 1;
        } else if (toks.get(a + 1).isOp(".") && toks.get(a + 2).isName("get") && toks.get(a + 3).isOp("(")
                && match[a + 3] == b - 1) {
            open = a + 3;
        } else {
            return null;
        }
        PyToken key = toks.get(open + 1);
        boolean literalKey = key.kind() == Kind.STRING && !key.string().formatted()
                && (open + 2 == b - 1 || toks.get(open + 2).isOp(","));
        String value = literalKey ? table.entries().get(key.string().value()) : null;
        return new Str(value, false, Via.PROVIDER_TABLE, name);
    }

    // ---- environment ----------------------------------------------------------------------

    private void env(List<PyToken> toks, int[] match, int from, int j, String name, int fn) {
        int start = toks.get(from).start();
        PyToken next = j < toks.size() ? toks.get(j) : null;
        PyToken prev = from > 0 ? toks.get(from - 1) : null;
        switch (name) {
            case "os.environ", "os.environb" -> {
                if (next != null && next.isOp("[") && match[j] > j) {
                    boolean write = match[j] + 1 < toks.size() && toks.get(match[j] + 1).isOp("=");
                    if (!write && !(prev != null && prev.isName("del"))) {
                        read(toks, match, j + 1, match[j], start, toks.get(match[j]).end(), fn);
                    }
                } else if (prev != null && prev.isName("in") && from >= 2) {
                    int operand = toks.get(from - 2).isName("not") ? from - 3 : from - 2;
                    Str s = operand >= 0 ? string(toks, match, operand, operand + 1) : null;
                    int s0 = operand >= 0 ? toks.get(operand).start() : start;
                    if (s != null && s.value != null && !s.formatted) {
                        envReads.add(new EnvRead(s.value, s.via, s.detail, text(s0, toks.get(j - 1).end()), s0,
                                toks.get(j - 1).end(), fnName(fn)));
                    } else {
                        whole(start, toks.get(j - 1).end(), fn);
                    }
                } else if (next == null || !next.isOp("=")) {
                    whole(start, toks.get(j - 1).end(), fn);
                }
            }
            case "os.environ.get", "os.environ.setdefault", "os.environ.pop", "os.getenv", "os.environb.get",
                    "os.getenvb" -> {
                if (next != null && next.isOp("(") && match[j] > j) {
                    int e = j + 1;
                    while (e < match[j] && !toks.get(e).isOp(",")) {
                        e = match[e] > e ? match[e] + 1 : e + 1;
                    }
                    read(toks, match, j + 1, e, start, toks.get(match[j]).end(), fn);
                }
            }
            case "os.environ.copy", "os.environ.items", "os.environ.keys", "os.environ.values" ->
                    whole(start, toks.get(j - 1).end(), fn);
            default -> {
                // not an environment read
            }
        }
    }

    private void read(List<PyToken> toks, int[] match, int a, int b, int start, int end, int fn) {
        String code = text(start, end);
        Str s = a < b ? string(toks, match, a, b) : null;
        if (s == null || s.formatted) {
            envReads.add(new EnvRead(null, Via.DYNAMIC, a < b ? text(toks.get(a).start(), toks.get(b - 1).end()) : "",
                    code, start, end, fnName(fn)));
        } else {
            envReads.add(new EnvRead(s.value, s.via, s.detail, code, start, end, fnName(fn)));
        }
    }

    private void whole(int start, int end, int fn) {
        envReads.add(new EnvRead(null, Via.WHOLE, null, text(start, end), start, end, fnName(fn)));
    }

    // ---- strings and URLs -----------------------------------------------------------------

    private void literal(List<PyToken> toks, int from, int to, List<String> callNames, List<String> outerCalls,
            int fn) {
        String value = concat(toks, from, to);
        boolean formatted = false;
        for (int k = from; k < to; k++) {
            formatted |= toks.get(k).string().formatted();
        }
        int start = toks.get(from).start();
        int end = toks.get(to - 1).end();
        String host = Urls.host(value);
        if (host != null) {
            urls.add(new UrlUse(Urls.shown(value), host, null, enclosing(callNames, outerCalls), start, end, fnName(fn)));
        }
        if (!formatted && value.length() <= LITERAL_MAX) {
            String call = !callNames.isEmpty() ? callNames.get(callNames.size() - 1)
                    : outerCalls.isEmpty() ? null : outerCalls.get(0);
            literals.add(new Literal(value, start, end, call));
        }
    }

    private void urlConstant(String root, PyToken at, List<String> calls, int fn) {
        Constant c = constants.get(root);
        if (c == null || bindCount.getOrDefault(root, 0) != 1) {
            return;
        }
        String host = Urls.host(c.value());
        if (host != null) {
            urls.add(new UrlUse(Urls.shown(c.value()), host, root, calls, at.start(), at.end(), fnName(fn)));
        }
    }

    /** Python's keywords (a hot check: every name is tested; a string switch costs one cached hash). */
    private static boolean keyword(String s) {
        return switch (s) {
            case "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
                    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
                    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield" -> true;
            default -> false;
        };
    }

    /** After these tokens a name is a value (an argument, a default, a right-hand side), not an annotation. */
    private static boolean valueBefore(PyToken t) {
        String s = t.text();
        return s != null && switch (s) {
            case "=", "(", ",", ":=", "return", "yield", "or", "and", "else", "*", "**" -> true;
            default -> false;
        };
    }
}
