package io.lae.train;

import io.lae.method.Registry;
import java.util.List;

/** The registry of lae's update rules (docs/math.md §3): the one list of them. */
public final class UpdateRules {

    /** Every update rule lae has. */
    public static final Registry<RuleMethod> REGISTRY = new Registry<>("--rule", List.of(GradientRule.METHOD,
            RotationAugmentedRule.METHOD, HebbianRule.GHA_METHOD, HebbianRule.OJA_METHOD, EigenGameRule.ALPHA_METHOD,
            EigenGameRule.MU_METHOD, TiedRule.METHOD, AlternatingRule.METHOD));

    private UpdateRules() {
    }

    /**
     * @param name a rule name
     * @return a new rule of that name
     * @throws io.lae.LaeException for an unknown name
     */
    public static UpdateRule create(String name) {
        return REGISTRY.named(name).create().get();
    }
}
