package io.nplus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.core.net.HostPort;
import io.nplus.mibs.yaml.YamlException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 9: the traps section is checked as strictly as the rest of the config. */
class TrapsConfigTest {
    static final String BASE = """
        targets:
          - {name: sw1, address: 10.0.0.1, credentials: v2}
        credentials:
          v2: {version: 2c, community: polling-secret}
          traps-v2: {version: 2c, community: trap-secret}
          trap-v2: {version: 2c, community: trap-secret}
        """;

    @TempDir
    Path dir;

    RunConfig load(String yaml) throws Exception {
        return new ConfigLoader(Map.of()).load(Files.writeString(dir.resolve("nplus.yaml"), yaml));
    }

    /** The README's traps example loads as written, with a target and the credentials it names. */
    @Test
    void theReadmeTrapsExampleLoads() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("### Traps");
        int from = readme.indexOf("```yaml", section) + "```yaml".length();
        String yaml = readme.substring(from, readme.indexOf("```", from));
        RunConfig.Traps t = load(BASE + yaml).traps();
        assertThat(t.listen()).isEqualTo(new HostPort("127.0.0.1", 1162));
        assertThat(t.allow()).extracting(RunConfig.TrapSource::device).containsExactly("sw1", "ups-1");
        assertThat(t.keepEvents()).isEqualTo(1000);
    }

    @Test
    void withoutTheSectionNothingListens() throws Exception {
        assertThat(load(BASE).traps()).isNull();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        RunConfig c = load(BASE + """
            traps:
              listen: 127.0.0.1:1162
              allow:
                - {source: 10.0.0.1, credentials: traps-v2}
                - {source: 192.0.2.7, credentials: traps-v2, device: ups-1}
                - {source: 192.0.2.8, credentials: v2}
              queue_size: 500
              rate_limit: 20
              burst: 40
              keep_events: 200
            """);
        RunConfig.Traps t = c.traps();
        assertThat(t.listen()).isEqualTo(new HostPort("127.0.0.1", 1162));
        assertThat(t.allow()).extracting(RunConfig.TrapSource::device).containsExactly("sw1", "ups-1", "192.0.2.8");
        assertThat(t.allow().get(1).source()).isEqualTo(InetAddress.getByName("192.0.2.7"));
        assertThat(t.allow().get(0).credentialsName()).isEqualTo("traps-v2");
        assertThat(t.queueSize()).isEqualTo(500);
        assertThat(t.rateLimit()).isEqualTo(20.0);
        assertThat(t.burst()).isEqualTo(40);
        assertThat(t.keepEvents()).isEqualTo(200);
        assertThat(t.toString()).doesNotContain("trap-secret", "polling-secret");
    }

    @Test
    void defaultsAndPort162() throws Exception {
        RunConfig.Traps t = load(BASE + "traps: {listen: 0.0.0.0}\n").traps();
        assertThat(t.listen()).isEqualTo(new HostPort("0.0.0.0", 162));
        assertThat(t.allow()).isEmpty();
        assertThat(t.queueSize()).isEqualTo(10_000);
        assertThat(t.rateLimit()).isEqualTo(100.0);
        assertThat(t.burst()).isEqualTo(500);
        assertThat(t.keepEvents()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        traps: {allow: []}                                            | traps.listen            | needs an address to listen on
        traps: {listen: 127.0.0.1:99999}                              | traps.listen            | port 99999 is outside 1..65535
        traps: {listen: 127.0.0.1:1162, allow: [{source: sw1.example, credentials: v2}]} | traps.allow[0].source | 'sw1.example' is not an IP address
        traps: {listen: 127.0.0.1:1162, allow: [{source: 300.1.1.1, credentials: v2}]}   | traps.allow[0].source | not an IP address
        traps: {listen: 127.0.0.1:1162, allow: [{source: 10.0.0.9, credentials: nope}]}  | traps.allow[0].credentials | unknown credentials 'nope'; defined: v2, traps-v2
        traps: {listen: 127.0.0.1:1162, allow: [{source: 10.0.0.9}]}                    | traps.allow[0]        | needs 'source' (an IP address) and 'credentials'
        traps: {listen: 127.0.0.1:1162, allow: [{source: 10.0.0.9, credentials: v2, device: 'a b'}]} | traps.allow[0].device | letters, digits
        traps: {listen: 127.0.0.1:1162, queue_size: 0}                | traps.queue_size        | bad value 0; expected 1..1000000
        traps: {listen: 127.0.0.1:1162, rate_limit: 0}                | traps.rate_limit        | bad value 0.0
        traps: {listen: 127.0.0.1:1162, burst: 0}                     | traps.burst             | bad value 0
        traps: {listen: 127.0.0.1:1162, keep_events: 0}               | traps.keep_events       | bad value 0
        traps: {listen: 127.0.0.1:1162, communty: x}                  | traps.communty          | unknown key 'communty'
        """)
    void mistakesNameTheKey(String section, String path, String problem) {
        assertThatThrownBy(() -> load(BASE + section + "\n")).isInstanceOfSatisfying(YamlException.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.problem()).contains(problem);
            assertThat(e.line()).as(e.getMessage()).isEqualTo(7);
            assertThat(e.getMessage()).doesNotContain("trap-secret", "polling-secret");
        });
    }
}
