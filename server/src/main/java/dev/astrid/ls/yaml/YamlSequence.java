package dev.astrid.ls.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class YamlSequence extends YamlNode {
    private final boolean flow;
    private final List<YamlNode> items = new ArrayList<>();

    YamlSequence(int start, int end, String tag, boolean flow) {
        super(start, end, tag);
        this.flow = flow;
    }

    public boolean isFlow() {
        return flow;
    }

    void add(YamlNode item) {
        item.setIndex(items.size());
        items.add(item);
    }

    /** The index of an item of this sequence, or -1 (constant time: nodes know their place). */
    public int indexOf(YamlNode item) {
        int i = item.index();
        return item.parent() == this && i >= 0 && i < items.size() && items.get(i) == item ? i : -1;
    }

    public List<YamlNode> items() {
        return Collections.unmodifiableList(items);
    }
}
