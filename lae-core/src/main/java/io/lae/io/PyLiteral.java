package io.lae.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the Python literal that a {@code .npy} header holds: dicts, tuples, lists, quoted
 * strings, integers (with an optional Python 2 {@code L} suffix), {@code True}, {@code False} and
 * {@code None}.
 *
 * <p>Dicts become a {@link LinkedHashMap} with string keys, tuples and lists an unmodifiable
 * {@link List}, integers a {@link Long}, booleans a {@link Boolean} and {@code None} {@code null}.
 * A backslash in a string takes the next character literally. Whitespace may appear between any
 * two tokens and trailing commas are allowed, as in Python.
 */
final class PyLiteral {

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /**
     * Parses one literal that must span the whole text (surrounding whitespace aside).
     *
     * @param text the literal, e.g. {@code {'descr': '<f8', 'shape': (3, 4)}}
     * @return the value, typed as described in the class comment
     * @throws IllegalArgumentException naming what was expected and the character position
     */
    static Object parse(String text) {
        PyLiteral parser = new PyLiteral(text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected " + parser.found() + " after the end of the value");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of the header");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> dict();
            case '(' -> sequence(')', true);
            case '[' -> sequence(']', false);
            case '\'', '"' -> string();
            default -> {
                if (c == '-' || c == '+' || isDigit(c)) {
                    yield integer();
                }
                if (Character.isLetter(c)) {
                    yield name();
                }
                throw error("unexpected " + found());
            }
        };
    }

    private Map<String, Object> dict() {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (!consume('}')) {
            int keyStart = pos;
            if (!(value() instanceof String key)) {
                pos = keyStart;
                skipSpace();
                throw error("a dict key must be a quoted string");
            }
            expect(':');
            map.put(key, value());
            if (!anotherItem('}')) {
                break;
            }
        }
        return map;
    }

    /** A tuple or a list; {@code (x)} without a comma is just {@code x}, as in Python. */
    private Object sequence(char close, boolean parenthesis) {
        pos++;
        List<Object> items = new ArrayList<>();
        boolean comma = false;
        while (!consume(close)) {
            items.add(value());
            comma = anotherItem(close);
            if (!comma) {
                break;
            }
        }
        if (parenthesis && items.size() == 1 && !comma) {
            return items.get(0);
        }
        return Collections.unmodifiableList(items);
    }

    /**
     * After an item: consumes a comma and returns true (more items may follow), or consumes the
     * closing bracket and returns false.
     */
    private boolean anotherItem(char close) {
        if (consume(',')) {
            return true;
        }
        if (consume(close)) {
            return false;
        }
        throw error("expected ',' or '" + close + "' but found " + found());
    }

    /** Consumes {@code c} if it comes next (after whitespace) and says whether it did. */
    private boolean consume(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != quote) {
            if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                pos++;
            }
            out.append(text.charAt(pos++));
        }
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        pos++;
        return out.toString();
    }

    private Long integer() {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected a digit but found " + found());
        }
        String number = text.substring(start, pos);
        if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++;
        }
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("integer " + number + " is too large");
        }
    }

    private Object name() {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        return switch (word) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> {
                pos = start;
                throw error("unknown name '" + word + "'");
            }
        };
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "' but found " + found());
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private String found() {
        return pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + (pos + 1));
    }
}
