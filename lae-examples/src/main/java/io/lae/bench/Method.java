package io.lae.bench;

import io.lae.train.TrainingConfig;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A benchmarked training method: a loss with its update rule, as {@code lae train} would run it.
 *
 * @param name     the name in the bench's table and JSON
 * @param settings what it sets on a configuration
 */
public record Method(String name, UnaryOperator<TrainingConfig.Builder> settings) {

    /** The methods {@code lae bench} knows, in table order. */
    static final List<Method> ALL = List.of(
            new Method("ordered", b -> b.loss("ordered")),
            new Method("mse", b -> b.loss("mse")),
            new Method("sum", b -> b.loss("sum").lambda(1.0)),
            new Method("rag", b -> b.loss("mse").rule("rag").init("balanced", 0.01)));

    /** @return the method called {@code name} */
    static Method named(String name) {
        return ALL.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow(() ->
                new io.lae.LaeException("unknown bench loss '" + name + "': use one of "
                        + ALL.stream().map(Method::name).toList()));
    }
}
