package io.lae.optim;

import io.lae.LaeException;
import java.util.List;

/** The optimizers by command-line name. */
public final class Optimizers {

    /** The names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adam");

    private Optimizers() {
    }

    /**
     * @param name     one of {@link #NAMES}
     * @param momentum μ ∈ [0, 1) for {@code momentum} and {@code nesterov}; checked for every name
     * @return {@link Sgd}, {@link Momentum} (heavy ball or Nesterov) or {@link Adam} with PyTorch's
     *         defaults
     * @throws LaeException for an unknown name or μ outside [0, 1)
     */
    public static Optimizer create(String name, double momentum) {
        Momentum.check(momentum);
        String known = name == null ? "" : name;
        return switch (known) {
            case "sgd" -> new Sgd();
            case "momentum" -> new Momentum(momentum, false);
            case "nesterov" -> new Momentum(momentum, true);
            case "adam" -> new Adam();
            default -> throw new LaeException("unknown --optimizer '" + name + "': use one of " + String.join(", ", NAMES));
        };
    }
}
