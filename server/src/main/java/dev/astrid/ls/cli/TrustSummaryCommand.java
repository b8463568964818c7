package dev.astrid.ls.cli;

import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trust-summary PATH}: the trust summary Astrid would show at install, from the manifests as they are. */
@Command(name = "trust-summary", mixinStandardHelpOptions = true,
        description = "Print the trust summary `astrid packs install` would show for a pack: PATH is its folder "
                + "or any manifest in it.")
public final class TrustSummaryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "A pack folder, or a manifest inside the pack.")
    Path path;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Workspace workspace = new Workspace();
        Path target = path.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            target = workspace.packManifestIn(target).orElse(target.resolve("pack.yaml"));
        }
        if (!Files.exists(target)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No pack manifest at " + path);
        }
        LanguageService service = new LanguageService(workspace);
        var summary = service.snapshot(Workspace.uri(target)).flatMap(service::trustSummary);
        if (summary.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No pack manifest at or above " + path);
        }
        spec.commandLine().getOut().print(summary.get());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
