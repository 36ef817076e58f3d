package io.lae.train;

import io.lae.method.Registry;
import io.lae.method.Settings;
import java.util.List;

/** The registry of lae's update rules (docs/math.md §3): the one list of them. */
public final class UpdateRules {

    /** Every update rule lae has. */
    public static final Registry<RuleMethod> REGISTRY = new Registry<>("--rule", List.of(GradientRule.METHOD,
            RotationAugmentedRule.METHOD, HebbianRule.GHA_METHOD, HebbianRule.OJA_METHOD, OjaQrRule.METHOD,
            EigenGameRule.ALPHA_METHOD, EigenGameRule.MU_METHOD, TiedRule.METHOD, AlternatingRule.METHOD));

    private UpdateRules() {
    }

    /**
     * @param name a rule name
     * @return a new rule of that name, its hyperparameters at their defaults
     * @throws io.lae.LaeException for an unknown name
     */
    public static UpdateRule create(String name) {
        return create(name, Settings.NONE);
    }

    /**
     * @param name     a rule name
     * @param settings its hyperparameters as given; the others take their defaults
     * @return a new rule of that name
     * @throws io.lae.LaeException for an unknown name, a setting the rule does not take or a value out of range
     */
    public static UpdateRule create(String name, Settings settings) {
        RuleMethod method = REGISTRY.named(name);
        return method.create().apply(REGISTRY.resolve(method, settings, 1));
    }
}
