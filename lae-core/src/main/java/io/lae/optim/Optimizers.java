package io.lae.optim;

import io.lae.LaeException;
import java.util.List;

/** The optimizers by name (SPEC section 3). */
public final class Optimizers {

    /** The names accepted by {@code --optimizer}. */
    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adam");

    private Optimizers() {
    }

    /**
     * @param name     sgd, momentum, nesterov or adam
     * @param momentum μ for momentum and nesterov (ignored otherwise)
     * @return the optimizer
     * @throws LaeException for an unknown name or a momentum outside [0, 1)
     */
    public static Optimizer create(String name, double momentum) {
        return switch (name) {
            case "sgd" -> new Sgd();
            case "momentum" -> new Momentum(momentum, false);
            case "nesterov" -> new Momentum(momentum, true);
            case "adam" -> new Adam();
            default -> throw new LaeException("unknown --optimizer '" + name + "': use one of " + String.join(", ", NAMES));
        };
    }
}
