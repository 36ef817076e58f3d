package io.lae.vae;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The linear VAE's loss with its gradients, computed together.
 *
 * @param value     the mean negative ELBO L
 * @param gradients ∇L for each parameter, by the names of {@link VaeParameters}, shaped and typed
 *                  like the parameters (fresh arrays, so they may be handed to an optimizer)
 */
public record VaeEvaluation(double value, Map<String, INDArray> gradients) {
}
