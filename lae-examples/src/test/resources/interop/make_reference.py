#!/usr/bin/env python3
"""Independent NumPy reference for `lae loss` (SPEC section 2), from the literal definitions.

Values and gradients are computed from X directly, term by term: the nested family as the sum over
b of w_b * c * ||Y - A I_b B X||^2 with its per-b gradients, the penalties from their definitions.
Nothing here uses lae's compact T/S form. Writes the inputs as .npy (samples as rows) and
expected.json; re-run with `python3 make_reference.py` (NumPy >= 1.20). CI only reads the outputs.
"""
import json
import numpy as np

rng = np.random.default_rng(20201)
m, p = 20, 3


def save(name, array):
    np.save(name, array)
    return name


def nested(A, B, X, Y, w, c):
    value, gA, gB = 0.0, np.zeros_like(A), np.zeros_like(B)
    for b in range(1, p + 1):
        if w[b - 1] == 0:
            continue
        I = np.diag([1.0] * b + [0.0] * (p - b))
        R = Y - A @ I @ B @ X
        value += w[b - 1] * np.sum(R * R)
        gA += w[b - 1] * (-2.0 * R @ (I @ B @ X).T)
        gB += w[b - 1] * (-2.0 * I @ A.T @ R @ X.T)
    return c * value, c * gA, c * gB


def product(A, B, lam):
    AB = A @ B
    return lam * np.sum(AB * AB), 2 * lam * AB @ B.T, 2 * lam * A.T @ AB


def diagonal(A, B, lams):
    L = np.diag(lams)
    return np.sum((L @ B) * B) + np.sum((A @ L) * A), 2 * A @ L, 2 * L @ B


mse_w = np.array([0.0] * (p - 1) + [1.0])
ordered_w = np.ones(p)
geometric = np.array([0.1, 0.09, 0.81])  # truncated geometric prior, keep probability 0.9
scales = {"sum": lambda m: 1.0, "mean": lambda m: 1.0 / m, "half-mean": lambda m: 0.5 / m}

# (loss, extra CLI args, nested weights, penalty, scale)
losses = [
    ("mse", [], mse_w, None, "sum"),
    ("ordered", [], ordered_w, None, "sum"),
    ("ordered", ["--scale", "mean"], ordered_w, None, "mean"),
    ("product", ["--lambda", "0.7"], mse_w, ("product", 0.7), "sum"),
    ("sum", ["--lambda", "0.7"], mse_w, ("diagonal", np.full(p, 0.7)), "sum"),
    ("nonuniform", ["--lambdas", "0.1,0.5,0.9"], mse_w, ("diagonal", np.array([0.1, 0.5, 0.9])), "mean"),
    ("nested-dropout", [], geometric, None, "half-mean"),
    ("nested-dropout", ["--prior", "0.5,0.3,0.2", "--scale", "sum"], np.array([0.5, 0.3, 0.2]), None, "sum"),
]

datasets = {}
X = rng.normal(size=(m, 6)) * np.linspace(1, 3, 6) + 0.5          # rows are samples, not centred
datasets["ae"] = dict(x=save("ae_x.npy", X), y=None,
                      encoder=save("ae_encoder.npy", rng.normal(size=(p, 6)) / 2),
                      decoder=save("ae_decoder.npy", rng.normal(size=(6, p)) / 2), X=X, Y=X)
Xr = rng.normal(size=(m, 5)) + 1.0
Yr = Xr @ rng.normal(size=(5, 4)) + 0.1 * rng.normal(size=(m, 4))
datasets["reg"] = dict(x=save("reg_x.npy", Xr), y=save("reg_y.npy", Yr),
                       encoder=save("reg_encoder.npy", rng.normal(size=(p, 5)) / 2),
                       decoder=save("reg_decoder.npy", rng.normal(size=(4, p)) / 2), X=Xr, Y=Yr)
# A float32, Fortran-order copy of the autoencoder encoder: lae must read both layouts and dtypes.
np.save("ae_encoder_f32_fortran.npy", np.asfortranarray(np.load("ae_encoder.npy").astype(np.float32)))

cases = []
for key, d in datasets.items():
    A, B = np.load(d["decoder"]), np.load(d["encoder"])
    Xm, Ym = d["X"].T, d["Y"].T                                      # samples as columns
    for name, args, w, penalty, scale in losses:
        value, gA, gB = nested(A, B, Xm, Ym, w, scales[scale](m))
        if penalty is not None:
            kind, param = penalty
            pv, pA, pB = product(A, B, param) if kind == "product" else diagonal(A, B, param)
            value, gA, gB = value + pv, gA + pA, gB + pB
        cases.append(dict(data=key, loss=name, args=args, x=d["x"], y=d["y"], encoder=d["encoder"],
                          decoder=d["decoder"], value=value, grad_encoder=gB.tolist(), grad_decoder=gA.tolist()))

with open("expected.json", "w") as f:
    json.dump({"generator": "make_reference.py", "numpy": np.__version__, "cases": cases}, f, indent=1)
print(f"{len(cases)} cases written")
