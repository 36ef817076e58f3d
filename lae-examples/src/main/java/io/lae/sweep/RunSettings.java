package io.lae.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lae.LaeException;
import io.lae.loss.NestedDropoutLoss;
import io.lae.runs.TrainingConfig;
import io.lae.stats.StatisticsFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A run's settings in a study file, {@code lae train}'s options by their long names without dashes, made the
 * {@link TrainingConfig} {@code lae train} makes of the same options: bound from the same JSON tree as run.json,
 * from the defaults of {@link TrainingConfig#builder()}, and validated by the configuration itself.
 */
final class RunSettings {

    /** lae train's options a study may set, by their long names without dashes, each with its run.json field. */
    static final Map<String, String> SETTINGS = settings();
    /** Options whose value is a list of p numbers. */
    static final Set<String> LISTS = Set.of("lambdas", "prior");
    /** Options naming a method, read in any case as on the command line. */
    private static final Set<String> NAMES = Set.of("loss", "rule", "optimizer");
    /** Reads settings as run.json is read: 5.5 is no step count, null no number. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    private static final ObjectNode DEFAULTS = JSON.valueToTree(TrainingConfig.builder().build());

    private RunSettings() {
    }

    /** @return the keys a study may set: lae train's long option names without dashes, less those of lae sweep itself */
    static Set<String> keys() {
        return SETTINGS.keySet();
    }

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : List.of("data", "targets", "loss", "lambda", "lambdas", "prior", "rule", "optimizer", "lr",
                "lr-end", "lr-decay", "momentum", "latent", "steps", "init", "init-std", "seed", "dtype", "header",
                "log-every", "checkpoint-every", "until", "epochs", "batch", "stochastic", "player-steps")) {
            m.put(key, key.replace('-', '_'));
        }
        m.put("stats", "data");
        m.put("reduction", "scale");
        m.put("no-center", "center");
        return Map.copyOf(m);
    }

    /**
     * Makes one run's configuration as lae train makes it from the same options.
     *
     * @param settings the run's settings by key
     * @param name     the run's name, for messages
     * @param origin   the study file, for messages
     * @return the validated configuration
     * @throws LaeException in one line naming the key: the file first for what the file got wrong, the configuration's
     *     own message first (e.g. "not enough memory: …") for what the run refuses
     */
    static TrainingConfig config(Map<String, JsonNode> settings, String name, String origin) {
        Function<String, LaeException> error = message -> new LaeException(origin + ": " + message);
        ObjectNode node = DEFAULTS.deepCopy();
        JsonNode prior = null;
        if (settings.containsKey("stats") && (settings.containsKey("data") || settings.containsKey("targets"))) {
            throw error.apply("run '" + name + "': stats holds the data's statistics (and a regression's targets): drop data "
                    + "and targets");
        }
        if (settings.containsKey("steps") && settings.containsKey("epochs")) {
            throw error.apply("run '" + name + "': steps counts full-batch steps, but epochs and batch make it a mini-batch "
                    + "run (its length is epochs): drop one of them");
        }
        for (var e : settings.entrySet()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            String field = SETTINGS.get(key);
            switch (key) {
                case "stats" -> {
                    if (!StatisticsFile.isStatistics(v.asText())) {
                        throw error.apply("stats = " + v + ": give a " + StatisticsFile.EXTENSION + " file written by lae stats");
                    }
                    node.put(field, v.asText());
                }
                case "no-center" -> {
                    if (!v.isBoolean()) {
                        throw error.apply("no-center = " + v + ": give true or false");
                    }
                    node.put(field, !v.asBoolean());
                }
                case "prior" -> prior = v;
                case "lambdas" -> node.set(field, numbers(key, v, error));
                case "stochastic" -> {
                    if (v.isBoolean()) {
                        node.set(field, v.asBoolean() ? TextNode.valueOf("per-sample") : null);
                    } else {
                        node.set(field, v);
                    }
                }
                default -> node.set(field, NAMES.contains(key) && v.isTextual()
                        ? TextNode.valueOf(v.asText().toLowerCase(Locale.ROOT)) : v);
            }
        }
        if (prior != null) {
            node.set("prior", prior.isTextual() && prior.asText().equalsIgnoreCase("bao-code")
                    ? JSON.valueToTree(NestedDropoutLoss.geometricPriorAsBaoCode(node.path("latent").asInt(),
                            NestedDropoutLoss.DEFAULT_KEEP))
                    : numbers("prior", prior, error));
        }
        try {
            return JSON.treeToValue(node, TrainingConfig.class);
        } catch (JacksonException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof LaeException bad) {
                    throw new LaeException(bad.getMessage() + " (" + origin + ", run '" + name + "')", bad);
                }
            }
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().getLast().getFieldName() : null;
            String key = SETTINGS.entrySet().stream().filter(s -> s.getValue().equals(field)).map(Map.Entry::getKey)
                    .filter(settings::containsKey).findFirst().orElse(field);
            throw error.apply("run '" + name + "': " + key + " = " + (key == null ? "?" : settings.get(key))
                    + " is not a value lae train takes (" + StudyFile.firstLine(e.getOriginalMessage()) + ")");
        }
    }

    private static ArrayNode numbers(String key, JsonNode v, Function<String, LaeException> error) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (v.isTextual()) {
            try {
                for (String part : v.asText().split(",")) {
                    out.add(Double.parseDouble(part.strip()));
                }
                return out;
            } catch (NumberFormatException e) {
                throw error.apply(key + " = " + v + ": give a list of numbers, e.g. [0.1, 0.2]");
            }
        }
        for (JsonNode x : v) {
            if (!x.isNumber()) {
                throw error.apply(key + " = " + v + ": give a list of numbers, e.g. [0.1, 0.2]");
            }
            out.add(x.asDouble());
        }
        return out;
    }

    /**
     * @param value a setting's value
     * @return it as text: a string as it is, a number as short as it reads ({@code 2}, {@code 0.003}, {@code 1e-4}),
     *     a list joined by commas
     */
    static String label(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(label(v)));
            return String.join(",", items);
        }
        if (value.isFloatingPointNumber()) {
            double d = value.asDouble();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d).replace("E", "e").replace(".0e", "e");
        }
        return value.asText();
    }
}
