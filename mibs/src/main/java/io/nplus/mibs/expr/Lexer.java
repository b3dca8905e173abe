package io.nplus.mibs.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens. */
final class Lexer {
    enum Type { NUMBER, STRING, IDENT, OP, END }

    record Token(Type type, String text, int pos) {
        boolean is(String op) {
            return (type == Type.OP || type == Type.IDENT) && text.equals(op);
        }
    }

    private static final String[] OPERATORS = {"==", "!=", "<=", ">=", "=~", "!~", "??", "+", "-", "*", "/", "%",
        "<", ">", "(", ")", "[", "]", ","};

    private Lexer() {
    }

    static List<Token> tokenize(String src) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1)))) {
                int start = i;
                while (i < src.length() && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '.')) {
                    i++;
                }
                if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
                    int save = i;
                    i++;
                    if (i < src.length() && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < src.length() && Character.isDigit(src.charAt(i))) {
                        while (i < src.length() && Character.isDigit(src.charAt(i))) {
                            i++;
                        }
                    } else {
                        i = save;
                    }
                }
                tokens.add(new Token(Type.NUMBER, src.substring(start, i), start));
            } else if (c == '\'' || c == '"') {
                int start = i;
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < src.length() && src.charAt(i) != c) {
                    // A backslash escapes only the quote itself; elsewhere it stays, so regular expressions
                    // such as '^sd[a-z]\\d$' mean what they say.
                    if (src.charAt(i) == '\\' && i + 1 < src.length() && src.charAt(i + 1) == c) {
                        i++;
                    }
                    sb.append(src.charAt(i));
                    i++;
                }
                if (i >= src.length()) {
                    throw ExprException.at(src, start, "unterminated string");
                }
                i++;
                tokens.add(new Token(Type.STRING, sb.toString(), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Type.IDENT, src.substring(start, i), start));
            } else {
                String op = null;
                for (String candidate : OPERATORS) {
                    if (src.startsWith(candidate, i)) {
                        op = candidate;
                        break;
                    }
                }
                if (op == null) {
                    throw ExprException.at(src, i, "unexpected character '" + c + "'");
                }
                tokens.add(new Token(Type.OP, op, i));
                i += op.length();
            }
        }
        tokens.add(new Token(Type.END, "", src.length()));
        return tokens;
    }
}
