package io.lae.train;

import io.lae.LaeException;
import java.util.List;

/** The update rules by name (docs/math.md §3). */
public final class UpdateRules {

    /** The names accepted by {@code --rule}. */
    public static final List<String> NAMES = List.of(GradientRule.NAME, RotationAugmentedRule.NAME,
            HebbianRule.GHA, HebbianRule.OJA, EigenGameRule.ALPHA, EigenGameRule.MU, TiedRule.NAME, AlternatingRule.NAME);

    private UpdateRules() {
    }

    /**
     * @param name a rule name
     * @return the rule
     * @throws LaeException for an unknown name
     */
    public static UpdateRule create(String name) {
        return switch (name) {
            case GradientRule.NAME -> new GradientRule();
            case RotationAugmentedRule.NAME -> new RotationAugmentedRule();
            case HebbianRule.GHA, HebbianRule.OJA -> new HebbianRule(name);
            case EigenGameRule.ALPHA, EigenGameRule.MU -> new EigenGameRule(name);
            case TiedRule.NAME -> new TiedRule();
            case AlternatingRule.NAME -> new AlternatingRule();
            default -> throw new LaeException("unknown --rule '" + name + "': use one of " + String.join(", ", NAMES));
        };
    }
}
