package dev.astrid.ls.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A mapping; entries keep document order and duplicates, so rules can report them. */
public final class YamlMapping extends YamlNode {
    /** One key/value pair. The value is never null: a missing value is an empty null scalar. */
    public record Entry(YamlNode key, YamlNode value) {
        public String keyText() {
            return key instanceof YamlScalar s ? s.value() : null;
        }
    }

    private final boolean flow;
    private final List<Entry> entries = new ArrayList<>();

    YamlMapping(int start, int end, String tag, boolean flow) {
        super(start, end, tag);
        this.flow = flow;
    }

    public boolean isFlow() {
        return flow;
    }

    void add(Entry e) {
        entries.add(e);
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public Entry entry(String key) {
        for (Entry e : entries) {
            if (key.equals(e.keyText())) {
                return e;
            }
        }
        return null;
    }

    /**
     * The value for a key as PyYAML would see it: aliases are followed, and a key missing here is
     * looked up in the mappings merged in with {@code <<}.
     */
    public YamlNode get(String key) {
        Entry e = entry(key);
        if (e != null) {
            return YamlNode.deref(e.value());
        }
        Entry merge = key.equals("<<") ? null : entry("<<");
        if (merge != null) {
            YamlNode source = YamlNode.deref(merge.value());
            List<YamlNode> sources = source instanceof YamlSequence seq ? seq.items() : List.of(source);
            for (YamlNode s : sources) {
                if (YamlNode.deref(s) instanceof YamlMapping m && m != this) {
                    YamlNode v = m.get(key);
                    if (v != null) {
                        return v;
                    }
                }
            }
        }
        return null;
    }

    /** The entry whose key or value is this node, or null. */
    public Entry entryOf(YamlNode node) {
        for (Entry e : entries) {
            if (e.key() == node || e.value() == node) {
                return e;
            }
        }
        return null;
    }

    public boolean has(String key) {
        return get(key) != null;
    }
}
