package dev.astrid.ls.model;

import java.util.List;
import java.util.Set;

/** The v1 trust block: fixed by Astrid for every pack, never configured by a manifest. */
public final class TrustBlock {
    /** Top-level keys that try to write the trust block into a manifest (configuring nothing). */
    public static final Set<String> KEYS = Set.of("sandbox", "trust", "runs_with_user_process_permissions",
            "permission_enforcement");

    /** The block as the trust summary prints it. */
    public static final List<String> LINES = List.of("sandbox=none", "runs_with_user_process_permissions=true",
            "permission_enforcement=disclosure_only");

    private TrustBlock() {}
}
