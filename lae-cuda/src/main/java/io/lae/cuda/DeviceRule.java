package io.lae.cuda;

import io.lae.train.GradientRule;
import io.lae.train.HebbianRule;
import io.lae.train.RotationAugmentedRule;
import io.lae.train.TiedRule;
import io.lae.train.UpdateRule;
import java.util.Optional;

/** The full-batch update rules of docs/math.md §3 that lae's CUDA engine runs. */
public enum DeviceRule {
    /** The loss gradient (∇_B L, ∇_A L). */
    GRADIENT("gradient", false),
    /** Bao's rotation augmented gradient: ∇_B − ΓB, ∇_A + AΓ, Γ = (1/m) BΣxxBᵀ ∘ Ω. */
    RAG("rag", false),
    /** Sanger's rule on W = B = Aᵀ: direction −(1/m)(ΣA − A·UT(AᵀΣA)). */
    GHA("gha", true),
    /** Oja's rule: GHA with p = 1. */
    OJA("oja", true),
    /** One matrix A with B = Aᵀ: direction ∇_A L + (∇_B L)ᵀ. */
    TIED("tied", true);

    private final String label;
    private final boolean tied;

    DeviceRule(String label, boolean tied) {
        this.label = label;
        this.tied = tied;
    }

    /** @return whether the rule trains one matrix A with B = Aᵀ */
    public boolean tiesWeights() {
        return tied;
    }

    /** @return whether the rule is Hebbian (follows no loss gradient) */
    boolean isHebbian() {
        return this == GHA || this == OJA;
    }

    /**
     * @param rule one of lae's update rules
     * @return the same rule on the device, or empty for one the engine does not run (the alternating
     *     solves, a user's own)
     */
    public static Optional<DeviceRule> of(UpdateRule rule) {
        return switch (rule) {
            case GradientRule gradient -> Optional.of(GRADIENT);
            case RotationAugmentedRule rag -> Optional.of(RAG);
            case HebbianRule hebbian -> Optional.of(named(hebbian.name()));
            case TiedRule tied -> Optional.of(TIED);
            default -> Optional.empty();
        };
    }

    /**
     * @param label the name on the command line
     * @return the rule
     * @throws CudaException for a rule the engine does not run (alternating solves on the host)
     */
    public static DeviceRule named(String label) {
        for (DeviceRule r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new CudaException("--rule " + label + " does not run on lae's CUDA engine (it runs gradient, rag, gha,"
                + " oja, tied): use --backend cpu");
    }

    @Override
    public String toString() {
        return label;
    }
}
