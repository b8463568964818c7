package dev.astrid.ls.rules;

import com.google.auto.service.AutoService;
import dev.astrid.ls.core.Code;
import dev.astrid.ls.model.ManifestKind;
import dev.astrid.ls.yaml.YamlMapping;
import java.util.List;

/** Older Astrid accepted database contributions from packs; newer releases refuse them. */
@AutoService(Rule.class)
public final class DatabaseRule implements Rule {
    public static final Code DATABASE = Code.warning("pack-database-refused");

    @Override
    public List<Code> codes() {
        return List.of(DATABASE);
    }

    @Override
    public void check(RuleContext ctx) {
        YamlMapping root = ctx.manifest().root();
        if (ctx.manifest().kind() != ManifestKind.PACK || root == null
                || !Integer.valueOf(2).equals(ctx.manifest().schemaVersion())) {
            return;
        }
        YamlMapping.Entry db = root.entry("database");
        if (db != null) {
            ctx.report(DATABASE, db.key(), "Current Astrid refuses `database` contributions from packs (older "
                    + "releases accepted them): expect this pack to fail to install on a current Astrid (Astrid: "
                    + "database contributions are forbidden; the neutral workspace runtime owns persistence)");
        }
    }
}
