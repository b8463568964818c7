package dev.astrid.ls.yaml;

/** An alias ({@code *name}); never expanded in the tree, so alias bombs cost nothing here. */
public final class YamlAlias extends YamlNode {
    private final String anchor;
    private final YamlNode target;

    YamlAlias(int start, int end, String anchor, YamlNode target) {
        super(start, end, null);
        this.anchor = anchor;
        this.target = target;
    }

    public String anchor() {
        return anchor;
    }

    /** The anchored node, or null when the anchor is undefined. */
    public YamlNode target() {
        return target;
    }
}
