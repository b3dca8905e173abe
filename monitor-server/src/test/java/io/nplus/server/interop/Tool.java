package io.nplus.server.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The external programs the interop tests run, each with the Debian package that installs it. A missing tool
 * fails the test with the apt-get line, never skips it: CI must prove the interop suite really ran.
 */
enum Tool {
    SNMPWALK("snmpwalk", "snmp"),
    SNMPBULKWALK("snmpbulkwalk", "snmp"),
    SNMPGET("snmpget", "snmp"),
    SNMPTRAP("snmptrap", "snmp"),
    SNMPINFORM("snmpinform", "snmp"),
    SNMPD("snmpd", "snmpd"),
    SNMPSIMD("snmpsimd", "snmpsim"),
    PROMTOOL("promtool", "prometheus"),
    PROMETHEUS("prometheus", "prometheus"),
    ALERTMANAGER("prometheus-alertmanager", "prometheus-alertmanager");

    /** sbin directories too: snmpd lives in /usr/sbin, which a non-root PATH often lacks. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private final String command;
    private final String aptPackage;

    Tool(String command, String aptPackage) {
        this.command = command;
        this.aptPackage = aptPackage;
    }

    /** What one finished run printed. */
    record Run(List<String> command, int exit, String out, String err) {
        /** The command as a shell would take it (an empty argument shows as ''). */
        String commandLine() {
            return command.stream().map(a -> a.isEmpty() ? "''" : a).collect(Collectors.joining(" "));
        }

        String describe() {
            return commandLine() + " exited " + exit + "\n--- stdout ---\n" + abbreviate(out)
                + "\n--- stderr ---\n" + abbreviate(err);
        }

        private static String abbreviate(String s) {
            return s.length() <= 4000 ? s : s.substring(0, 4000) + "\n... (" + s.length() + " characters)";
        }
    }

    /** The executable, or a test failure saying which apt package installs it. */
    Path path() {
        List<String> dirs = new ArrayList<>();
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            dirs.addAll(List.of(pathVar.split(File.pathSeparator)));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return fail(command + " is not installed (not on PATH nor in " + String.join(", ", EXTRA_DIRS)
            + "); the interop tests need it: apt-get install " + aptPackage);
    }

    /**
     * Runs the tool to completion with these arguments. Output goes to files, so a chatty tool cannot block on
     * a full pipe; a run still going after {@code limit} is killed and fails the test.
     */
    Run run(Duration limit, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(path().toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("nplus-" + command, ".out");
        Path err = Files.createTempFile("nplus-" + command, ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", cmd) + " did not finish within " + limit + "; stderr so far:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Run(cmd, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * The environment for net-snmp tools and snmpd: no MIB files at all (numeric OIDs only, nothing the
     * machine's MIB set could change), no configuration but the test's own (an empty SNMPCONFPATH hides
     * /etc/snmp and ~/.snmp, whose defaults could change the output format), and persistent state (engine
     * boots, USM users) in {@code dir} instead of /var/lib/snmp.
     */
    static Map<String, String> netSnmpEnvironment(Path dir) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MIBS", "");
        env.put("MIBDIRS", "");
        env.put("SNMPCONFPATH", Files.createDirectories(dir.resolve("snmp-conf")).toString());
        env.put("SNMP_PERSISTENT_DIR", Files.createDirectories(dir.resolve("snmp-persist")).toString());
        return env;
    }
}
