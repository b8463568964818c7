package dev.astrid.ls.service;

import dev.astrid.ls.model.PermissionId;

/** The explanations hover and completion show, in this project's own words. */
final class Explain {
    private Explain() {}

    static final String DISCLOSURE_ONLY = "Under Astrid v1 a permission is **disclosure only**: Astrid shows it to the "
            + "user in the trust summary, but does not enforce it, and it is not a sandbox. The pack runs with the "
            + "user's full process permissions whether or not it declares anything; a pack that declares nothing can "
            + "do everything a pack that declares all six can.";

    static final String TRUST_RECORD = "Declarations appear in the trust summary at `astrid packs install`, update "
            + "and inspect. They are recorded, with the time and method, in `.astrid/install.json` when the user "
            + "types `trust <pack_id>` at the prompt or passes `--trust` (`--yes` alone is not enough).";

    static String permissionId(PermissionId p) {
        return "**`" + p.id() + "`**: the pack " + p.meaning() + ".\n\n"
                + DISCLOSURE_ONLY + " Declaring `" + p.id() + "` does not mean *only* " + p.id().replace('_', ' ')
                + ": the pack can still do anything the user can. Permissions are pack-level, shared by every "
                + "executor and orchestrator.\n\n"
                + "A good reason names what and why, e.g. *" + p.exampleReason() + "*.\n\n"
                + TRUST_RECORD + "\n\n" + link();
    }

    static String unknownPermissionId(String given) {
        StringBuilder sb = new StringBuilder("**").append(Markdown.code(given)).append("** is not a permission id Astrid knows. ")
                .append("The six ids are:\n\n");
        for (PermissionId p : PermissionId.values()) {
            sb.append("- `").append(p.id()).append("`: the pack ").append(p.meaning()).append('\n');
        }
        return sb.append('\n').append(link()).toString();
    }

    static final String PERMISSIONS_KEY = "**permissions**: what this pack discloses about itself, one item per "
            + "capability domain, each with a reason a person can judge.\n\n"
            + "Every Astrid v1 trust summary carries the same fixed trust block: `sandbox: none`, "
            + "`runs_with_user_process_permissions: true`, `permission_enforcement: disclosure_only`. That is the "
            + "no-sandbox promise: no container, no VM, no syscall filter, no dropped capabilities.\n\n"
            + DISCLOSURE_ONLY + " Permissions are pack-level only, shared by every executor and orchestrator.\n\n"
            + TRUST_RECORD;

    static final String COMPONENT_PERMISSIONS = "**permissions** cannot be declared here: in Astrid v1 permissions "
            + "are pack-level only, declared once in `pack.yaml` and shared by every executor, orchestrator and "
            + "element of the pack. Move this block to the pack manifest.";

    static final String REASON = "**reason** (required): why the pack needs this permission, for a person deciding "
            + "whether to trust it. Name the service, host, tool, file kind or variable, and what it is for.\n\n"
            + "- specific: *Calls api.openai.com to caption images*, *Runs ffmpeg to encode MP4*, "
            + "*Reads OPENAI_API_KEY for API calls*\n"
            + "- vague: *Needed for functionality*, *network access*, *uses the environment*";

    static final String ACCESS = "**access** (optional): one free-text string saying what kind of access, e.g. "
            + "`read`, `read and write`, or *writes renders to the output folder*. One string, not a list; a blank "
            + "value is rejected.";

    static final String SERVICES = "**services** (optional): the hosts or services this permission involves, as a "
            + "list of non-blank strings, e.g. `[api.openai.com, fal.ai]`. Most useful on `network` and "
            + "`external_services`. Astrid does not check that these are the only hosts contacted.";

    static final String ID = "**id** (required): which capability domain this item discloses; exactly one of `"
            + String.join("`, `", PermissionId.ids()) + "` (case-sensitive).";

    static final String SECRETS = "**Secrets are not permissions.** This list names the environment variables the "
            + "pack reads as secrets (API keys, tokens, passwords); it says *which* variables. The `environment` "
            + "permission in `pack.yaml` says the pack reads the environment *at all*. A pack that reads "
            + "`OPENAI_API_KEY` should declare both. Both are disclosure only: Astrid does not intercept, filter or "
            + "audit environment reads, and the pack can read any variable in your process.";

    static final String TRUST_BLOCK = "**The trust block cannot be configured.** Every Astrid v1 trust summary "
            + "carries the same fixed block, `sandbox: none`, `runs_with_user_process_permissions: true`, "
            + "`permission_enforcement: disclosure_only`, which no manifest key changes. Writing it here is an "
            + "unknown-key error. When Astrid adds sandboxing in a future major version, this block is what will "
            + "change.";

    /** What a permission item's field is for, or null for a field items do not have. */
    static String permissionField(String field) {
        return switch (field) {
            case "id" -> ID;
            case "reason" -> REASON;
            case "access" -> ACCESS;
            case "services" -> SERVICES;
            default -> null;
        };
    }

    static String link() {
        return "[Astrid permissions, explained](" + Docs.page("permissions.md") + ")";
    }
}
