package dev.astrid.ls.cli;

import dev.astrid.ls.core.CancelChecker;
import dev.astrid.ls.model.Strings;
import dev.astrid.ls.service.LanguageService;
import dev.astrid.ls.update.GitBaselines;
import dev.astrid.ls.update.UpdatePreview;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trust-summary PATH}: the trust summary Astrid would show at install, from the manifests as they are. */
@Command(name = "trust-summary", mixinStandardHelpOptions = true,
        description = "Print the trust summary `astrid packs install` would show for a pack: PATH is its folder "
                + "or any manifest in it; it ends with what its users would see change on update from git revision "
                + "HEAD. With --diff REF, print instead the diff `astrid packs update --dry-run` "
                + "would show its users, from the pack at git revision REF to the files as they are. Exit code 1 "
                + "when Astrid would reject the pack (its errors are listed first), 0 otherwise.")
public final class TrustSummaryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "A pack folder, or a manifest inside the pack.")
    Path path;

    @Option(names = "--diff", paramLabel = "REF",
            description = "A git revision (HEAD, origin/main, a tag…): print Astrid's update diff from it instead.")
    String diff;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // What it may read: the working directory and the folder given (or the named file's), never above them.
        Workspace workspace = new Workspace();
        workspace.addRoot(Path.of(""));
        workspace.addRoot(Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? path
                : path.toAbsolutePath().normalize().getParent());
        Path target = path.toAbsolutePath().normalize();
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            target = workspace.packManifestIn(target).orElse(target.resolve("pack.yaml"));
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No pack manifest at "
                    + Strings.printable(path.toString()));
        }
        LanguageService service = new LanguageService(workspace);
        PackView pack = workspace.packOf(Workspace.uri(target)).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "No pack manifest at or above " + Strings.printable(path.toString())));
        if (diff == null) {
            // the summary ends with what changes on update from HEAD; like git, the repository is looked for upward
            workspace.addRoot(pack.root().getRoot());
            service.updates().load(pack.root());
        }
        String text = diff != null ? preview(pack, diff).text()
                : service.snapshot(Workspace.uri(target)).flatMap(service::trustSummary).orElseThrow();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        // a summary of a pack Astrid refuses is no basis for trusting it: fail, as check would
        return diff == null && !service.rejections(pack, CancelChecker.NEVER).isEmpty() ? 1 : 0;
    }

    /** The update preview as the command line sees it: like git, the repository is looked for from the pack upward. */
    static UpdatePreview preview(PackView pack, String ref) {
        return UpdatePreview.of(pack, new GitBaselines().at(pack.root(), List.of(pack.root().getRoot()), ref));
    }
}
