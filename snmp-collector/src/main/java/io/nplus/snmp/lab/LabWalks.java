package io.nplus.snmp.lab;

import io.nplus.mibs.data.Snmprec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a directory of recordings. A walk's name is its path relative to the directory, without
 * {@code .snmprec}, with '/' between directories: snmpsim's convention, so a recording serves the same in both.
 */
public final class LabWalks {
    private LabWalks() {
    }

    /** Every {@code *.snmprec} under {@code dir}; a malformed file fails the load with its file and line. */
    public static Map<String, LabDevice> load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory of .snmprec walks");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".snmprec"))
                .sorted().forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new IOException(dir + " holds no .snmprec files");
        }
        Map<String, LabDevice> devices = new LinkedHashMap<>();
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
            String name = rel.substring(0, rel.length() - ".snmprec".length());
            devices.put(name, new LabDevice(name, Snmprec.read(f)));
        }
        return devices;
    }
}
