package dev.astrid.ls.core;

import java.util.Locale;

public enum Severity {
    ERROR, WARNING, INFORMATION, HINT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
