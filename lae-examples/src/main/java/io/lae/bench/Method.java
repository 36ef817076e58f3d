package io.lae.bench;

import io.lae.loss.NonUniformL2Loss;
import io.lae.runs.TrainingConfig;
import io.lae.train.Initialization;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A benchmarked training method: a loss with its update rule, as {@code lae train} would run it.
 *
 * @param name     the name in the bench's table and JSON
 * @param settings what it sets on a configuration, given the latent size p
 */
public record Method(String name, BiFunction<TrainingConfig.Builder, Integer, TrainingConfig.Builder> settings) {

    /** The methods {@code lae bench} knows, in table order: every loss of the three papers, and RAG. */
    static final List<Method> ALL = List.of(
            new Method("ordered", (b, p) -> b.loss("ordered")),
            new Method("mse", (b, p) -> b.loss("mse")),
            new Method("sum", (b, p) -> b.loss("sum").lambda(1.0)),
            new Method("product", (b, p) -> b.loss("product").lambda(1.0)),
            new Method("nonuniform", (b, p) -> b.loss("nonuniform").lambdas(NonUniformL2Loss.squaredLinspace(0.1, 10, p))),
            new Method("nested-dropout", (b, p) -> b.loss("nested-dropout")),
            new Method("rag", (b, p) -> b.loss("mse").rule("rag").init(Initialization.Kind.BALANCED, 0.01)));

    /** @return the method called {@code name} */
    static Method named(String name) {
        return ALL.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow(() ->
                new io.lae.LaeException("unknown bench loss '" + name + "': use one of "
                        + ALL.stream().map(Method::name).toList()));
    }
}
