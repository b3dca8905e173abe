package io.nplus.mibs.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.mibs.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileCatalogTest {
    /** The profiles as they are in the source tree (the tests run in the module directory). */
    private static final Path SOURCE = Path.of("src/main/resources/profiles");

    static List<String> builtInFiles() {
        return ProfileCatalog.builtInFiles();
    }

    static Profile loadFromSource(String file) throws IOException {
        return ProfileLoader.load(YamlDocument.read(SOURCE.resolve(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInFiles")
    void everyBuiltInProfileLoadsUnderItsFileName(String file) throws IOException {
        Profile p = loadFromSource(file);
        assertThat(p.id() + ".yaml").isEqualTo(file);
        assertThat(p.title()).isNotBlank();
        assertThat(p.mib()).isNotBlank();
        assertThat(p.testedOn()).isNotEmpty();
        assertThat(ProfileCatalog.builtIn().get(p.id())).as("the catalog's copy").isNotNull()
            .satisfies(c -> assertThat(c.source()).isEqualTo("profiles/" + file));
    }

    @Test
    void theCatalogHoldsEveryListedProfileInListOrder() {
        assertThat(ProfileCatalog.builtIn().all()).extracting(p -> p.id() + ".yaml")
            .containsExactlyElementsOf(builtInFiles());
    }

    /** Drift check: a profile added to the directory but not to profiles.list would never be loaded. */
    @Test
    void profilesListNamesExactlyTheYamlFilesOfTheDirectory() throws IOException {
        try (Stream<Path> files = Files.list(SOURCE)) {
            List<String> yaml = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).toList();
            assertThat(builtInFiles()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(yaml);
        }
    }

    @Test
    void exactlyOneProfileHasASystemSection() {
        assertThat(ProfileCatalog.builtIn().all()).filteredOn(p -> p.system() != null)
            .extracting(Profile::id).containsExactly("snmpv2_mib");
        assertThat(ProfileCatalog.builtIn().system().id()).isEqualTo("snmpv2_mib");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInFiles")
    void theHeaderCommentNamesTheMib(String file) throws IOException {
        List<String> header = Files.readAllLines(SOURCE.resolve(file)).stream().takeWhile(l -> l.startsWith("#")).toList();
        assertThat(header).as("header comment of %s", file).isNotEmpty();
        assertThat(header.get(0)).as("first line of %s", file).startsWith("# " + loadFromSource(file).mib());
    }

    @Test
    void aCatalogRefusesDuplicateIdsUnknownSupersedesAndAMissingSystemProfile() {
        Profile system = ProfileCatalog.builtIn().system();
        Profile ifMib = ProfileCatalog.builtIn().get("if_mib");
        assertThat(ProfileCatalog.of(List.of(system, ifMib)).all()).hasSize(2);
        assertThatThrownBy(() -> ProfileCatalog.of(List.of(system, ifMib, ifMib)))
            .hasMessage("profile id 'if_mib' is used by both profiles/if_mib.yaml and profiles/if_mib.yaml");
        assertThatThrownBy(() -> ProfileCatalog.of(List.of(ifMib)))
            .hasMessage("exactly one profile must have a 'system' section");
        Profile superseding = ProfileLoader.load(YamlDocument.parse("s.yaml", """
            profile: vendor_if
            supersedes: [no_such_profile]
            columns: {a: 1.3.6.1.4.1.99999.1}
            components: [{kind: interface, rows: a}]
            """));
        assertThatThrownBy(() -> ProfileCatalog.of(List.of(system, superseding)))
            .hasMessage("s.yaml: supersedes unknown profile 'no_such_profile'");
    }
}
