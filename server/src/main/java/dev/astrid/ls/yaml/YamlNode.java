package dev.astrid.ls.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A node of the position-aware YAML tree. Offsets are UTF-16 indexes into the document text,
 * {@code start} inclusive and {@code end} exclusive.
 */
public abstract sealed class YamlNode permits YamlScalar, YamlMapping, YamlSequence, YamlAlias {
    private final int start;
    private int end;
    private final String tag;
    private YamlNode parent;
    /** Where this node sits in its parent: the item index, or the index of the entry it is key or value of. */
    private int index = -1;

    YamlNode(int start, int end, String tag) {
        this.start = start;
        this.end = end;
        this.tag = tag;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    void setEnd(int end) {
        this.end = end;
    }

    /** The explicit tag, such as {@code tag:yaml.org,2002:str}, or null. */
    public String tag() {
        return tag;
    }

    public YamlNode parent() {
        return parent;
    }

    void setParent(YamlNode parent) {
        this.parent = parent;
    }

    int index() {
        return index;
    }

    void setIndex(int index) {
        this.index = index;
    }

    /** The node an alias stands for (following chains, stopping at cycles); other nodes as they are. */
    public static YamlNode deref(YamlNode node) {
        YamlNode n = node;
        for (int hops = 0; n instanceof YamlAlias a && a.target() != null && hops < 64; hops++) {
            n = a.target();
        }
        return n;
    }

    public boolean contains(int offset) {
        return start <= offset && offset <= end;
    }

    /**
     * The path from the root to this node: mapping keys as strings, sequence indexes as integers.
     * A key node's path is the path of the value it names.
     */
    public List<Object> path() {
        List<Object> path = new ArrayList<>();
        YamlNode child = this;
        for (YamlNode p = parent; p != null; child = p, p = p.parent) {
            if (p instanceof YamlMapping m) {
                YamlMapping.Entry e = m.entryOf(child);
                if (e != null) {
                    path.add(e.keyText());
                }
            } else if (p instanceof YamlSequence s) {
                path.add(s.indexOf(child));
            }
        }
        Collections.reverse(path);
        return path;
    }
}
