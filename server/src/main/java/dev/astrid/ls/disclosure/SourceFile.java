package dev.astrid.ls.disclosure;

/** A Python module of a pack: its URI and its current text (an open buffer's, else the file's). */
public record SourceFile(String uri, String text) {}
