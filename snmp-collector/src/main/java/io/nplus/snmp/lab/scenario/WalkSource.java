package io.nplus.snmp.lab.scenario;

import io.nplus.mibs.data.MibSnapshot;
import java.io.IOException;
import java.util.List;

/** Where a scenario's {@code walk:} names are looked up besides the scenario's own directory: nplus's built-in walks. */
public interface WalkSource {
    /** The walk of this name ({@code drac_r640} or {@code drac_r640.snmprec}), or null when there is none. */
    MibSnapshot walk(String name) throws IOException;

    /** The names it knows, for messages. */
    List<String> names();

    /** No walks besides files. */
    WalkSource NONE = new WalkSource() {
        @Override
        public MibSnapshot walk(String name) {
            return null;
        }

        @Override
        public List<String> names() {
            return List.of();
        }
    };
}
