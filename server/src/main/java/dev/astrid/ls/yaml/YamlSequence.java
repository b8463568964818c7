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
        items.add(item);
    }

    public List<YamlNode> items() {
        return Collections.unmodifiableList(items);
    }
}
