package io.lae.train;

import io.lae.loss.Loss;
import io.lae.stats.Statistics;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code oja-qr}: Oja's algorithm for the top-p principal directions, V ← QR(V + ηMV), in the form the EigenGame
 * papers compare against (Allen-Zhu and Li, "First efficient convergence for streaming k-PCA: a global, gap-free,
 * and near-optimal rate", FOCS 2017, arXiv 1607.07837; the "Oja" baseline of Gemp et al., ICLR 2021, arXiv
 * 2010.00554, and ICLR 2022, arXiv 2102.04152). Like {@code gha} it trains one matrix V = A (n×p) with B = Aᵀ, and
 * follows no loss: the loss is only logged. Unlike {@code oja} (Oja's 1982 rule, {@link HebbianRule}) it learns any
 * p ≤ n directions (a larger p is refused for every rule by {@link TrainingStep}).
 *
 * <p>With M = Σxx/m (XᵀX/b over a mini-batch of b rows, so a mini-batch's MV is the full-batch one in
 * expectation), the optimizer takes −MV as its descent direction, so {@code sgd} with rate η gives V + ηMV; then
 * the columns are orthonormalised in order by modified Gram–Schmidt, which is the Q of the QR decomposition whose R
 * has a positive diagonal: deterministic, each column keeps its sign, and the first i columns span what the first
 * i columns of V + ηMV span. V is orthonormalised the same way at the start of each step, so a random start is
 * first put on the Stiefel manifold and the optimizer sees MV of an orthonormal V (an orthonormal V is left as it
 * is, up to rounding). Under {@code sgd} that changes no step: with V = UR, V + ηMV = (U + ηMU)R has the Q of
 * U + ηMU, R being upper triangular with a positive diagonal; it does change the steps of an optimizer with a
 * buffer or a per-coordinate scale ({@code momentum}, {@code adam}). At p = 1 the step is
 * v ← (v + ηMv)/‖v + ηMv‖.
 *
 * <p>A column that projects to zero (V + ηMV of rank below p) becomes NaN, and the training loop reports the run
 * as diverged.
 */
public final class OjaQrRule implements UpdateRule {

    /** The name on the command line. */
    public static final String NAME = "oja-qr";

    /** Its registry entry. */
    public static final RuleMethod METHOD = RuleMethod.of(NAME, "Oja's algorithm for the top p directions: "
            + "V ← QR(V + αMV), QR with R's diagonal positive (Allen-Zhu and Li 2017; the 'Oja' of Gemp et al. "
            + "2021, 2022)", OjaQrRule::new);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean tiesWeights() {
        return true;
    }

    @Override
    public void validate(Loss loss, Statistics stats, int p) {
        UpdateRule.requireAutoencoder(NAME, stats);
    }

    @Override
    public void step(Model model, StepContext context) {
        INDArray v = model.decoder();
        orthonormalizeColumns(v);
        INDArray mv = context.inputMomentTimes(v).muli(1.0 / context.sampleCount());
        context.optimizer().apply(model.parameters(), Map.of(Model.DECODER, mv.negi()), context.state(),
                context.learningRate());
        orthonormalizeColumns(v);
    }

    /**
     * Modified Gram–Schmidt on the columns of {@code v}, in order and in place: column i is scaled to unit length,
     * then its component is removed from every later column. O(n·p²), in plain Java on a float64 copy of the
     * columns (one ND4J op per column and pass would cost more than the arithmetic), rounded back to v's dtype.
     */
    private static void orthonormalizeColumns(INDArray v) {
        int n = (int) v.rows();
        int p = (int) v.columns();
        double[] a = v.castTo(DataType.DOUBLE).dup('f').data().asDouble(); // column j at [j·n, (j + 1)·n)
        for (int i = 0; i < p; i++) {
            int q = i * n;
            double squares = 0;
            for (int r = 0; r < n; r++) {
                squares += a[q + r] * a[q + r];
            }
            double norm = Math.sqrt(squares);
            for (int r = 0; r < n; r++) {
                a[q + r] /= norm;
            }
            for (int j = i + 1; j < p; j++) {
                int c = j * n;
                double dot = 0;
                for (int r = 0; r < n; r++) {
                    dot += a[q + r] * a[c + r];
                }
                for (int r = 0; r < n; r++) {
                    a[c + r] -= dot * a[q + r];
                }
            }
        }
        v.assign(Nd4j.create(a, new long[] {n, p}, 'f').castTo(v.dataType()));
    }
}
