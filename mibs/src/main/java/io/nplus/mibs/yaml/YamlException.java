package io.nplus.mibs.yaml;

/**
 * A YAML document that does not fit its schema. The message reads
 * {@code file:line key.path: problem}, as {@code profiles/if_mib.yaml:12 components[0].health[0].to: unknown state 'upp'}.
 */
public final class YamlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String path;
    private final String problem;

    public YamlException(String file, int line, String path, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (path.isEmpty() ? "" : " " + path) + ": " + problem);
        this.file = file;
        this.line = line;
        this.path = path;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
