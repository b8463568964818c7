package dev.astrid.ls.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code check} for CI, and the server itself when run without arguments. */
@Command(name = "astrid-pack-ls", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Checks Astrid pack manifests. Run without arguments to start the language server on stdio.",
        subcommands = {CheckCommand.class, TrustSummaryCommand.class})
public final class Cli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'check PATH…'");
    }

    public static int run(String... args) {
        return new CommandLine(new Cli()).execute(args);
    }

    /** For tests: the same command line, writing to the given streams. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Cli()).setOut(out).setErr(err).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"astrid-pack-ls " + (v == null ? "dev" : v)};
        }
    }
}
