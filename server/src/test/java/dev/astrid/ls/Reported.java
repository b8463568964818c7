package dev.astrid.ls;

import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codes the test run saw reported, wherever the tests read diagnostics (the language service,
 * JSON-RPC, the CLI), so that a test can insist that every code is produced by some test.
 */
public final class Reported {
    private static final Set<String> CODES = ConcurrentHashMap.newKeySet();

    private Reported() {}

    public static List<Diagnostic> record(List<Diagnostic> diagnostics) {
        diagnostics.forEach(d -> CODES.add(d.code().id()));
        return diagnostics;
    }

    public static void record(String codeId) {
        CODES.add(codeId);
    }

    public static boolean seen(Code code) {
        return CODES.contains(code.id());
    }
}
