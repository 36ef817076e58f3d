package io.lae.method;

import io.lae.LaeException;
import java.util.function.DoublePredicate;
import java.util.function.IntFunction;

/**
 * A setting one method takes, declared once in the method's file: its name (the command line's option
 * without the dashes, and the key in run.json), its type, its default, its valid range and its help.
 *
 * @param <T>          {@code Double} for a number, {@code double[]} for one value per latent unit
 * @param name         the option name without dashes, e.g. {@code lambda}
 * @param type         {@code Double.class} or {@code double[].class}
 * @param help         what it is, with an example, e.g. "the L2 weight λ, e.g. --lambda 10"
 * @param defaultValue the value at latent size p when none is given, or null when it must be given
 * @param example      a valid value at latent size p, for the gradient checks and the contract cases
 * @param check        refuses a value out of range, with a message naming the option
 */
public record Hyperparameter<T>(String name, Class<T> type, String help, IntFunction<T> defaultValue,
                                IntFunction<T> example, Check<T> check) {

    /**
     * The range of a value.
     *
     * @param <T> the value's type
     */
    @FunctionalInterface
    public interface Check<T> {
        /**
         * @param value the value, never null
         * @throws LaeException when it is out of range
         */
        void check(T value);
    }

    /**
     * A number.
     *
     * @param name         the option name without dashes
     * @param help         what it is, with an example
     * @param defaultValue the default, or null when it must be given
     * @param example      a valid value for the checks
     * @param valid        the range
     * @param range        the range in words, for the message ("finite and non-negative")
     * @return the hyperparameter
     */
    public static Hyperparameter<Double> number(String name, String help, Double defaultValue, double example,
                                                DoublePredicate valid, String range) {
        return new Hyperparameter<>(name, Double.class, help, defaultValue == null ? null : p -> defaultValue,
                p -> example, v -> {
                    if (!valid.test(v)) {
                        throw new LaeException("--" + name + " must be " + range + ", got " + v);
                    }
                });
    }

    /**
     * One value per latent unit: p numbers.
     *
     * @param name         the option name without dashes
     * @param help         what they are, with an example
     * @param defaultValue the default at latent size p, or null when they must be given
     * @param example      valid values at latent size p, for the checks
     * @param check        the range
     * @return the hyperparameter
     */
    public static Hyperparameter<double[]> perUnit(String name, String help, IntFunction<double[]> defaultValue,
                                                   IntFunction<double[]> example, Check<double[]> check) {
        return new Hyperparameter<>(name, double[].class, help, defaultValue, example, check);
    }

    /** @return the option as typed on the command line, e.g. {@code --lambda} */
    public String option() {
        return "--" + name;
    }

    /** @return whether it holds one value per latent unit */
    public boolean perUnit() {
        return type == double[].class;
    }

    /**
     * @param given the value given, or null
     * @param owner the method, for the message ("loss 'product'")
     * @param p     the latent size
     * @return the value in force, checked
     * @throws LaeException when it is missing without a default, has not p values, or is out of range
     */
    T resolve(T given, String owner, int p) {
        if (given == null && defaultValue == null) {
            throw new LaeException(owner + " needs " + option() + (perUnit() ? " with p = " + p + " values" : "")
                    + " (" + help + ")");
        }
        T value = given != null ? given : defaultValue.apply(p);
        if (value instanceof double[] values && values.length != p) {
            throw new LaeException(option() + " has " + values.length + " values but the latent size p is " + p
                    + ": give exactly one per latent unit");
        }
        check.check(value);
        return value;
    }

    @Override
    public String toString() {
        return option();
    }
}
