package dev.astrid.ls.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts a server process in a test: as given, or, with
 * {@code -Dastrid.sandbox=<launcher>} (CI passes {@code server/src/test/sandbox/astrid-sandbox}),
 * under a policy that denies every file write and every network socket, so that the server's
 * promises are enforced by the kernel rather than sampled.
 */
public final class Sandbox {
    private Sandbox() {}

    public static String launcher() {
        String s = System.getProperty("astrid.sandbox", "");
        return s.isBlank() || s.startsWith("${") ? null : s;
    }

    public static List<String> command(List<String> command) {
        List<String> out = new ArrayList<>();
        if (launcher() != null) {
            out.add(launcher());
        }
        out.addAll(command);
        return out;
    }
}
