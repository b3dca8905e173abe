package io.nplus.mibs.expr;

/** An expression that does not compile; the message quotes the expression and points at the problem. */
public final class ExprException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExprException(String message) {
        super(message);
    }

    static ExprException at(String source, int pos, String problem) {
        return new ExprException(problem + " in '" + source + "' at column " + (pos + 1));
    }
}
