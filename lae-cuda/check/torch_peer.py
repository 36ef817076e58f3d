#!/usr/bin/env python3
"""lae's PyTorch peer: the ordered loss's full-batch step from the statistics (docs/math.md §2, Oftadeh
eq. 8 with T = diag(q), S_ij = q_max(i,j)) followed by torch.optim.Adam, in PyTorch eager mode, timed like
lae's GPU bench (CUDA events, median of 5 batches) beside the bare GEMM Σ·[Bᵀ | A].

Usage: torch_peer.py OUT.json [--quick]   (IEEE float32, TF32 off, and float64)."""
import json
import sys

import torch

SIZES = [(1000, 100), (2048, 256), (10000, 1000), (20000, 2000)]


def median_ms(work, reps, batches=5):
    for _ in range(3):
        work()
    torch.cuda.synchronize()
    times = []
    for _ in range(batches):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(reps):
            work()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end) / reps)
    return sorted(times)[batches // 2]


def case(n, p, dtype):
    gen = torch.Generator(device="cuda").manual_seed(n)
    sigma = torch.rand(n, n, device="cuda", dtype=dtype, generator=gen).sub_(0.5).div_(n)
    sigma = (sigma + sigma.T) / 2 + torch.diag(1 + 10.0 / torch.arange(1, n + 1, device="cuda", dtype=dtype))
    weights = (0.01 * torch.randn(n, 2 * p, device="cuda", dtype=dtype, generator=gen)).requires_grad_()
    q = torch.arange(p, 0, -1, device="cuda", dtype=dtype)                    # ordered: q_i = p − i + 1
    idx = torch.arange(p, device="cuda")
    s_matrix = q[torch.maximum(idx[:, None], idx[None, :])]
    c = 1.0
    optimizer = torch.optim.Adam([weights], lr=1e-7)

    @torch.no_grad()
    def step():
        products = sigma @ weights                                           # the big GEMM: [ΣBᵀ | ΣA]
        bt, a = weights[:, :p], weights[:, p:]
        k1, k2 = products[:, :p], products[:, p:]
        moment = bt.T @ k1                                                   # BΣBᵀ
        gram = a.T @ a                                                       # AᵀA
        grad_bt = 2 * c * (k1 @ (s_matrix * gram)) - 2 * c * k2 * q
        grad_a = 2 * c * (a @ (s_matrix * moment)) - 2 * c * k1 * q
        weights.grad = torch.cat([grad_bt, grad_a], 1)
        optimizer.step()

    reps = max(3, min(200, int(2e11 / (n * n * p))))
    gemm = median_ms(lambda: sigma @ weights.detach(), reps)
    eager = median_ms(step, reps)
    row = dict(n=n, p=p, dtype="float64" if dtype == torch.float64 else "float32", step="ordered",
               torch_step_ms=eager, torch_gemm_ms=gemm, torch_step_over_gemm=eager / gemm)
    print(json.dumps(row), flush=True)
    del sigma, weights, optimizer
    torch.cuda.empty_cache()
    return row


def main():
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    sizes = SIZES[:2] if "--quick" in sys.argv else SIZES
    print("torch", torch.__version__, "CUDA", torch.version.cuda, torch.cuda.get_device_name(), flush=True)
    rows = [case(n, p, dtype) for n, p in sizes for dtype in (torch.float32, torch.float64)]
    with open(sys.argv[1], "w") as f:
        json.dump(dict(torch=torch.__version__, cuda=torch.version.cuda, device=torch.cuda.get_device_name(),
                       rows=rows), f, indent=1)


if __name__ == "__main__":
    main()
