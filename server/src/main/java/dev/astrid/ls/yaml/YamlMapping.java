package dev.astrid.ls.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A mapping; entries keep document order and duplicates, so rules can report them. */
public final class YamlMapping extends YamlNode {
    /** One key/value pair. The value is never null: a missing value is an empty null scalar. */
    public record Entry(YamlNode key, YamlNode value) {
        public String keyText() {
            return key instanceof YamlScalar s ? s.value() : null;
        }

        /** A plain {@code <<} key: PyYAML's safe loader merges its mapping (or list of mappings) into the one holding it. */
        public boolean isMerge() {
            return key instanceof YamlScalar k && k.style() == YamlScalar.Style.PLAIN && k.value().equals("<<");
        }
    }

    private final boolean flow;
    private final List<Entry> entries = new ArrayList<>();
    /** The first entry of each key, built on first lookup (the tree is complete by then): lookups stay O(1). */
    private volatile Map<String, Entry> byKey;

    YamlMapping(int start, int end, String tag, boolean flow) {
        super(start, end, tag);
        this.flow = flow;
    }

    public boolean isFlow() {
        return flow;
    }

    void add(Entry e) {
        e.key().setIndex(entries.size());
        e.value().setIndex(entries.size());
        entries.add(e);
        byKey = null;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The first entry with this key, or null. */
    public Entry entry(String key) {
        Map<String, Entry> index = byKey;
        if (index == null) {
            index = new HashMap<>();
            for (Entry e : entries) {
                String k = e.keyText();
                if (k != null) {
                    index.putIfAbsent(k, e);
                }
            }
            byKey = index;
        }
        return index.get(key);
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
        int i = node.index();
        if (node.parent() != this || i < 0 || i >= entries.size()) {
            return null;
        }
        Entry e = entries.get(i);
        return e.key() == node || e.value() == node ? e : null;
    }

    public boolean has(String key) {
        return get(key) != null;
    }
}
