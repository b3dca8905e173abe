package io.nplus.mibs.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive-descent parser. Precedence, loosest first: {@code ??}, {@code or}, {@code and}, {@code not},
 * comparisons ({@code == != < <= > >= =~ !~}), {@code + -}, {@code * / %}, unary minus, lookups
 * {@code column[index]} and calls {@code f(x)}. Literals: numbers, 'text', true, false and none (absent).
 */
final class Parser {
    private final String src;
    private final Scope scope;
    private final List<Lexer.Token> tokens;
    private int pos;

    Parser(String src, Scope scope) {
        this.src = src;
        this.scope = scope;
        this.tokens = Lexer.tokenize(src);
    }

    Expr parseAll() {
        if (src.isBlank()) {
            throw new ExprException("empty expression");
        }
        Expr e = coalesce();
        if (peek().type() != Lexer.Type.END) {
            throw ExprException.at(src, peek().pos(), "unexpected '" + peek().text() + "'");
        }
        return e;
    }

    private Lexer.Token peek() {
        return tokens.get(pos);
    }

    private Lexer.Token next() {
        return tokens.get(pos++);
    }

    private boolean accept(String op) {
        if (peek().is(op)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String op) {
        if (!accept(op)) {
            throw ExprException.at(src, peek().pos(), "expected '" + op + "' but found '" + peek().text() + "'");
        }
    }

    private String text(int from) {
        int end = peek().pos();
        return src.substring(tokens.get(from).pos(), end).trim();
    }

    private Expr coalesce() {
        int start = pos;
        Expr left = or();
        while (accept("??")) {
            Expr right = or(); // parsed before text(start), so the source includes it
            left = new Nodes.Coalesce(text(start), left, right);
        }
        return left;
    }

    private Expr or() {
        int start = pos;
        Expr left = and();
        while (accept("or")) {
            Expr right = and();
            left = new Nodes.Or(text(start), left, right);
        }
        return left;
    }

    private Expr and() {
        int start = pos;
        Expr left = not();
        while (accept("and")) {
            Expr right = not();
            left = new Nodes.And(text(start), left, right);
        }
        return left;
    }

    private Expr not() {
        int start = pos;
        if (accept("not")) {
            Expr operand = not();
            return new Nodes.Not(text(start), operand);
        }
        return comparison();
    }

    private Expr comparison() {
        int start = pos;
        Expr left = additive();
        Lexer.Token t = peek();
        if (t.type() == Lexer.Type.OP && List.of("==", "!=", "<", "<=", ">", ">=").contains(t.text())) {
            next();
            Expr right = additive();
            checkStateWords(left, right, t);
            checkStateWords(right, left, t);
            return new Nodes.Compare(text(start), t.text(), left, right);
        }
        if (t.is("=~") || t.is("!~")) {
            next();
            Lexer.Token re = next();
            if (re.type() != Lexer.Type.STRING) {
                throw ExprException.at(src, re.pos(), "a regular expression must be a quoted string");
            }
            try {
                return new Nodes.Match(text(start), left, Pattern.compile(re.text()), t.is("!~"));
            } catch (PatternSyntaxException e) {
                throw ExprException.at(src, re.pos(), "bad regular expression: " + e.getDescription());
            }
        }
        return left;
    }

    /** {@code ifOperStatus == 'upp'} is a typo the profile loader must catch: enum columns compare with words. */
    private void checkStateWords(Expr column, Expr other, Lexer.Token op) {
        if (!(column instanceof Nodes.ColumnRef c) || !c.def.isEnum() || !(other instanceof Nodes.Literal lit)) {
            return;
        }
        if (lit.value instanceof String word && !c.def.states().containsValue(word)) {
            throw ExprException.at(src, op.pos(), "unknown state '" + word + "' of " + c.def.name()
                + "; expected " + String.join(", ", c.def.stateWords()));
        }
        if (lit.value instanceof Double) {
            throw ExprException.at(src, op.pos(), c.def.name() + " is enumerated: compare it with a state word ("
                + String.join(", ", c.def.stateWords()) + ") or use raw(" + c.def.name() + ")");
        }
    }

    private Expr additive() {
        int start = pos;
        Expr left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            char op = next().text().charAt(0);
            Expr right = multiplicative();
            left = new Nodes.Arithmetic(text(start), op, left, right);
        }
        return left;
    }

    private Expr multiplicative() {
        int start = pos;
        Expr left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            char op = next().text().charAt(0);
            Expr right = unary();
            left = new Nodes.Arithmetic(text(start), op, left, right);
        }
        return left;
    }

    private Expr unary() {
        int start = pos;
        if (accept("-")) {
            Expr operand = unary();
            if (operand instanceof Nodes.Literal lit && lit.value instanceof Double d) {
                return new Nodes.Literal(text(start), -d);
            }
            return new Nodes.Negate(text(start), operand);
        }
        return postfix();
    }

    private Expr postfix() {
        int start = pos;
        Expr e = primary();
        if (peek().is("[")) {
            if (!(e instanceof Nodes.ColumnRef c) || e instanceof Nodes.Lookup) {
                throw ExprException.at(src, peek().pos(), "only a column can be read at another index with [...]");
            }
            next();
            List<Expr> parts = new ArrayList<>();
            do {
                parts.add(coalesce());
            } while (accept(","));
            expect("]");
            return new Nodes.Lookup(text(start), c.def, parts.toArray(new Expr[0]));
        }
        return e;
    }

    private Expr primary() {
        int start = pos;
        Lexer.Token t = next();
        switch (t.type()) {
            case NUMBER:
                try {
                    return new Nodes.Literal(t.text(), Double.parseDouble(t.text()));
                } catch (NumberFormatException e) {
                    throw ExprException.at(src, t.pos(), "'" + t.text() + "' is not a number");
                }
            case STRING:
                return new Nodes.Literal(src.substring(t.pos(), peek().pos()).trim(), t.text());
            case IDENT:
                if (t.text().equals("true") || t.text().equals("false")) {
                    return new Nodes.Literal(t.text(), Boolean.valueOf(t.text()));
                }
                if (t.text().equals("none")) {
                    return new Nodes.Literal(t.text(), null); // absent, as in if(cond, x, none)
                }
                if (peek().is("(")) {
                    return call(t, start);
                }
                return identifier(t);
            case OP:
                if (t.is("(")) {
                    Expr inner = coalesce();
                    expect(")");
                    return inner;
                }
                throw ExprException.at(src, t.pos(), "unexpected '" + t.text() + "'");
            default:
                throw ExprException.at(src, t.pos(), "expression ends too early");
        }
    }

    private Expr call(Lexer.Token name, int start) {
        Functions.Function fn = Functions.get(name.text());
        if (fn == null) {
            throw ExprException.at(src, name.pos(), "unknown function '" + name.text() + "'; known: "
                + String.join(", ", Functions.ALL.keySet()));
        }
        expect("(");
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                args.add(coalesce());
            } while (accept(","));
        }
        expect(")");
        if (args.size() < fn.minArgs() || args.size() > fn.maxArgs()) {
            throw ExprException.at(src, name.pos(), fn.name() + " takes " + (fn.minArgs() == fn.maxArgs()
                ? fn.minArgs() : fn.minArgs() + " to " + fn.maxArgs()) + " arguments, got " + args.size()
                + " (" + fn.help() + ")");
        }
        if (fn.needsColumn() && !(args.get(0) instanceof Nodes.ColumnRef)) {
            throw ExprException.at(src, name.pos(), "the first argument of " + fn.name() + " must be a column ("
                + fn.help() + ")");
        }
        return new Nodes.Call(text(start), fn, args.toArray(new Expr[0]));
    }

    private Expr identifier(Lexer.Token t) {
        Scope.Symbol symbol = scope.resolve(t.text());
        if (symbol == null) {
            throw ExprException.at(src, t.pos(), "unknown name '" + t.text() + "'" + suggestion(t.text()));
        }
        if (symbol instanceof Scope.Column c) {
            return new Nodes.ColumnRef(t.text(), c.def());
        }
        if (symbol instanceof Scope.IndexPart p) {
            return new Nodes.IndexRef(t.text(), p.part());
        }
        if (symbol instanceof Scope.Lane) {
            return new Nodes.LaneRef(t.text());
        }
        return new Nodes.ReadingRef(t.text(), ((Scope.Reading) symbol).name());
    }

    private String suggestion(String name) {
        List<String> names = scope.names();
        String best = names.stream()
            .min(Comparator.comparingInt(n -> distance(n.toLowerCase(), name.toLowerCase())))
            .orElse(null);
        if (best != null && distance(best.toLowerCase(), name.toLowerCase()) <= Math.max(2, name.length() / 3)) {
            return "; did you mean '" + best + "'?";
        }
        return names.isEmpty() ? "" : "; declared: " + String.join(", ", names);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
