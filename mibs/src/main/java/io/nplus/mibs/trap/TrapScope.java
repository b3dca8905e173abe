package io.nplus.mibs.trap;

import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.expr.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Names a trap mapping's expressions see: the file's objects, {@code index} and the named index parts. */
record TrapScope(Map<String, ColumnDef> objects, List<String> indexNames) implements Scope {
    @Override
    public Symbol resolve(String name) {
        if (name.equals("index")) {
            return new IndexPart(-1);
        }
        int part = indexNames.indexOf(name);
        if (part >= 0) {
            return new IndexPart(part);
        }
        ColumnDef c = objects.get(name);
        return c == null ? null : new Column(c);
    }

    @Override
    public List<String> names() {
        List<String> all = new ArrayList<>(objects.keySet());
        all.addAll(indexNames);
        all.add("index");
        return all;
    }
}
