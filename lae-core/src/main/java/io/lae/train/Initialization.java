package io.lae.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lae.LaeException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How a run's weights start ({@code lae train --init}, {@code --init-std}, {@code --seed}).
 *
 * @param kind which draw
 * @param std  the standard deviation of the entries, positive and finite
 * @param seed the seed of the draw
 */
public record Initialization(Kind kind, double std, long seed) {

    /** The draws. */
    public enum Kind {
        /** Independent N(0, std²) entries for B and A from lae's generator ({@link Model#random}). */
        NORMAL,
        /** A with N(0, std²) entries and B = Aᵀ at the start, still a separate parameter, as RAG needs. */
        BALANCED,
        /**
         * PyTorch 1.3's CPU draw after {@code torch.manual_seed(seed)} for Bao et al.'s {@code nn.Linear}
         * encoder and decoder ({@link Model#torch}), so that a replay starts where the authors' code starts.
         */
        TORCH;

        /** @return the name on the command line and in run.json */
        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param name one of {@link #NAMES}, in any case
         * @return the draw of that name
         * @throws LaeException naming the choices
         */
        @JsonCreator
        public static Kind of(String name) {
            return Arrays.stream(values()).filter(k -> k.label().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new LaeException("--init must be " + String.join(", ", NAMES.subList(0,
                            NAMES.size() - 1)) + " or " + NAMES.getLast() + ", got '" + name + "'"));
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** The names {@code --init} accepts. */
    public static final List<String> NAMES = Arrays.stream(Kind.values()).map(Kind::label).toList();

    /** Checks the kind and the standard deviation. */
    public Initialization {
        if (kind == null) {
            throw new IllegalArgumentException("an initialization needs a kind");
        }
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new LaeException("--init-std must be a positive number, got " + std);
        }
    }

    /**
     * @param name one of {@link #NAMES}
     * @param std  the standard deviation, positive and finite
     * @param seed the seed
     * @return the initialisation
     * @throws LaeException naming the choices, or the bad standard deviation
     */
    public static Initialization of(String name, double std, long seed) {
        return new Initialization(Kind.of(name), std, seed);
    }

    /**
     * @param outputDim n
     * @param inputDim  n'
     * @param latent    p
     * @param tied      whether the rule trains A alone (B = Aᵀ throughout)
     * @param type      float32 or float64
     * @return the initial weights
     * @throws LaeException when the draw does not fit the sizes
     */
    public Model create(int outputDim, int inputDim, int latent, boolean tied, DataType type) {
        return kind == Kind.TORCH ? Model.torch(outputDim, inputDim, latent, std, tied, seed, type)
                : Model.random(outputDim, inputDim, latent, std, kind == Kind.BALANCED, tied, seed, type);
    }
}
