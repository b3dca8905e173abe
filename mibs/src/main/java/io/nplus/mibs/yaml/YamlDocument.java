package io.nplus.mibs.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML file, bound strictly to a schema class: unknown keys and mistyped values fail with the file, line,
 * key path and what is allowed. Checks made after binding report through {@link #error(String, String)}, which
 * finds the line of a key path, so every message a user sees points into their file.
 *
 * <pre>{@code
 * YamlDocument doc = YamlDocument.read(Path.of("nplus.yaml"));
 * RunConfig config = doc.bind(RunConfig.class);
 * if (config.targets().isEmpty()) throw doc.error("targets", "at least one target is needed");
 * }</pre>
 */
public final class YamlDocument {
    private static final ObjectMapper MAPPER = YAMLMapper.builder(new YAMLFactory())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();

    private final String name;
    private final String text;
    private final Node root;

    private YamlDocument(String name, String text, Node root) {
        this.name = name;
        this.text = text;
        this.root = root;
    }

    public static YamlDocument read(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public static YamlDocument parse(String name, String text) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Node root = new Yaml(options).compose(new StringReader(text));
            return new YamlDocument(name, text, root);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new YamlException(name, line, "", "not valid YAML: " + e.getProblem());
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new YamlException(name, 0, "", "not valid YAML: " + e.getMessage());
        }
    }

    public String name() {
        return name;
    }

    public boolean isEmpty() {
        return root == null;
    }

    /** Binds the whole document to {@code type}. */
    public <T> T bind(Class<T> type) {
        if (root == null) {
            throw new YamlException(name, 0, "", "the file is empty");
        }
        try {
            return MAPPER.readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            Collection<Object> known = e.getKnownPropertyIds();
            String allowed = known == null ? "" : "; allowed: " + known.stream().map(String::valueOf).sorted()
                .collect(Collectors.joining(", "));
            // Jackson's location is where it stopped reading (for records, the end of the object): use the key's own line.
            String path = path(e);
            throw new YamlException(name, keyLineOf(path, line(e)), path, "unknown key '" + e.getPropertyName() + "'" + allowed);
        } catch (InvalidFormatException e) {
            throw new YamlException(name, line(e), path(e), "bad value '" + e.getValue() + "': " + firstLine(e));
        } catch (JsonMappingException e) {
            throw new YamlException(name, line(e), path(e), firstLine(e));
        } catch (JsonProcessingException e) {
            throw new YamlException(name, line(e), "", firstLine(e));
        }
    }

    /** An error about the value at {@code path} ("components[2].health[0].to"), with that value's line. */
    public YamlException error(String path, String problem) {
        return new YamlException(name, lineOf(path), path, problem);
    }

    /** The 1-based line where the value at {@code path} starts; the nearest existing parent's line otherwise. */
    public int lineOf(String path) {
        Node node = root;
        int line = root == null ? 0 : root.getStartMark().getLine() + 1;
        for (String segment : segments(path)) {
            Node child = child(node, segment);
            if (child == null) {
                break;
            }
            node = child;
            line = node.getStartMark().getLine() + 1;
        }
        return line;
    }

    /** The line of the key that ends {@code path}; {@code otherwise} when there is no such key. */
    private int keyLineOf(String path, int otherwise) {
        List<String> segments = segments(path);
        if (segments.isEmpty()) {
            return otherwise;
        }
        Node node = root;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            node = child(node, segment);
            if (node == null) {
                return otherwise;
            }
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segments.get(segments.size() - 1))) {
                    return key.getStartMark().getLine() + 1;
                }
            }
        }
        return otherwise;
    }

    private static Node child(Node node, String segment) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segment)) {
                    return t.getValueNode();
                }
            }
        } else if (node instanceof SequenceNode seq && segment.matches("\\d+")) {
            int i = Integer.parseInt(segment);
            return i < seq.getValue().size() ? seq.getValue().get(i) : null;
        }
        return null;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[' || c == ']') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static int line(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 1 ? 0 : loc.getLineNr();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "cannot read this value";
        }
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        // Jackson names Java types; users write YAML.
        return m.replaceAll("`[a-z]+(\\.[a-zA-Z0-9_$]+)+`", "this key").replace("java.lang.", "");
    }

    /** A JSON mapper with the same naming conventions, for output. */
    public static ObjectMapper jsonMapper() {
        return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    }
}
