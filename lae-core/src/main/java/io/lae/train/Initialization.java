package io.lae.train;

import io.lae.LaeException;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How a run's weights start: N(0, std²) entries drawn by lae ({@link Normal}), the same with B = Aᵀ
 * ({@link Balanced}, as RAG needs), or the draw PyTorch 1.3 makes on the CPU after
 * {@code torch.manual_seed(seed)} for Bao et al.'s {@code nn.Linear} encoder and decoder ({@link Torch}),
 * so that a replay starts where the authors' code starts. {@code lae train --init} names them.
 */
public sealed interface Initialization {

    /** The names {@code --init} accepts. */
    List<String> NAMES = List.of(Normal.NAME, Balanced.NAME, Torch.NAME);

    /** @return the name on the command line and in run.json */
    String name();

    /** @return the standard deviation of the entries */
    double std();

    /** @return the seed of the draw */
    long seed();

    /**
     * @param outputDim n
     * @param inputDim  n'
     * @param latent    p
     * @param tied      whether the rule trains A alone (B = Aᵀ throughout)
     * @param type      float32 or float64
     * @return the initial weights
     * @throws LaeException when the draw does not fit the sizes
     */
    Model create(int outputDim, int inputDim, int latent, boolean tied, DataType type);

    /**
     * @param name one of {@link #NAMES}
     * @param std  the standard deviation, positive and finite
     * @param seed the seed
     * @return the initialisation
     * @throws LaeException naming the choices, or the bad standard deviation
     */
    static Initialization of(String name, double std, long seed) {
        return switch (name == null ? "" : name) {
            case Normal.NAME -> new Normal(std, seed);
            case Balanced.NAME -> new Balanced(std, seed);
            case Torch.NAME -> new Torch(std, seed);
            default -> throw new LaeException("--init must be " + String.join(", ", NAMES.subList(0, NAMES.size() - 1))
                    + " or " + NAMES.getLast() + ", got '" + name + "'");
        };
    }

    private static void requireStd(double std) {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new LaeException("--init-std must be a positive number, got " + std);
        }
    }

    /**
     * Independent N(0, std²) entries for B and A from lae's generator ({@link Model#random}).
     *
     * @param std  the standard deviation
     * @param seed the seed
     */
    record Normal(double std, long seed) implements Initialization {
        static final String NAME = "normal";

        /** Checks that the standard deviation is positive and finite. */
        public Normal {
            requireStd(std);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Model create(int outputDim, int inputDim, int latent, boolean tied, DataType type) {
            return Model.random(outputDim, inputDim, latent, std, false, tied, seed, type);
        }
    }

    /**
     * A with N(0, std²) entries and B = Aᵀ at the start, still a separate parameter ({@link Model#random}).
     *
     * @param std  the standard deviation
     * @param seed the seed
     */
    record Balanced(double std, long seed) implements Initialization {
        static final String NAME = "balanced";

        /** Checks that the standard deviation is positive and finite. */
        public Balanced {
            requireStd(std);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Model create(int outputDim, int inputDim, int latent, boolean tied, DataType type) {
            return Model.random(outputDim, inputDim, latent, std, true, tied, seed, type);
        }
    }

    /**
     * PyTorch 1.3's CPU draw after {@code torch.manual_seed(seed)} ({@link Model#torch}).
     *
     * @param std  the standard deviation (the authors' {@code init_scale})
     * @param seed the seed of {@code torch.manual_seed}
     */
    record Torch(double std, long seed) implements Initialization {
        static final String NAME = "torch";

        /** Checks that the standard deviation is positive and finite. */
        public Torch {
            requireStd(std);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Model create(int outputDim, int inputDim, int latent, boolean tied, DataType type) {
            return Model.torch(outputDim, inputDim, latent, std, tied, seed, type);
        }
    }
}
