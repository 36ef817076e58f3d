package io.lae.vae;

import static io.lae.TestData.nd;

import io.lae.TestData;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Random linear-VAE parameters and comparisons of gradient maps, shared by the tests. */
final class VaeFixtures {

    private VaeFixtures() {
    }

    /**
     * @return W₁ ~ N(0, 1/n), W₂ ~ N(0, 1/p), log D ~ N(0, 0.5²), log σ² ~ N(0, 0.5²): every term
     *     of the loss weighs in, float64
     */
    static VaeParameters randomPoint(int n, int p, Random rng) {
        return new VaeParameters(nd(TestData.gaussian(p, n, 1 / Math.sqrt(n), rng)),
                nd(TestData.gaussian(n, p, 1 / Math.sqrt(p), rng)), nd(TestData.gaussian(1, p, 0.5, rng)),
                nd(TestData.gaussian(1, 1, 0.5, rng)));
    }

    /** @return max over parameters of max|expected − actual|, over the largest |expected| entry of all */
    static double relativeError(Map<String, INDArray> expected, Map<String, INDArray> actual) {
        double scale = largest(expected);
        return expected.keySet().stream()
                .mapToDouble(name -> expected.get(name).sub(actual.get(name).castTo(expected.get(name).dataType()))
                        .amaxNumber().doubleValue())
                .max().orElseThrow() / scale;
    }

    /** @return the largest |entry| over all the gradients */
    static double largest(Map<String, INDArray> gradients) {
        return gradients.values().stream().mapToDouble(g -> g.amaxNumber().doubleValue()).max().orElseThrow();
    }
}
