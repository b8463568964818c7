package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.core.Diagnostic;
import dev.astrid.ls.disclosure.PackDisclosure;
import dev.astrid.ls.model.Permissions;
import dev.astrid.ls.text.Range;
import dev.astrid.ls.workspace.PackFiles;
import dev.astrid.ls.workspace.PackView;
import dev.astrid.ls.workspace.Workspace;
import dev.astrid.ls.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pack's Python that the disclosure checks could not analyse, so that a clean result is never
 * mistaken for a verified one. A deliberate skip (too large, binary, a link out of the pack) is
 * information; a file or folder that could not be read is information in the editor and an error
 * for {@code check}, which fails closed (see docs/ci.md).
 */
@AutoService(Rule.class)
public final class PythonFilesRule implements Rule {
    public static final Code SKIPPED = Code.info("python-skipped");
    public static final Code UNREADABLE = Code.info("python-unreadable");

    @Override
    public List<Code> codes() {
        return List.of(SKIPPED, UNREADABLE);
    }

    @Override
    public void check(RuleContext ctx) {
        PackView pack = DisclosureFindings.onPackManifest(ctx);
        PackDisclosure disclosure = pack == null ? null : ctx.disclosure().orElse(null);
        if (disclosure == null) {
            return;
        }
        List<PackFiles.Skipped> skipped = disclosure.skipped().stream().filter(s -> !s.failed()).toList();
        List<PackFiles.Skipped> failed = disclosure.skipped().stream().filter(PackFiles.Skipped::failed).toList();
        YamlNode at = Permissions.anchor(pack.pack());
        if (!failed.isEmpty()) {
            ctx.report(UNREADABLE, at.start(), at.end(), count(failed) + " of the pack could not be read, so what it "
                    + "does is not verified: " + list(pack, failed) + ".", Map.of(), related(failed));
        }
        if (!skipped.isEmpty()) {
            ctx.report(SKIPPED, at.start(), at.end(), count(skipped) + " of the pack " + (skipped.size() == 1 ? "was" : "were")
                    + " not analysed, so uses there are not known: " + list(pack, skipped) + ".", Map.of(), related(skipped));
        }
    }

    private static String count(List<PackFiles.Skipped> files) {
        return files.size() == 1 ? "1 Python file or folder" : files.size() + " Python files or folders";
    }

    private static String list(PackView pack, List<PackFiles.Skipped> files) {
        List<String> out = new ArrayList<>();
        for (PackFiles.Skipped s : files.subList(0, Math.min(files.size(), DisclosureFindings.MAX_RELATED))) {
            out.add(shown(pack, s.uri()) + " (" + s.reason() + ")");
        }
        int more = files.size() - out.size();
        return String.join(", ", out) + (more > 0 ? " and " + more + " more" : "");
    }

    private static String shown(PackView pack, String uri) {
        Path p = Workspace.path(uri);
        Path root = pack.root().toAbsolutePath().normalize();
        return p != null && p.startsWith(root) && !p.equals(root) ? root.relativize(p).toString().replace('\\', '/') : ".";
    }

    /** Links to the files (a folder is named in the message only: editors open files). */
    private static List<Diagnostic.Related> related(List<PackFiles.Skipped> files) {
        return files.stream().filter(s -> !s.uri().endsWith("/")).limit(DisclosureFindings.MAX_RELATED)
                .map(s -> new Diagnostic.Related(s.uri(),
                Range.of(0, 0, 0, 0), s.reason())).toList();
    }
}
