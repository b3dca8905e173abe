package io.nplus.server.cli;

import io.nplus.mibs.profile.ComponentRecipe;
import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.profile.ProfileCatalog;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nplus profiles}: what nplus knows how to read. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
    description = "List the device profiles: the MIB each reads, how it is detected, and the component kinds it yields.")
public final class ProfilesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-18s %-28s %-44s %s%n", "PROFILE", "MIB", "DETECTED BY", "COMPONENTS");
        for (Profile p : ProfileCatalog.builtIn().all()) {
            Set<String> kinds = new LinkedHashSet<>();
            for (ComponentRecipe r : p.components()) {
                kinds.add(r.kind().word());
            }
            out.printf("%-18s %-28s %-44s %s%n", p.id(), p.mib(), detection(p), p.system() != null ? "system"
                : String.join(", ", kinds));
        }
        out.flush();
        return 0;
    }

    static String detection(Profile p) {
        StringBuilder sb = new StringBuilder();
        if (!p.detect().sysObjectIds().isEmpty()) {
            sb.append("sysObjectID ").append(p.detect().sysObjectIds().get(0)).append(p.detect().sysObjectIds().size() > 1 ? ".." : "");
        }
        if (p.detect().sysDescr() != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("sysDescr /").append(p.detect().sysDescr().pattern()).append('/');
        }
        if (!p.detect().tables().isEmpty()) {
            sb.append(sb.length() > 0 ? ", " : "").append("table ").append(p.detect().tables().get(0).name());
        }
        return sb.length() == 0 ? "always" : sb.toString();
    }
}
