#!/usr/bin/env python3
"""lae's NumPy peer: the full-batch training step of `lae bench` written as a careful NumPy user would write it,
timed the same way (median of repeated steps after warm-up), for lae / NumPy ratios taken on the same machine
under the same load.

The step is lae's (docs/math.md §2, docs/performance.md "The bound"): the weights stacked as W = [B; Aᵀ] (2p×n,
row-major: the same memory as lae's column-major [Bᵀ | A]), one GEMM K = W·Σ = [BΣ; AᵀΣ], the p-sized products
AᵀA, BΣBᵀ, (S∘AᵀA)·BΣ and (S∘BΣBᵀ + Λ/c + (λ_π/c)BBᵀ)·Aᵀ (and for rag Γ·B, Γ·Aᵀ), then the optimizer over the
flat 2pn buffer: torch.optim.Adam's update (m.lerp_, v.mul_().addcmul_, addcdiv_ with the bias corrections),
SGD, heavy-ball or Nesterov momentum (torch.optim.SGD). Every array is allocated once; every operation writes
into one (out=).

The loss comes from lae as its form (lae's LossForm): q_i = Σ_{b≥i} w_b (T = diag(q), S_ij = q_max(i,j)), the
scale c, the per-unit penalty λ_i, the product penalty λ_π, whether the rotation of rag follows, and the sample
count m of Σ. With every q_i equal (mse and its penalised forms) S∘ and T drop out, as in lae.

Protocol: the first line written is {"numpy": version, "blas": description}; then one JSON request per line on
stdin, one JSON line back:
  {"n", "p", "dtype", "form", "optimizer", "seconds"}  →  {"step_seconds", "gemm_seconds"} (medians)
  {"n", "p", "dtype", "form", "optimizer", "learning_rate", "steps", "sigma", "w"}
                                                     →  {"w"}: W after that many steps from the given Σ and W
and {"error": "..."} for a request it cannot serve.

Usage: numpy_peer.py   (serves requests until stdin closes)
"""
import json
import sys
import time

import numpy as np

MOMENTUM = 0.9
BETAS = (0.9, 0.999)
EPSILON = 1e-8


class Step:
    """One loss's full-batch step over Σ with one optimizer, every buffer allocated here."""

    def __init__(self, sigma, w, form, optimizer, learning_rate):
        n = sigma.shape[0]
        p = w.shape[0] // 2
        dtype = sigma.dtype
        self.sigma, self.w, self.p = sigma, w, p
        self.optimizer, self.learning_rate = optimizer, learning_rate
        if optimizer not in ("adam", "sgd", "momentum", "nesterov"):
            raise ValueError(f"unknown optimizer {optimizer!r}")
        self.k = np.empty((2 * p, n), dtype)
        self.g = np.empty((2 * p, n), dtype)
        self.tmp = np.empty((2 * p, n), dtype)
        self.denom = np.empty((2 * p, n), dtype)
        self.m = np.zeros((2 * p, n), dtype)
        self.v = np.zeros((2 * p, n), dtype)
        self.gram = np.empty((p, p), dtype)
        self.moment = np.empty((p, p), dtype)
        self.pp = np.empty((p, p), dtype)
        q = np.asarray(form["q"], dtype=np.float64)
        self.plain = bool(np.all(q == q[0]))
        self.f = form["c"] * q[0] if self.plain else form["c"]          # q joins c when T = qI
        self.t_col = (-2 * self.f * (q / q[0] if self.plain else q))[:, None].astype(dtype)
        self.s = q[np.maximum.outer(np.arange(p), np.arange(p))].astype(dtype)
        lambdas = form.get("lambdas")
        self.twice_lambda = None if lambdas is None else (2 * np.asarray(lambdas))[:, None].astype(dtype)
        self.diagonal = None if lambdas is None else (np.asarray(lambdas) / self.f).astype(dtype)
        self.product = float(form.get("product", 0.0))
        self.rotation = bool(form.get("rotation", False))
        # −Γ ÷ YYᵀ entry-wise: Γ = (1/m) YYᵀ∘Ω, Ω_ij = sign(j − i)/2
        self.omega = (0.5 * np.sign(np.subtract.outer(np.arange(p), np.arange(p))) / form["m"]).astype(dtype)
        self.step_count = 0

    def gradients(self):
        p, k, g, w, tmp = self.p, self.k, self.g, self.w, self.tmp
        np.matmul(w, self.sigma, out=k)                        # the big GEMM: [BΣ; AᵀΣ] (Σ is symmetric)
        b, at = w[:p], w[p:]
        kb, ka = k[:p], k[p:]
        gb, ga = g[:p], g[p:]
        np.matmul(at, at.T, out=self.gram)                     # AᵀA
        np.matmul(kb, b.T, out=self.moment)                    # BΣBᵀ
        np.multiply(ka, self.t_col, out=gb)                    # −2c T AᵀΣ
        np.multiply(kb, self.t_col, out=ga)                    # −2c T BΣ
        if self.product:
            np.matmul(self.gram, b, out=tmp[:p])               # 2λ_π AᵀA B, before S weighs AᵀA
            tmp[:p] *= 2 * self.product
            gb += tmp[:p]
        if self.rotation:
            np.multiply(self.moment, self.omega, out=self.pp)  # −Γ
        if not self.plain:
            self.gram *= self.s
            self.moment *= self.s
        if self.diagonal is not None:
            self.moment[np.diag_indices(p)] += self.diagonal
        if self.product:
            np.matmul(b, b.T, out=self.pp)                     # (λ_π/c) BBᵀ
            self.pp *= self.product / self.f
            self.moment += self.pp
        np.matmul(self.gram, kb, out=tmp[:p])                  # 2c (S∘AᵀA) BΣ
        tmp[:p] *= 2 * self.f
        gb += tmp[:p]
        if self.twice_lambda is not None:
            np.multiply(b, self.twice_lambda, out=tmp[:p])     # 2ΛB
            gb += tmp[:p]
        np.matmul(self.moment, at, out=tmp[p:])                # 2c (S∘BΣBᵀ + …) Aᵀ
        tmp[p:] *= 2 * self.f
        ga += tmp[p:]
        if self.rotation:                                      # g_B = ∇_B − ΓB, g_Aᵀ = ∇_Aᵀ − ΓAᵀ (Γ skew)
            np.matmul(self.pp, b, out=tmp[:p])
            gb += tmp[:p]
            np.matmul(self.pp, at, out=tmp[p:])
            ga += tmp[p:]

    def update(self):
        self.step_count += 1
        g, w, m, v, tmp, lr = self.g, self.w, self.m, self.v, self.tmp, self.learning_rate
        if self.optimizer == "adam":
            beta1, beta2 = BETAS
            m *= beta1                                         # m.lerp_(g, 1 − β₁)
            np.multiply(g, 1 - beta1, out=tmp)
            m += tmp
            v *= beta2                                         # v.mul_(β₂).addcmul_(g, g, 1 − β₂)
            np.multiply(g, g, out=tmp)
            tmp *= 1 - beta2
            v += tmp
            correction1 = 1 - beta1 ** self.step_count
            correction2 = 1 - beta2 ** self.step_count
            np.sqrt(v, out=self.denom)                         # √v / √(1 − β₂ᵗ) + ε
            self.denom /= np.sqrt(correction2)
            self.denom += EPSILON
            np.divide(m, self.denom, out=tmp)                  # θ.addcdiv_(m, denom, −α/(1 − β₁ᵗ))
            tmp *= lr / correction1
            w -= tmp
        elif self.optimizer == "sgd":
            g *= lr
            w -= g
        else:
            m *= MOMENTUM                                      # v ← μv + g
            m += g
            if self.optimizer == "nesterov":                   # θ ← θ − α(g + μv)
                np.multiply(m, MOMENTUM, out=tmp)
                g += tmp
                g *= lr
                w -= g
            else:                                              # θ ← θ − αv
                np.multiply(m, lr, out=tmp)
                w -= tmp

    def __call__(self):
        self.gradients()
        self.update()


def random_sigma(n, dtype):
    """Σ = GᵀG/n for a Gaussian n×n G, as lae bench draws it (symmetric positive definite)."""
    g = np.random.default_rng(n).standard_normal((n, n))
    return np.ascontiguousarray((g.T @ g / n).astype(dtype))


def medians(step, gemm, seconds, warm_up=3, least=5, most=500):
    """The median seconds of the step and of the GEMM, timed alternately after warm-up."""
    for _ in range(warm_up):
        gemm()
        step()
    steps, gemms = [], []
    spent = 0.0
    while len(steps) < most and (len(steps) < least or spent < seconds):
        t0 = time.perf_counter()
        gemm()
        t1 = time.perf_counter()
        step()
        t2 = time.perf_counter()
        gemms.append(t1 - t0)
        steps.append(t2 - t1)
        spent += t2 - t0
    return float(np.median(steps)), float(np.median(gemms))


class Peer:
    """Answers requests, keeping Σ per (n, dtype) between them."""

    def __init__(self):
        self.sigmas = {}

    def answer(self, request):
        n, p = int(request["n"]), int(request["p"])
        dtype = {"float32": np.float32, "float64": np.float64}[request["dtype"]]
        optimizer = request.get("optimizer", "adam")
        if "sigma" in request:
            sigma = np.ascontiguousarray(np.asarray(request["sigma"], dtype=dtype))
            w = np.ascontiguousarray(np.asarray(request["w"], dtype=dtype))
            step = Step(sigma, w, request["form"], optimizer, float(request["learning_rate"]))
            for _ in range(int(request["steps"])):
                step()
            return {"w": step.w.tolist()}
        key = (n, request["dtype"])
        if key not in self.sigmas:
            self.sigmas = {key: random_sigma(n, dtype)}
        sigma = self.sigmas[key]
        w = (0.01 * np.random.default_rng(7).standard_normal((2 * p, n))).astype(dtype)
        step = Step(sigma, w, request["form"], optimizer, 1e-7)
        product = np.empty((2 * p, n), dtype)
        step_seconds, gemm_seconds = medians(step, lambda: np.matmul(w, sigma, out=product),
                                             float(request.get("seconds", 1.0)))
        return {"step_seconds": step_seconds, "gemm_seconds": gemm_seconds}


def blas():
    try:
        info = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{info.get('name', '?')} {info.get('version', '?')}"
    except Exception:                                          # older NumPy: no dict form
        return "unknown"


def main():
    peer = Peer()
    print(json.dumps({"numpy": np.__version__, "blas": blas()}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = peer.answer(json.loads(line))
        except Exception as e:                                 # answered, so that lae can report it
            reply = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
