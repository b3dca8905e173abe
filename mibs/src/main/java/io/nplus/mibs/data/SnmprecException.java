package io.nplus.mibs.data;

import java.io.IOException;

/** A .snmprec file that cannot be read: the message names the file and line and says what is wrong. */
public final class SnmprecException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public SnmprecException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
