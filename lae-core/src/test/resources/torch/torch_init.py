"""Prints the literals of TorchInitTest: torch 1.3's CPU draws after torch.manual_seed(seed),
redone with NumPy only (no torch needed), independently of lae's Java port.

The engine is NumPy's own MT19937 seeded as torch seeds it (init_genrand, NumPy's legacy
seeding). From torch 1.3's source: a float32 uniform_ takes one 32-bit output per entry,
(r & 0xffffff) * 2**-24 (ATen/core/DistributionsHelper.h, TH/generic/THTensorRandom.cpp);
normal_ on a contiguous tensor of >= 16 entries fills all entries with uniforms, then applies
Box-Muller to blocks of 16 (entry j and j + 8 from u1 = 1 - u_j, u2 = u_{j+8}), and, when 16
does not divide the size, redraws the last 16 uniforms and transforms them again
(TH/vector: normal_fill). Box-Muller is computed in float32, step by step.

Bao et al.'s models (XuchanBao/linear-ae, models/linear_autoencoder.py,
linear_ae_nested_dropout.py, linear_vae.py) build encoder = nn.Linear(n, p, bias=False) and
decoder = nn.Linear(p, n, bias=False) (Kaiming-uniform weights: n*p uniforms each, discarded),
then encoder.weight.normal_(0, init_scale), decoder.weight.normal_(0, init_scale).

Checks against what torch prints (any version since 1.0 keeps these algorithms):
torch.manual_seed(0); torch.randn(4, 4) -> -1.1258, -1.1524, -0.2506, -0.4339, 0.8487, ...
torch.manual_seed(42); torch.rand(3) -> 0.8823, 0.9150, 0.3829.
"""
import numpy as np


def outputs(seed, count):
    engine = np.random.MT19937(0)
    engine._legacy_seeding(seed)
    return engine.random_raw(count).astype(np.uint64)


def uniforms(raw):
    return ((raw & 0xffffff).astype(np.float64) * 2.0 ** -24).astype(np.float32)


def box_muller16(d, start, std):
    for j in range(start, start + 8):
        u1 = np.float32(1) - d[j]
        u2 = d[j + 8]
        radius = np.sqrt(np.float32(-2) * np.log(u1))
        theta = np.float32(2 * np.pi) * u2
        d[j], d[j + 8] = radius * np.cos(theta) * np.float32(std), radius * np.sin(theta) * np.float32(std)


def normal(raw, count, std):
    """normal_ on `count` entries from the outputs `raw`; returns the entries and the outputs used."""
    d = uniforms(raw[:count])
    for i in range(0, count - 15, 16):
        box_muller16(d, i, std)
    used = count
    if count % 16:
        d[count - 16:] = uniforms(raw[count:count + 16])
        box_muller16(d, count - 16, std)
        used += 16
    return d, used


def authors_init(n, p, std, seed):
    raw = outputs(seed, 4 * n * p + 64)
    pos = 2 * n * p                      # the two nn.Linear constructors' Kaiming-uniform draws
    enc, used = normal(raw[pos:], n * p, std)
    pos += used
    dec, _ = normal(raw[pos:], n * p, std)
    return enc.reshape(p, n), dec.reshape(n, p)


def show(values):
    return ", ".join(repr(float(v)) for v in values)


print("randn(4, 4), seed 0:", np.round(normal(outputs(0, 32), 16, 1.0)[0], 4))
print("rand(3), seed 42:", np.round(uniforms(outputs(42, 3)), 4))
for n, p in [(10, 3), (30, 2), (1000, 2), (1000, 5)]:
    enc, dec = authors_init(n, p, 1e-4, 1234)
    print("n = %d, p = %d, seed 1234, init_scale 1e-4" % (n, p))
    print("  B[0, :3]  ", show(enc[0, :3]))
    print("  B[-1, -2:]", show(enc[-1, -2:]))
    print("  A[0]      ", show(dec[0]))
    print("  A[-1]     ", show(dec[-1]))
