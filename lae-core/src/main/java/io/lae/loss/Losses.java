package io.lae.loss;

import io.lae.method.Registry;
import java.util.List;

/** The registry of lae's losses, in docs/math.md §2's order: the one list of them. */
public final class Losses {

    /** Every loss lae has. */
    public static final Registry<LossMethod> REGISTRY = new Registry<>("loss", List.of(MseLoss.METHOD,
            OrderedLoss.METHOD, ProductL2Loss.METHOD, SumL2Loss.METHOD, NonUniformL2Loss.METHOD,
            NestedDropoutLoss.METHOD));

    private Losses() {
    }
}
