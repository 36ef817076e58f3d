package io.lae.experiments;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Values written into the study files the experiments build (TOML 1.0). */
final class Toml {

    private Toml() {
    }

    /** @return the text as a TOML basic string */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * @param value a string, a whole or floating-point number, a boolean, a double[] or a list of these
     * @return it as a TOML value; a double keeps every bit (Java's shortest representation that reads back the same)
     */
    static String value(Object value) {
        return switch (value) {
            case String s -> quoted(s);
            case Double d -> Double.toString(d).toLowerCase(Locale.ROOT);
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case double[] a -> value(java.util.Arrays.stream(a).boxed().toList());
            case List<?> list -> list.stream().map(Toml::value).collect(Collectors.joining(", ", "[", "]"));
            default -> throw new IllegalArgumentException("no TOML form for " + value.getClass().getSimpleName());
        };
    }
}
