package dev.astrid.ls.service;

import java.util.List;

/**
 * A quick fix: its title, whether it is the preferred one, whether it is safe to apply without
 * looking (then {@code source.fixAll} applies it), and its edits, possibly over several files.
 * {@code snippet} edits use LSP snippet syntax.
 */
public record Fix(String title, String code, boolean preferred, boolean safe, boolean snippet, List<Edit> edits) {}
