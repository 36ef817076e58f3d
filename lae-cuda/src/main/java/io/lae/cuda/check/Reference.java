package io.lae.cuda.check;

import io.lae.cuda.DeviceOptimizer;
import io.lae.loss.LossForm;
import io.lae.loss.Scale;

/**
 * Float64 references in plain Java, from the literal definitions on the samples (never through the
 * Σ-form identities the engines use): the statistics, a loss's value and gradients
 * c Σ_b w_b ‖Y − A I_{b;p} B X‖² + Σ_i λ_i(‖B_{i,:}‖² + ‖A_{:,i}‖²) + λ_π‖AB‖² (docs/math.md §2), and
 * the update rules' directions (docs/math.md §3). Samples are rows: x[s] has n' entries, y[s] n.
 */
final class Reference {

    private Reference() {
    }

    /**
     * @param x      inputs, m×n'
     * @param y      targets, m×n, or null for an autoencoder (Y = X)
     * @param center whether to subtract the means
     * @return Σxx = Σ_s (x_s − x̄)(x_s − x̄)ᵀ (n'×n'), then for a regression Σyx = Σ_s (y_s − ȳ)(x_s − x̄)ᵀ
     *     (n×n' column-major), then tyy = Σ_s ‖y_s − ȳ‖²; the means are zero when not centring
     */
    static double[] statistics(double[][] x, double[][] y, boolean center) {
        int inputDim = x[0].length;
        double[][] targets = y == null ? x : y;
        int n = targets[0].length;
        double[] meanX = center ? mean(x) : new double[inputDim];
        double[] meanY = center ? mean(targets) : new double[n];
        int yxOffset = inputDim * inputDim;
        int tyyIndex = yxOffset + (y == null ? 0 : n * inputDim);
        double[] out = new double[tyyIndex + 1];
        for (int s = 0; s < x.length; s++) {
            for (int j = 0; j < inputDim; j++) {
                double xj = x[s][j] - meanX[j];
                for (int i = 0; i < inputDim; i++) {
                    out[i + j * inputDim] += (x[s][i] - meanX[i]) * xj;
                }
                if (y != null) {
                    for (int i = 0; i < n; i++) {
                        out[yxOffset + i + j * n] += (y[s][i] - meanY[i]) * xj;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                double yi = targets[s][i] - meanY[i];
                out[tyyIndex] += yi * yi;
            }
        }
        return out;
    }

    /** @return the mean row */
    static double[] mean(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += row[i] / rows.length;
            }
        }
        return mean;
    }

    /**
     * Per-sample stochastic nested dropout, literally: L = c Σ_j ‖y_j − A I_{b_j;p} B x_j‖², c over the m samples.
     *
     * @param scale       the data term's scale
     * @param truncations b_j of each sample
     * @param encoder     B, p×n' row-major
     * @param decoder     A, n×p column-major
     * @param x           inputs, m×n'
     * @param y           targets, m×n
     * @return L, ∇_B (p×n' row-major), ∇_A (n×p column-major)
     */
    static Evaluation perSampleNestedDropout(Scale scale, int[] truncations, double[] encoder,
                                             double[] decoder, double[][] x, double[][] y) {
        int inputDim = x[0].length;
        int p = encoder.length / inputDim;
        double c = scale.factor(x.length);
        double[] gb = new double[p * inputDim];
        double[] ga = new double[y[0].length * p];
        double value = 0;
        for (int s = 0; s < x.length; s++) {
            value += truncated(c, truncations[s], codes(encoder, x[s], p), decoder, x[s], y[s], gb, ga);
        }
        return new Evaluation(value, gb, ga);
    }

    /** @return z = Bx, the codes of one sample */
    private static double[] codes(double[] encoder, double[] x, int p) {
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < x.length; i++) {
                z[j] += encoder[j * x.length + i] * x[i];
            }
        }
        return z;
    }

    /**
     * One sample's term scale·‖y − A I_{b;p} z‖², its gradients added to gb and ga.
     *
     * @return the term's value
     */
    private static double truncated(double scale, int b, double[] z, double[] decoder, double[] x, double[] y,
                                    double[] gb, double[] ga) {
        int n = y.length;
        double[] r = y.clone();
        for (int j = 0; j < b; j++) {
            for (int i = 0; i < n; i++) {
                r[i] -= decoder[i + j * n] * z[j];
            }
        }
        double value = 0;
        for (double ri : r) {
            value += scale * ri * ri;
        }
        for (int j = 0; j < b; j++) {
            double ar = 0;
            for (int i = 0; i < n; i++) {
                ga[i + j * n] += -2 * scale * r[i] * z[j];
                ar += decoder[i + j * n] * r[i];
            }
            for (int i = 0; i < x.length; i++) {
                gb[j * x.length + i] += -2 * scale * ar * x[i];
            }
        }
        return value;
    }

    /** Value and gradients of a loss; encoder B p×n' row-major, decoder A n×p column-major. */
    record Evaluation(double value, double[] gradEncoder, double[] gradDecoder) {
    }

    /**
     * @param form    the loss
     * @param encoder B, p×n' row-major
     * @param decoder A, n×p column-major
     * @param x       inputs, m×n'
     * @param y       targets, m×n
     * @return L, ∇_B (p×n' row-major), ∇_A (n×p column-major)
     */
    static Evaluation loss(LossForm form, double[] encoder, double[] decoder, double[][] x, double[][] y) {
        int p = form.latentSize();
        int inputDim = x[0].length;
        int n = y[0].length;
        double c = form.scale().factor(x.length);
        double[] w = form.nestedWeights();
        double[] gb = new double[p * inputDim];
        double[] ga = new double[n * p];
        double value = 0;
        for (int s = 0; s < x.length; s++) {
            double[] z = codes(encoder, x[s], p);
            for (int b = 1; b <= p; b++) {
                if (w[b - 1] != 0) {
                    value += truncated(c * w[b - 1], b, z, decoder, x[s], y[s], gb, ga);
                }
            }
        }
        double[] lambdas = form.diagonalLambdas();
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < inputDim; i++) {
                double bji = encoder[j * inputDim + i];
                value += lambdas[j] * bji * bji;
                gb[j * inputDim + i] += 2 * lambdas[j] * bji;
            }
            for (int i = 0; i < n; i++) {
                double aij = decoder[i + j * n];
                value += lambdas[j] * aij * aij;
                ga[i + j * n] += 2 * lambdas[j] * aij;
            }
        }
        double lp = form.productLambda();
        if (lp > 0) {
            double[] ab = new double[n * inputDim];                                   // AB, n×n', row-major
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < inputDim; k++) {
                    for (int j = 0; j < p; j++) {
                        ab[i * inputDim + k] += decoder[i + j * n] * encoder[j * inputDim + k];
                    }
                    value += lp * ab[i * inputDim + k] * ab[i * inputDim + k];
                }
            }
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < inputDim; k++) {
                        ga[i + j * n] += 2 * lp * ab[i * inputDim + k] * encoder[j * inputDim + k];   // 2λ(AB)Bᵀ
                        gb[j * inputDim + k] += 2 * lp * decoder[i + j * n] * ab[i * inputDim + k];   // 2λAᵀ(AB)
                    }
                }
            }
        }
        return new Evaluation(value, gb, ga);
    }

    /**
     * RAG's directions (Bao Alg. 1): g_B = ∇_B − ΓB, g_A = ∇_A + AΓ, Γ = (1/m)·½(upper(YYᵀ) − upper(YYᵀ)ᵀ),
     * Y = BX, with YYᵀ summed over the samples.
     */
    static Evaluation rag(LossForm form, double[] encoder, double[] decoder, double[][] x) {
        Evaluation e = loss(form, encoder, decoder, x, x);
        int p = form.latentSize();
        int n = x[0].length;
        double[] yy = new double[p * p];
        for (double[] row : x) {
            double[] z = new double[p];
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    z[j] += encoder[j * n + i] * row[i];
                }
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    yy[a * p + b] += z[a] * z[b];
                }
            }
        }
        double[] gamma = new double[p * p];                                           // row-major
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double upper = b > a ? yy[a * p + b] : 0;
                double lowerT = a > b ? yy[b * p + a] : 0;
                gamma[a * p + b] = 0.5 * (upper - lowerT) / x.length;
            }
        }
        double[] gb = e.gradEncoder().clone();
        double[] ga = e.gradDecoder().clone();
        for (int a = 0; a < p; a++) {
            for (int i = 0; i < n; i++) {
                double gammaB = 0;
                double aGamma = 0;
                for (int b = 0; b < p; b++) {
                    gammaB += gamma[a * p + b] * encoder[b * n + i];
                    aGamma += decoder[i + b * n] * gamma[b * p + a];
                }
                gb[a * n + i] -= gammaB;
                ga[i + a * n] += aGamma;
            }
        }
        return new Evaluation(e.value(), gb, ga);
    }

    /**
     * Sanger's rule as an ascent direction on W = Aᵀ (Bao §6.1): ΔW = (1/m)(YXᵀ − LT(YYᵀ)W), Y = WX; returned
     * as the descent direction on A (n×p column-major), −ΔWᵀ.
     */
    static double[] hebbian(double[] decoder, double[][] x, int p) {
        int n = x[0].length;
        double[] delta = new double[p * n];                                           // ΔW, p×n row-major
        for (double[] row : x) {
            double[] yv = new double[p];
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    yv[j] += decoder[i + j * n] * row[i];
                }
            }
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    double lower = 0;
                    for (int k = 0; k <= j; k++) {
                        lower += yv[j] * yv[k] * decoder[i + k * n];
                    }
                    delta[j * n + i] += (yv[j] * row[i] - lower) / x.length;
                }
            }
        }
        double[] direction = new double[n * p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                direction[i + j * n] = -delta[j * n + i];
            }
        }
        return direction;
    }

    /**
     * @param decoder A, n×p column-major
     * @param p       its columns
     * @return A with every column scaled to unit length (EigenGame's players)
     */
    static double[] unitColumns(double[] decoder, int p) {
        int n = decoder.length / p;
        double[] unit = decoder.clone();
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += unit[i + j * n] * unit[i + j * n];
            }
            double norm = Math.sqrt(sum);
            for (int i = 0; i < n; i++) {
                unit[i + j * n] /= norm;
            }
        }
        return unit;
    }

    /**
     * EigenGame's player-parallel update as a descent direction on V = A (n×p column-major, unit columns), written
     * out from the papers with M = XᵀX/m over the rows x: μ-EigenGame (Gemp et al. 2022, Algorithm 1)
     * −Δᵢ = −(Mvᵢ − Σ_{j<i} ⟨vᵢ, Mvⱼ⟩vⱼ); α-EigenGame (Gemp et al. 2021, Algorithm 2) −∇ᵢᴿ with
     * ∇ᵢ = 2Mvᵢ − 2Σ_{j<i} (⟨vᵢ, Mvⱼ⟩/⟨vⱼ, Mvⱼ⟩)Mvⱼ and ∇ᵢᴿ = ∇ᵢ − ⟨∇ᵢ, vᵢ⟩vᵢ.
     */
    static double[] eigengame(double[] v, double[][] x, int p, boolean mu) {
        int n = x[0].length;
        double[][] mv = new double[p][n];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                double code = 0;
                for (int i = 0; i < n; i++) {
                    code += v[i + j * n] * row[i];
                }
                for (int i = 0; i < n; i++) {
                    mv[j][i] += code * row[i] / x.length;
                }
            }
        }
        double[] direction = new double[n * p];
        for (int i = 0; i < p; i++) {
            double[] ascent = new double[n];
            for (int r = 0; r < n; r++) {
                ascent[r] = (mu ? 1 : 2) * mv[i][r];
            }
            for (int j = 0; j < i; j++) {
                double vimvj = 0;
                double vjmvj = 0;
                for (int r = 0; r < n; r++) {
                    vimvj += v[r + i * n] * mv[j][r];
                    vjmvj += v[r + j * n] * mv[j][r];
                }
                for (int r = 0; r < n; r++) {
                    ascent[r] -= mu ? vimvj * v[r + j * n] : 2 * vimvj / vjmvj * mv[j][r];
                }
            }
            if (!mu) {
                double radial = 0;
                for (int r = 0; r < n; r++) {
                    radial += ascent[r] * v[r + i * n];
                }
                for (int r = 0; r < n; r++) {
                    ascent[r] -= radial * v[r + i * n];
                }
            }
            for (int r = 0; r < n; r++) {
                direction[r + i * n] = -ascent[r];
            }
        }
        return direction;
    }

    /**
     * One update of PyTorch's optimizer in float64, in place, written out from its definition: SGD; momentum and
     * Nesterov (μ); Adam (β₁, β₂, ε added to the bias-corrected √v̂).
     *
     * @param optimizer the update and its settings
     * @param state     the update's buffers (velocity; Adam's m and v), shaped like θ
     * @param t         the 0-based step
     */
    static void update(DeviceOptimizer optimizer, double[] theta, double[] g, double[][] state, long t, double lr) {
        double mu = optimizer.momentum();
        double beta1 = optimizer.beta1();
        double beta2 = optimizer.beta2();
        for (int k = 0; k < theta.length; k++) {
            switch (optimizer.kind()) {
                case SGD -> theta[k] -= lr * g[k];
                case MOMENTUM, NESTEROV -> {
                    state[0][k] = mu * state[0][k] + g[k];
                    theta[k] -= lr * (optimizer.kind() == DeviceOptimizer.Kind.NESTEROV ? g[k] + mu * state[0][k]
                            : state[0][k]);
                }
                case ADAM -> {
                    state[0][k] = beta1 * state[0][k] + (1 - beta1) * g[k];
                    state[1][k] = beta2 * state[1][k] + (1 - beta2) * g[k] * g[k];
                    double c1 = 1 - Math.pow(beta1, t + 1);
                    double c2 = 1 - Math.pow(beta2, t + 1);
                    theta[k] -= lr / c1 * state[0][k] / (Math.sqrt(state[1][k]) / Math.sqrt(c2) + optimizer.epsilon());
                }
            }
        }
    }

    /** @return max |a − b| / max |b| */
    static double relativeError(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / Math.max(scale, Double.MIN_NORMAL);
    }
}
