package dev.astrid.ls;

import dev.astrid.ls.cli.Cli;
import dev.astrid.ls.lsp.ServerLauncher;

/** With no arguments: the language server on stdio. With arguments: the command line tool. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            ServerLauncher.launchOnStdio();
        } else {
            System.exit(Cli.run(args));
        }
    }
}
