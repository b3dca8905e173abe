package io.nplus.mibs.profile;

import io.nplus.mibs.data.BuiltInResources;
import io.nplus.mibs.yaml.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set of profiles nplus knows. The built-in ones live in {@code profiles/} on the class path, listed in
 * {@code profiles/profiles.list} (a test keeps the list and the directory in step).
 */
public final class ProfileCatalog {
    private static final String LIST = "profiles/profiles.list";
    private static volatile ProfileCatalog builtIn;

    private final Map<String, Profile> profiles;

    private ProfileCatalog(Map<String, Profile> profiles) {
        this.profiles = profiles;
    }

    /** The built-in profiles, loaded once. A broken built-in profile is a bug, reported with file and line. */
    public static ProfileCatalog builtIn() {
        ProfileCatalog c = builtIn;
        if (c == null) {
            synchronized (ProfileCatalog.class) {
                if (builtIn == null) {
                    builtIn = of(loadBuiltIn());
                }
                c = builtIn;
            }
        }
        return c;
    }

    public static ProfileCatalog of(Collection<Profile> list) {
        Map<String, Profile> map = new LinkedHashMap<>();
        for (Profile p : list) {
            Profile earlier = map.putIfAbsent(p.id(), p);
            if (earlier != null) {
                throw new IllegalArgumentException("profile id '" + p.id() + "' is used by both " + earlier.source()
                    + " and " + p.source());
            }
        }
        for (Profile p : list) {
            for (String s : p.supersedes()) {
                if (!map.containsKey(s)) {
                    throw new IllegalArgumentException(p.source() + ": supersedes unknown profile '" + s + "'");
                }
            }
        }
        if (map.values().stream().filter(p -> p.system() != null).count() != 1) {
            throw new IllegalArgumentException("exactly one profile must have a 'system' section");
        }
        return new ProfileCatalog(map);
    }

    public static List<String> builtInFiles() {
        try {
            return BuiltInResources.listed(LIST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Profile> loadBuiltIn() {
        List<Profile> list = new ArrayList<>();
        for (String file : builtInFiles()) {
            String path = "profiles/" + file;
            try {
                list.add(ProfileLoader.load(YamlDocument.parse(path, BuiltInResources.text(path))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return list;
    }

    public Collection<Profile> all() {
        return profiles.values();
    }

    public Profile get(String id) {
        return profiles.get(id);
    }

    public Profile system() {
        return profiles.values().stream().filter(p -> p.system() != null).findFirst().orElseThrow();
    }
}
