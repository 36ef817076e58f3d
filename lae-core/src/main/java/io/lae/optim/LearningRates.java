package io.lae.optim;

import io.lae.LaeException;
import java.math.BigDecimal;

/** Validation and compact printing of learning rates and other hyperparameters. */
final class LearningRates {

    private LearningRates() {
    }

    /** @return {@code lr} if positive and finite, else a {@link LaeException} naming {@code option} */
    static double require(double lr, String option) {
        if (!(lr > 0 && lr < Double.POSITIVE_INFINITY)) {
            throw new LaeException(option + " must be a positive finite number, got " + format(lr));
        }
        return lr;
    }

    /** Shortest decimal form: plain within [0.01, 10⁴) ({@code 0.5}, {@code 100}), else {@code 1e-3}, {@code 2.5e6}. */
    static String format(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x == 0 ? "0" : Double.toString(x);
        }
        BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        double magnitude = Math.abs(x);
        if (magnitude >= 1e-2 && magnitude < 1e4) {
            return d.toPlainString();
        }
        int exponent = d.precision() - d.scale() - 1;
        return d.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
    }
}
