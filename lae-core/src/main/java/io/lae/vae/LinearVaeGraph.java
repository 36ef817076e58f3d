package io.lae.vae;

import io.lae.loss.SameDiffGradients;
import io.lae.stats.Statistics;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The linear VAE's loss as a SameDiff graph, written independently of {@link LinearVae}'s fused
 * products so that autodiff checks its analytic gradients: with E = I − W₂W₁ (n×n) and S = Σxx,
 * <pre>
 *   L = n/2·log 2π + n/2·log σ² + [Tr(E S Eᵀ)/m + Tr(W₂ D W₂ᵀ)]/(2σ²)
 *       + ½[Σᵢ(Dᵢ − 1 − log Dᵢ) + Tr(W₁ S W₁ᵀ)/m],
 * </pre>
 * the trace of the posterior term as the authors' code writes it ({@code tr_wdw}). It forms n×n
 * matrices, so it is for checking, not training.
 */
public final class LinearVaeGraph {

    private LinearVaeGraph() {
    }

    /**
     * Evaluates the graph and its autodiff gradients.
     *
     * @param params the parameters (copied into the graph)
     * @param stats  the statistics of an autoencoder (cast to the parameters' dtype)
     * @return L and ∇L for the four parameters, by name
     */
    public static VaeEvaluation evaluate(VaeParameters params, Statistics stats) {
        SameDiff sd = SameDiff.create();
        Map<String, INDArray> arrays = params.asMap();
        arrays.forEach((name, array) -> sd.var(name, array.dup()));
        SDVariable loss = define(sd, LinearVae.checked(params, stats).as(params.dataType()), params.inputDim(),
                params.latentSize()).rename("loss");
        sd.setLossVariables("loss");
        double value = loss.eval().getDouble(0);
        return new VaeEvaluation(value, SameDiffGradients.of(sd, arrays.keySet().toArray(String[]::new)));
    }

    /** Builds L from the variables named as in {@link VaeParameters}. */
    private static SDVariable define(SameDiff sd, Statistics stats, int n, int p) {
        SDVariable w1 = sd.getVariable(VaeParameters.ENCODER);
        SDVariable w2 = sd.getVariable(VaeParameters.DECODER);
        SDVariable logVariance = sd.getVariable(VaeParameters.LOG_VARIANCE);
        SDVariable logNoise = sd.getVariable(VaeParameters.LOG_NOISE).sum();
        SDVariable s = sd.constant("sigmaXX", stats.sigmaXX());
        SDVariable identity = sd.constant("identity", Nd4j.eye(n).castTo(stats.dataType()));
        double inverseM = 1.0 / stats.sampleCount();

        SDVariable e = identity.sub(w2.mmul(w1));
        SDVariable residual = sd.math().trace(e.mmul(s).mmul(sd.transpose(e))).mul(inverseM);
        SDVariable d = sd.math().exp(logVariance);
        SDVariable posteriorSpread = sd.math().trace(w2.mul(d).mmul(sd.transpose(w2)));       // Tr(W₂DW₂ᵀ)
        SDVariable reconstruction = residual.add(posteriorSpread).mul(sd.math().exp(logNoise.neg())).mul(0.5)
                .add(logNoise.mul(0.5 * n)).add(0.5 * n * LinearVae.LOG_2_PI);
        SDVariable codes = sd.math().trace(w1.mmul(s).mmul(sd.transpose(w1))).mul(inverseM);
        SDVariable kl = d.sub(logVariance).sum().add(codes).sub(p).mul(0.5);
        return reconstruction.add(kl);
    }
}
