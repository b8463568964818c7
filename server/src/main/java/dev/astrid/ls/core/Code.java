package dev.astrid.ls.core;

/** A stable diagnostic code with its default severity. Codes never change once published. */
public record Code(String id, Severity defaultSeverity) {
    public static Code error(String id) {
        return new Code(id, Severity.ERROR);
    }

    public static Code warning(String id) {
        return new Code(id, Severity.WARNING);
    }

    public static Code info(String id) {
        return new Code(id, Severity.INFORMATION);
    }

    public static Code hint(String id) {
        return new Code(id, Severity.HINT);
    }
}
