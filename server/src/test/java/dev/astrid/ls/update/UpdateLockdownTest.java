package dev.astrid.ls.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.astrid.ls.security.ReadOnlyServerIT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a base from a hostile repository: its config names a program for every hook, filter,
 * signature, pager, editor, credential and ssh setting git knows, and includes more of the same.
 * None runs, and nothing in the repository changes (no lock, probe or config file written).
 */
class UpdateLockdownTest {
    /** Settings under which git itself would run {@code program}; {@code included} (or null) is included. */
    static String hostileConfig(Path program, Path hooks, Path included) {
        return "[core]\n\tfsmonitor = " + program + "\n\thooksPath = " + hooks + "\n\tpager = " + program
                + "\n\teditor = " + program + "\n\tsshCommand = " + program + "\n\taskPass = " + program
                + "\n[filter \"evil\"]\n\tsmudge = " + program + "\n\tclean = " + program + "\n\tprocess = " + program
                + "\n\trequired = true\n[gpg]\n\tprogram = " + program + "\n[commit]\n\tgpgSign = true\n"
                + "[credential]\n\thelper = !" + program + "\n[diff]\n\texternal = " + program + "\n"
                + (included == null ? "" : "[include]\n\tpath = " + included + "\n");
    }

    static Path marker(Path dir) throws Exception {
        Path program = dir.resolve("evil.sh");
        Files.writeString(program, "#!/bin/sh\necho ran > " + dir.resolve("RAN") + "\n"); // no PATH lookup
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        for (String hook : List.of("pre-commit", "post-checkout", "post-merge", "reference-transaction", "post-index-change")) {
            Files.copy(program, hooks.resolve(hook), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        return program;
    }

    @Test
    void aHostileRepositoryRunsNothingAndIsLeftAsItWas(@TempDir Path dir, @TempDir Path outside) throws Exception {
        try (TestRepo repo = new TestRepo(dir)) {
            repo.write("demo/pack.yaml", UpdateDiffTest.PACK).write("demo/.gitattributes", "* filter=evil\n").commit();
            Path program = marker(outside);
            Path included = outside.resolve("included.config");
            Files.writeString(included, hostileConfig(program, outside.resolve("hooks"), null));
            Files.writeString(repo.dir.resolve(".git/config"), Files.readString(repo.dir.resolve(".git/config"))
                    + hostileConfig(program, outside.resolve("hooks"), included));
            Files.copy(program, repo.dir.resolve(".git/hooks/post-checkout"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            repo.write("demo/pack.yaml", UpdateDiffTest.PACK + "permissions:\n" + UpdateDiffTest.NETWORK);
            Map<String, String> before = ReadOnlyServerIT.snapshot(repo.dir);

            UpdatePreview p = repo.preview("demo");

            assertInstanceOf(UpdatePreview.Changes.class, p, p.text());
            assertEquals("Update diff vs HEAD: +network", p.headline());
            assertFalse(Files.exists(outside.resolve("RAN")), "a configured program ran");
            assertEquals(before, ReadOnlyServerIT.snapshot(repo.dir), "the repository changed");
        }
    }
}
