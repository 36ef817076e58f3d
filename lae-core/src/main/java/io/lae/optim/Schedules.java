package io.lae.optim;

import static io.lae.optim.LearningRates.format;
import static io.lae.optim.LearningRates.require;

import io.lae.LaeException;

/** The {@link LearningRateSchedule} implementations, validated in their constructors. */
final class Schedules {

    private Schedules() {
    }

    private static long checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step " + step + " is negative");
        }
        return step;
    }

    /** α_t = lr. */
    record Constant(double lr) implements LearningRateSchedule {
        Constant {
            require(lr, "--lr");
        }

        @Override
        public double at(long step) {
            checkStep(step);
            return lr;
        }

        @Override
        public String describe() {
            return "constant " + format(lr);
        }
    }

    /** α_t = lr0·(lr1/lr0)^(t/(T−1)), held at lr1 from t = T − 1 on. */
    record Geometric(double lr0, double lr1, long totalSteps) implements LearningRateSchedule {
        Geometric {
            require(lr0, "--lr");
            require(lr1, "--lr-end");
            if (totalSteps < 1) {
                throw new LaeException("a geometric learning-rate schedule needs at least 1 step, got " + totalSteps);
            }
        }

        @Override
        public double at(long step) {
            if (totalSteps == 1 || checkStep(step) == 0) {
                return lr0;
            }
            if (step >= totalSteps - 1) {
                return lr1;
            }
            return lr0 * Math.pow(lr1 / lr0, (double) step / (totalSteps - 1));
        }

        @Override
        public String describe() {
            return "geometric " + format(lr0) + " → " + format(lr1) + " over " + totalSteps + " steps";
        }
    }

    /** α_t = lr0·factor^⌊t/every⌋. */
    record StepDecay(double lr0, double factor, long every) implements LearningRateSchedule {
        StepDecay {
            require(lr0, "--lr");
            if (!(factor > 0 && factor <= 1)) {
                throw new LaeException("the learning-rate decay factor must be in (0, 1], got " + format(factor));
            }
            if (every < 1) {
                throw new LaeException("the learning rate must decay every 1 or more steps, got " + every);
            }
        }

        @Override
        public double at(long step) {
            return lr0 * Math.pow(factor, checkStep(step) / every);
        }

        @Override
        public String describe() {
            return "step decay " + format(lr0) + " × " + format(factor) + " every " + every + " steps";
        }
    }

    /** α_t = lr0/(1 + decay·t). */
    record InverseTime(double lr0, double decay) implements LearningRateSchedule {
        InverseTime {
            require(lr0, "--lr");
            if (!(decay >= 0 && decay < Double.POSITIVE_INFINITY)) {
                throw new LaeException("the learning-rate decay must be a finite number ≥ 0, got " + format(decay));
            }
        }

        @Override
        public double at(long step) {
            return lr0 / (1 + decay * checkStep(step));
        }

        @Override
        public String describe() {
            return "inverse time " + format(lr0) + " / (1 + " + format(decay) + "·t)";
        }
    }
}
