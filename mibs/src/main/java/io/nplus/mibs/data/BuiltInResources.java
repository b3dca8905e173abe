package io.nplus.mibs.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Files built into nplus (profiles, trap mappings, lab recordings, scenarios): read from the class path, each
 * directory's files named in a {@code .list} file, since a jar cannot be listed.
 */
public final class BuiltInResources {
    private BuiltInResources() {
    }

    /** A built-in file; an IOException naming it when it is missing (a broken build, not a user error). */
    public static InputStream open(String path) throws IOException {
        InputStream in = BuiltInResources.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("built-in resource " + path + " is missing from the jar");
        }
        return in;
    }

    public static boolean exists(String path) {
        return BuiltInResources.class.getClassLoader().getResource(path) != null;
    }

    public static String text(String path) throws IOException {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The lines of a {@code .list} file, stripped, without blank lines and {@code #} comments. */
    public static List<String> listed(String listPath) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : text(listPath).split("\n")) {
            String l = line.replaceAll("#.*", "").strip();
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /** A built-in recording ({@code .snmprec} added when missing). */
    public static MibSnapshot snmprec(String path) throws IOException {
        String p = path.endsWith(".snmprec") ? path : path + ".snmprec";
        try (InputStream in = open(p)) {
            return Snmprec.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), p);
        }
    }
}
