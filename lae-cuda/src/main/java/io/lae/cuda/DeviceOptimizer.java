package io.lae.cuda;

import io.lae.Precision;
import io.lae.method.Settings;
import io.lae.optim.Adam;
import io.lae.optim.Momentum;
import io.lae.optim.Optimizer;
import io.lae.optim.OptimizerMethod;
import io.lae.optim.Optimizers;
import io.lae.optim.Sgd;
import java.util.Optional;

/**
 * The optimizers of lae-core's {@code io.lae.optim}, as PyTorch defines them, for parameters and
 * directions that live on the device (one flat buffer each).
 *
 * @param kind     which update
 * @param momentum μ of momentum and Nesterov
 * @param beta1    Adam's β₁
 * @param beta2    Adam's β₂
 * @param epsilon  Adam's ε
 */
public record DeviceOptimizer(Kind kind, double momentum, double beta1, double beta2, double epsilon) {

    /** The update rules. */
    public enum Kind {
        /** θ ← θ − α g. */
        SGD(0),
        /** v ← μv + g; θ ← θ − α v. */
        MOMENTUM(1),
        /** v ← μv + g; θ ← θ − α (g + μv). */
        NESTEROV(1),
        /** PyTorch's Adam, buffers m and v. */
        ADAM(2);

        private final int buffers;

        Kind(int buffers) {
            this.buffers = buffers;
        }

        /** @return how many buffers the size of the parameters the update keeps */
        public int buffers() {
            return buffers;
        }
    }

    /** @return Adam with PyTorch's defaults (β₁ 0.9, β₂ 0.999, ε 1e-8) */
    public static DeviceOptimizer adam() {
        return new DeviceOptimizer(Kind.ADAM, 0, 0.9, 0.999, 1e-8);
    }

    /** @return plain gradient descent */
    public static DeviceOptimizer sgd() {
        return new DeviceOptimizer(Kind.SGD, 0, 0, 0, 0);
    }

    /**
     * @param momentum μ
     * @param nesterov Nesterov's variant
     * @return SGD with momentum
     */
    public static DeviceOptimizer momentum(double momentum, boolean nesterov) {
        return new DeviceOptimizer(nesterov ? Kind.NESTEROV : Kind.MOMENTUM, momentum, 0, 0, 0);
    }

    /**
     * @param optimizer one of lae's optimizers ({@link Sgd}, {@link Momentum}, {@link Adam}, with their settings)
     * @return the same update on the device, or empty for an optimizer of a user's own
     */
    public static Optional<DeviceOptimizer> of(Optimizer optimizer) {
        return Optional.ofNullable(switch (optimizer) {
            case Sgd sgd -> sgd();
            case Momentum m -> momentum(m.momentum(), m.nesterov());
            case Adam a -> new DeviceOptimizer(Kind.ADAM, 0, a.beta1(), a.beta2(), a.epsilon());
            default -> null;
        });
    }

    /**
     * @param method   one of lae's optimizers, by its registry entry
     * @param settings its hyperparameters as offered ({@link Optimizers#resolve})
     * @return the same update on the device, or empty for an entry without a device form
     * @throws io.lae.LaeException for a hyperparameter out of range
     */
    public static Optional<DeviceOptimizer> of(OptimizerMethod method, Settings settings) {
        Settings resolved = Optimizers.resolve(method, settings);
        if (method == Optimizers.SGD) {
            return Optional.of(sgd());
        }
        if (method == Optimizers.MOMENTUM_SGD || method == Optimizers.NESTEROV) {
            return Optional.of(momentum(resolved.get(Optimizers.MOMENTUM), method == Optimizers.NESTEROV));
        }
        return method == Optimizers.ADAM ? Optional.of(adam()) : Optional.empty();
    }

    /**
     * Queues one update of θ along g.
     *
     * @param step    t, 0-based (Adam's bias correction uses t + 1)
     * @param lr      α
     * @param buffers the update's state, {@link Kind#buffers} matrices shaped like θ
     */
    void apply(CudaDevice device, DeviceMatrix theta, DeviceMatrix direction, DeviceMatrix[] buffers, long step,
               double lr) {
        Precision precision = theta.precision();
        long count = theta.length();
        switch (kind) {
            case SGD -> device.launch(new Kernel.Sgd(count, lr, direction, theta), precision);
            case MOMENTUM, NESTEROV -> device.launch(new Kernel.Momentum(count, lr, momentum, kind == Kind.NESTEROV,
                    direction, buffers[0], theta), precision);
            case ADAM -> {
                long t = step + 1;
                double c1 = 1 - Math.pow(beta1, t);
                double sqrtC2 = Math.sqrt(1 - Math.pow(beta2, t));
                device.launch(new Kernel.Adam(count, lr, beta1, beta2, epsilon, c1, sqrtC2, direction, buffers[0],
                        buffers[1], theta), precision);
            }
        }
    }
}
