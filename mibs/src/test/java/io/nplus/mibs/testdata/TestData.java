package io.nplus.mibs.testdata;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared test data under {@code testdata/} at the top of the repository (real walks, synthetic walks,
 * expected components). The build passes its location as {@code nplus.testdata}; run from an IDE, the
 * directory is found by walking up from the working directory.
 */
public final class TestData {
    private TestData() {
    }

    public static Path root() {
        String p = System.getProperty("nplus.testdata");
        if (p != null && Files.isDirectory(Path.of(p))) {
            return Path.of(p);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata/walks"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata/ not found: run the tests from the repository");
    }

    public static Path walks() {
        return root().resolve("walks");
    }

    public static Path walk(String name) {
        return walks().resolve(name + ".snmprec");
    }

    public static MibSnapshot read(String name) {
        try {
            return Snmprec.read(walk(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the real walks (file names without .snmprec), sorted. */
    public static List<String> walkNames() {
        try (Stream<Path> s = Files.list(walks())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".snmprec"))
                .map(n -> n.substring(0, n.length() - ".snmprec".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The walks a test should run: all of them, or those named in {@code -Dnplus.walks=a,b} (to regenerate the
     * expected files of the walks a profile change concerns, and only those).
     */
    public static List<String> selectedWalkNames() {
        String only = System.getProperty("nplus.walks", "").trim();
        if (only.isEmpty()) {
            return walkNames();
        }
        List<String> wanted = List.of(only.split("\\s*,\\s*"));
        for (String w : wanted) {
            if (!walkNames().contains(w)) {
                throw new IllegalArgumentException("-Dnplus.walks names '" + w + "', which is not in " + walks());
            }
        }
        return wanted;
    }

    public static Path expected(String name) {
        return root().resolve("expected").resolve(name + ".yaml");
    }

    public static Path special(String name) {
        return root().resolve("walks-special").resolve(name + ".snmprec");
    }
}
