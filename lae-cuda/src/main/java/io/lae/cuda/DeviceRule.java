package io.lae.cuda;

import io.lae.train.EigenGameRule;
import io.lae.train.GradientRule;
import io.lae.train.HebbianRule;
import io.lae.train.RotationAugmentedRule;
import io.lae.train.RuleMethod;
import io.lae.train.TiedRule;
import io.lae.train.UpdateRule;
import io.lae.train.UpdateRules;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The full-batch update rules of docs/math.md §3 that lae's CUDA engine runs, each keyed by its entry of
 * {@link UpdateRules#REGISTRY}.
 */
public enum DeviceRule {
    /** The loss gradient (∇_B L, ∇_A L). */
    GRADIENT(GradientRule.METHOD, false),
    /** Bao's rotation augmented gradient: ∇_B − ΓB, ∇_A + AΓ, Γ = (1/m) BΣxxBᵀ ∘ Ω. */
    RAG(RotationAugmentedRule.METHOD, false),
    /** Sanger's rule on W = B = Aᵀ: direction −(1/m)(ΣA − A·UT(AᵀΣA)). */
    GHA(HebbianRule.GHA_METHOD, true),
    /** Oja's rule: GHA with p = 1. */
    OJA(HebbianRule.OJA_METHOD, true),
    /** α-EigenGame on V = A = Bᵀ: direction −∇ᴿ, ∇ᵢ = 2Mvᵢ − 2Σ_{j<i} (⟨vᵢ, Mvⱼ⟩/⟨vⱼ, Mvⱼ⟩)Mvⱼ; unit columns. */
    EIGENGAME(EigenGameRule.ALPHA_METHOD, true),
    /** μ-EigenGame on V = A = Bᵀ: direction −Δ, Δᵢ = Mvᵢ − Σ_{j<i} ⟨vᵢ, Mvⱼ⟩vⱼ; unit columns. */
    MU_EIGENGAME(EigenGameRule.MU_METHOD, true),
    /** One matrix A with B = Aᵀ: direction ∇_A L + (∇_B L)ᵀ. */
    TIED(TiedRule.METHOD, true);

    private final RuleMethod method;
    private final boolean tied;

    DeviceRule(RuleMethod method, boolean tied) {
        this.method = method;
        this.tied = tied;
    }

    /** @return the rule's registry entry */
    public RuleMethod method() {
        return method;
    }

    /** @return whether the rule trains one matrix A with B = Aᵀ */
    public boolean tiesWeights() {
        return tied;
    }

    /** @return whether the rule is Hebbian */
    boolean isHebbian() {
        return this == GHA || this == OJA;
    }

    /** @return whether the rule is an EigenGame (its players are unit columns of A) */
    boolean isGame() {
        return this == EIGENGAME || this == MU_EIGENGAME;
    }

    /** @return whether the rule follows no loss gradient but products of the data with A (Hebbian, EigenGame) */
    boolean followsData() {
        return isHebbian() || isGame();
    }

    /**
     * @param rule one of lae's update rules
     * @return the same rule on the device, or empty for one the engine does not run (the alternating
     *     solves, the sequential EigenGame, {@code oja-qr}'s Gram–Schmidt, a user's own)
     */
    public static Optional<DeviceRule> of(UpdateRule rule) {
        return switch (rule) {
            case GradientRule gradient -> Optional.of(GRADIENT);
            case RotationAugmentedRule rag -> Optional.of(RAG);
            case HebbianRule hebbian -> of(UpdateRules.REGISTRY.named(hebbian.name()));
            case EigenGameRule game -> game.playerSteps() > 0 ? Optional.empty()        // sequential: on the host
                    : of(UpdateRules.REGISTRY.named(game.name()));
            case TiedRule tied -> Optional.of(TIED);
            default -> Optional.empty();
        };
    }

    /**
     * @param method an entry of {@link UpdateRules#REGISTRY}
     * @return the same rule on the device, or empty for one the engine does not run
     */
    public static Optional<DeviceRule> of(RuleMethod method) {
        return Arrays.stream(values()).filter(r -> r.method == method).findFirst();
    }

    /** @return the names of the rules the engine runs, for messages */
    public static String supported() {
        return Arrays.stream(values()).map(DeviceRule::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return method.name();
    }
}
