package dev.astrid.ls.edit;

/** One replacement in one document: the text in {@code [start, end)} becomes {@code newText}. */
public record Edit(String uri, int start, int end, String newText) {}
