package dev.astrid.ls;

import dev.astrid.ls.cli.Cli;
import dev.astrid.ls.lsp.ServerLauncher;
import java.util.Arrays;

/**
 * With no arguments, or only the ones editors add by convention ({@code --stdio},
 * {@code --clientProcessId=N}): the language server on stdio. Otherwise the command line tool.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (Arrays.stream(args).allMatch(a -> a.equals("--stdio") || a.startsWith("--clientProcessId"))) {
            ServerLauncher.launchOnStdio();
        } else {
            System.exit(Cli.run(args));
        }
    }
}
