// lae's element-wise CUDA kernels, compiled at run time by NVRTC (io.lae.cuda.Kernels) once per
// precision with -Dreal=float or -Dreal=double. Matrices are column-major and contiguous: entry
// (i, j) of an r×c matrix is at i + j·r. Every kernel is a grid-stride loop over its entries.
// The GEMMs of a step are cuBLAS's; these kernels do what lies between them (docs/gpu.md).

#define GRID_STRIDE(index, count) \
    for (long long index = blockIdx.x * (long long) blockDim.x + threadIdx.x; index < (count); \
         index += (long long) blockDim.x * gridDim.x)

// *result += the sum of every thread's value in the block (256 threads), one atomicAdd per block.
__device__ void add_block_sum(double value, double* result) {
    __shared__ double partial[256];
    partial[threadIdx.x] = value;
    __syncthreads();
    for (int half = blockDim.x / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) {
            partial[threadIdx.x] += partial[threadIdx.x + half];
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        atomicAdd(result, partial[0]);
    }
}

// out(i, j) += alpha · v_j · x(i, j), v = nullptr for v_j = 1: the column scalings of a gradient
// (−2c T applied to ΣA or ΣBᵀ, 2Λ of the per-unit penalty).
extern "C" __global__ void add_scaled_columns(int rows, int cols, real alpha, const real* v, const real* x,
                                              real* out) {
    GRID_STRIDE(k, (long long) rows * cols) {
        int j = (int) (k / rows);
        out[k] += alpha * (v ? v[j] : (real) 1) * x[k];
    }
}

// out(i, j) = q_max(i,j) · in(i, j): S ∘ in, S_ij = q_max(i,j) (docs/math.md §2), p×p.
extern "C" __global__ void nested_weight(int p, const real* q, const real* in, real* out) {
    GRID_STRIDE(k, (long long) p * p) {
        int i = (int) (k % p);
        int j = (int) (k / p);
        out[k] = q[i > j ? i : j] * in[k];
    }
}

// out(i, j) = ½ sign(j − i) · in(i, j): YYᵀ ∘ Ω of the rotation augmented gradient (Bao Alg. 1), p×p.
extern "C" __global__ void skew_half(int p, const real* in, real* out) {
    GRID_STRIDE(k, (long long) p * p) {
        int i = (int) (k % p);
        int j = (int) (k / p);
        out[k] = j > i ? (real) 0.5 * in[k] : (j < i ? (real) -0.5 * in[k] : (real) 0);
    }
}

// m(i, j) = 0 below the diagonal: UT(·), the upper triangle with the diagonal (GHA), p×p.
extern "C" __global__ void upper_with_diagonal(int p, real* m) {
    GRID_STRIDE(k, (long long) p * p) {
        if (k % p > k / p) {
            m[k] = 0;
        }
    }
}

// out(j, i) = in(j, i) / in(j, j) (alpha) or in(j, i) for j < i, else 0: EigenGame's weights of the players
// before each one, from G = VᵀMV (α-EigenGame divides by ⟨vⱼ, Mvⱼ⟩; μ-EigenGame does not), p×p.
extern "C" __global__ void game_weights(int p, int alpha, const real* in, real* out) {
    GRID_STRIDE(k, (long long) p * p) {
        int j = (int) (k % p);
        int i = (int) (k / p);
        out[k] = j < i ? (alpha ? in[k] / in[j + (long long) j * p] : in[k]) : (real) 0;
    }
}

// r_i = 2 (g(i, i) − gw(i, i)): the radial part ⟨∇ᵢ, vᵢ⟩ of α-EigenGame's gradient, p entries.
extern "C" __global__ void game_radial(int p, const real* g, const real* gw, real* r) {
    GRID_STRIDE(i, (long long) p) {
        long long d = i + i * (long long) p;
        r[i] = 2 * (g[d] - gw[d]);
    }
}

// m(·, j) /= ‖m(·, j)‖: every column scaled to unit length (EigenGame's players), rows×cols, one thread a
// column summing in its own order.
extern "C" __global__ void normalize_columns(int rows, int cols, real* m) {
    GRID_STRIDE(j, (long long) cols) {
        real* column = m + j * (long long) rows;
        real sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += column[i] * column[i];
        }
        real norm = sqrt(sum);
        for (int i = 0; i < rows; i++) {
            column[i] /= norm;
        }
    }
}

// m(j, i) = m(i, j) for i > j: the full matrix from SYRK's lower triangle, n×n.
extern "C" __global__ void symmetrize_lower(int n, real* m) {
    GRID_STRIDE(k, (long long) n * n) {
        int i = (int) (k % n);
        int j = (int) (k / n);
        if (i < j) {
            m[k] = m[j + (long long) i * n];
        }
    }
}

// θ ← θ − α g (PyTorch SGD).
extern "C" __global__ void sgd(long long count, real lr, const real* g, real* theta) {
    GRID_STRIDE(k, count) {
        theta[k] -= lr * g[k];
    }
}

// v ← μ v + g; θ ← θ − α v (heavy ball) or θ − α (g + μ v) (Nesterov): PyTorch SGD with momentum.
extern "C" __global__ void momentum(long long count, real lr, real mu, int nesterov, const real* g, real* v,
                                    real* theta) {
    GRID_STRIDE(k, count) {
        real velocity = mu * v[k] + g[k];
        v[k] = velocity;
        theta[k] -= lr * (nesterov ? g[k] + mu * velocity : velocity);
    }
}

// PyTorch Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − (α/c₁) m / (√v/√c₂ + ε),
// c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ (computed on the host in float64; sqrtC2 = √c₂).
extern "C" __global__ void adam(long long count, real lr, real beta1, real beta2, real eps, real c1,
                                real sqrtC2, const real* g, real* m, real* v, real* theta) {
    GRID_STRIDE(k, count) {
        real gk = g[k];
        real mk = beta1 * m[k] + (1 - beta1) * gk;
        real vk = beta2 * v[k] + (1 - beta2) * gk * gk;
        m[k] = mk;
        v[k] = vk;
        theta[k] -= (lr / c1) * mk / (sqrt(vk) / sqrtC2 + eps);
    }
}

// result += Σ_ij v_j · x(i, j) · y(i, j), v = nullptr for v_j = 1, summed in float64 (the value of a
// loss at a log step): a block reduction, one atomicAdd per block.
extern "C" __global__ void weighted_dot(int rows, int cols, const real* v, const real* x, const real* y,
                                        double* result) {
    double sum = 0;
    GRID_STRIDE(k, (long long) rows * cols) {
        int j = (int) (k / rows);
        sum += (double) (v ? v[j] : (real) 1) * (double) x[k] * (double) y[k];
    }
    add_block_sum(sum, result);
}

// out(i, s) = in(i, s) − shift_i for a chunk of k samples of dimension n (samples as columns: the rows
// of a row-major chunk), converting float32 rows to the accumulation precision.
extern "C" __global__ void shift_float_rows(int n, int k, const float* in, const real* shift, real* out) {
    GRID_STRIDE(e, (long long) n * k) {
        out[e] = (real) in[e] - shift[e % n];
    }
}

// The same for float64 rows.
extern "C" __global__ void shift_double_rows(int n, int k, const double* in, const real* shift, real* out) {
    GRID_STRIDE(e, (long long) n * k) {
        out[e] = (real) (in[e] - (double) shift[e % n]);
    }
}

// out(:, j) = in(:, order[start + j]) for j < count: a mini-batch's samples gathered from the data in device
// memory (n×m, samples as columns) in the epoch's order (row numbers as doubles, exact below 2⁵³).
extern "C" __global__ void gather_columns(int n, int count, const double* order, int start, const real* in,
                                          real* out) {
    GRID_STRIDE(e, (long long) n * count) {
        long long column = (long long) order[start + e / n];
        out[e] = in[e % n + column * n];
    }
}

// codes(i, j) = 0 for i ≥ b_j (0-based i): K∘codes for per-sample nested dropout, sample j keeping its first b_j
// units (truncations as doubles, exact below 2⁵³).
extern "C" __global__ void keep_first_units(int p, int count, const double* truncations, real* codes) {
    GRID_STRIDE(e, (long long) p * count) {
        if (e % p >= (long long) truncations[e / p]) {
            codes[e] = (real) 0;
        }
    }
}

// The moment P (r×c) of shifted samples, P = Σ (y − a)(x − b)ᵀ with column sums sy = Σ(y − a),
// sx = Σ(x − b) over m samples, turned into the centred moment P − sy sxᵀ/m (center ≠ 0) or the raw
// moment P + a sxᵀ + sy bᵀ + m a bᵀ (docs/math.md §1).
extern "C" __global__ void finish_moment(int r, int c, real* moment, const real* sy, const real* sx,
                                         const real* a, const real* b, double m, int center) {
    GRID_STRIDE(k, (long long) r * c) {
        int i = (int) (k % r);
        int j = (int) (k / r);
        double value = (double) moment[k];
        if (center) {
            value -= (double) sy[i] * (double) sx[j] / m;
        } else {
            value += (double) a[i] * (double) sx[j] + (double) sy[i] * (double) b[j] + m * (double) a[i] * (double) b[j];
        }
        moment[k] = (real) value;
    }
}

// result += Σ_i m(i, i) for an n×n matrix, in float64: tyy = Tr(Σ) of an autoencoder.
extern "C" __global__ void diagonal_sum(int n, const real* m, double* result) {
    double sum = 0;
    GRID_STRIDE(i, n) {
        sum += (double) m[i + i * (long long) n];
    }
    add_block_sum(sum, result);
}

// result += Σ x(i, j)² over an n×k matrix, in float64: Σ_s ‖y_s − a‖² of a chunk of shifted targets,
// from which a regression's tyy follows (docs/math.md §1).
extern "C" __global__ void sum_of_squares(int n, int k, const real* x, double* result) {
    double sum = 0;
    GRID_STRIDE(e, (long long) n * k) {
        sum += (double) x[e] * (double) x[e];
    }
    add_block_sum(sum, result);
}

// out = (float) in: statistics accumulated in float64 for a float32 run.
extern "C" __global__ void double_to_float(long long count, const double* in, float* out) {
    GRID_STRIDE(k, count) {
        out[k] = (float) in[k];
    }
}
