package io.lae.fit;

import io.lae.optim.Optimizers;
import io.lae.loss.LossMethod;
import io.lae.loss.OrderedLoss;
import io.lae.optim.Adam;
import io.lae.optim.OptimizerMethod;
import io.lae.train.GradientRule;
import io.lae.train.Initialization;
import io.lae.train.RuleMethod;

/**
 * lae's defaults, defined once: {@link LinearAutoencoder#builder} starts from them, and so does
 * {@code lae train} (its configuration builder reads them), so the library and the command line cannot
 * disagree.
 */
public final class Defaults {

    /** The loss: {@code ordered}. */
    public static final LossMethod LOSS = OrderedLoss.METHOD;
    /** The update rule: the gradient. */
    public static final RuleMethod RULE = GradientRule.METHOD;
    /** The optimizer: Adam with PyTorch's settings. */
    public static final OptimizerMethod OPTIMIZER = Optimizers.ADAM;
    /** The constant learning rate α. */
    public static final double LEARNING_RATE = 0.02;
    /** Full-batch steps. */
    public static final long STEPS = 1500;
    /** Metrics every this many steps. */
    public static final long LOG_EVERY = 10;
    /** N(0, 0.01²) initial weights with seed 0. */
    public static final Initialization INITIALIZATION = new Initialization(Initialization.Kind.NORMAL, 0.01, 0);

    private Defaults() {
    }
}
