package io.lae.method;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The hyperparameter values of one method, by name; immutable. Lists are copied in and out.
 */
public final class Settings {

    /** No setting given. */
    public static final Settings NONE = new Settings(Map.of());

    private final Map<String, Object> values;

    private Settings(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param <T>            the value's type
     * @param hyperparameter the setting
     * @param value          its value, or null to leave it unset
     * @return these settings with the value set (or removed, for null)
     */
    public <T> Settings with(Hyperparameter<T> hyperparameter, T value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(hyperparameter.name());
        } else {
            copy.put(hyperparameter.name(), copied(hyperparameter.type().cast(value)));
        }
        return new Settings(copy);
    }

    /**
     * @param <T>            the value's type
     * @param hyperparameter the setting
     * @return its value, or null when unset
     * @throws ClassCastException when a value of another type was stored under its name
     */
    public <T> T get(Hyperparameter<T> hyperparameter) {
        return hyperparameter.type().cast(copied(values.get(hyperparameter.name())));
    }

    /**
     * @param method a method
     * @return the settings it takes, the others dropped (for settings every method of a kind is offered, such as
     *     {@code lae train}'s {@code --momentum})
     */
    public Settings restrictedTo(Method method) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.keySet().retainAll(method.hyperparameters().stream().map(Hyperparameter::name).toList());
        return new Settings(copy);
    }

    /** @return the names of the settings given */
    public Set<String> names() {
        return values.keySet();
    }

    /** @return whether nothing is set */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * @param <T>            the value's type
     * @param hyperparameter a setting of the method
     * @param given          the settings as given
     * @param owner          the method, for messages
     * @param p              the latent size
     * @return these settings with the hyperparameter's value in force added
     */
    <T> Settings withResolved(Hyperparameter<T> hyperparameter, Settings given, String owner, int p) {
        return with(hyperparameter, hyperparameter.resolve(given.get(hyperparameter), owner, p));
    }

    /**
     * @param <T>            the value's type
     * @param hyperparameter a setting
     * @param p              the latent size
     * @return these settings with the hyperparameter's example value
     */
    <T> Settings withExample(Hyperparameter<T> hyperparameter, int p) {
        return with(hyperparameter, hyperparameter.example().apply(p));
    }

    private static Object copied(Object value) {
        return value instanceof double[] array ? array.clone() : value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Settings other) || !values.keySet().equals(other.values.keySet())) {
            return false;
        }
        return values.keySet().stream().allMatch(k -> Objects.deepEquals(values.get(k), other.values.get(k)));
    }

    @Override
    public int hashCode() {
        return values.entrySet().stream().mapToInt(e -> e.getKey().hashCode()
                ^ (e.getValue() instanceof double[] a ? Arrays.hashCode(a) : e.getValue().hashCode())).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(text.isEmpty() ? "" : " ").append("--").append(k).append(' ')
                .append(v instanceof double[] a ? Arrays.toString(a).replaceAll("[\\[\\] ]", "") : v));
        return text.toString();
    }
}
