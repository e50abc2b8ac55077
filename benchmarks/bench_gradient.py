"""Full-batch gradient of a (2, 8, 8, 1) tanh network: nbtools against a plain
numpy version, the one-point algorithm box and PyTorch CPU float64.

Targets (DESIGN.md): at N = 100 and 10,000 nbtools is within 1.3x of the plain
numpy version measured in the same round-robin (nbtools runs one readable
forward/backward, with its argument checks); at N = 10,000 it is >= 100x faster
than the algorithm box. PyTorch is shown for comparison, without a target.
"""

from __future__ import annotations

import numpy as np
from timing import Timing, measure, ms, time_call

import nbtools as nb

SHAPE = (2, 8, 8, 1)
SIZES = (100, 10_000, 100_000)


def problem(N: int):
    net = nb.Network.random(SHAPE, hidden="tanh", output="tanh", seed=0)
    X, y = nb.circles(N, seed=0)
    return net, X, y


def plain_numpy(net, X, y):
    """The batch backpropagation in 15 lines of numpy, nothing checked: the yardstick."""
    Ws = list(net.W)
    Y = np.asarray(y, dtype=float).reshape(len(X), -1)

    def gradient():
        N = X.shape[0]
        xs = [np.hstack([np.ones((N, 1)), X])]
        for ell, W in enumerate(Ws, start=1):
            x = np.tanh(xs[-1] @ W)
            xs.append(x if ell == len(Ws) else np.hstack([np.ones((N, 1)), x]))
        E = np.mean(np.sum((xs[-1] - Y) ** 2, axis=1))
        delta = 2 * (xs[-1] - Y) * (1 - xs[-1] ** 2)
        G = [None] * len(Ws)
        for ell in range(len(Ws), 0, -1):
            G[ell - 1] = xs[ell - 1].T @ delta / N
            if ell > 1:
                delta = (1 - xs[ell - 1][:, 1:] ** 2) * (delta @ Ws[ell - 1][1:].T)
        return E, G

    return gradient


def torch_versions(torch, net, X, y):
    """Two float64 CPU equivalents of nb.gradient(net, X, y): autograd, and backprop by hand."""
    Ws = [torch.tensor(W, dtype=torch.float64) for W in net.W]
    leaves = [W.clone().requires_grad_(True) for W in Ws]
    Xt = torch.tensor(X, dtype=torch.float64)
    Yt = torch.tensor(np.asarray(y, dtype=float).reshape(len(X), -1))
    N, L = Xt.shape[0], len(Ws)

    def autograd():
        h = Xt
        for W in leaves:
            h = torch.tanh(torch.addmm(W[0], h, W[1:]))  # s = W[0] + x W[1:], x = tanh(s)
        E = ((h - Yt) ** 2).sum(dim=1).mean()
        G = torch.autograd.grad(E, leaves)
        return E.item(), G

    def manual():
        with torch.no_grad():
            xs = [Xt]
            for W in Ws:
                xs.append(torch.tanh(torch.addmm(W[0], xs[-1], W[1:])))
            h = xs[-1]
            E = ((h - Yt) ** 2).sum(dim=1).mean()
            delta = 2.0 * (h - Yt) * (1.0 - h * h)  # δ^(L)
            G = [None] * L
            for ell in range(L, 0, -1):
                x = xs[ell - 1]
                g = torch.empty_like(Ws[ell - 1])
                g[0] = delta.sum(dim=0)
                g[1:] = x.T @ delta
                G[ell - 1] = g / N
                if ell > 1:
                    delta = (delta @ Ws[ell - 1][1:].T) * (1.0 - x * x)  # δ^(l-1)
            return E.item(), G

    return {"autograd": autograd, "by hand": manual}


def agreement(reference, result) -> float:
    """Largest relative difference between two (E, G) results."""
    E0, G0 = reference
    E1, G1 = result
    worst = abs(E1 - E0) / max(abs(E0), 1e-300)
    for g0, g1 in zip(G0, G1):
        g1 = g1.detach().numpy() if hasattr(g1, "detach") else np.asarray(g1)
        worst = max(worst, float(np.max(np.abs(g1 - g0)) / max(np.max(np.abs(g0)), 1e-300)))
    return worst


TORCH = ("torch autograd", "torch by hand", "torch by hand, 1 thread")


def run(report, quick: bool = False, full_box: bool = False) -> None:
    try:
        import torch
    except ImportError as exc:
        torch = None
        torch_note = (
            f"PyTorch not importable ({exc}); install the CPU wheel into the dev venv only: "
            ".venv/bin/pip install torch==2.13.0"
        )
    else:
        torch_note = (
            f"PyTorch {torch.__version__} float64 on the CPU, {torch.get_num_threads()} threads"
            " (and 1 thread, timed in a second round-robin with nbtools)"
        )

    report.section(
        f"Full-batch gradient E, dE/dW of a {SHAPE} tanh network, squared error (ms per call)"
    )
    report.line(f"  {torch_note}")
    report.line(
        "  median wall [p90] (median cpu); candidates at one N run round-robin;"
        " cpu = process time, all threads"
    )
    names = ["nbtools", "plain numpy", "algorithm box"] + (list(TORCH) if torch else [])
    width = 22
    report.line("  " + f"{'N':>8}" + "".join(f"  {name:>{width}}" for name in names))
    results, ratios, notes = {}, {}, []
    for N in SIZES:
        net, X, y = problem(N)
        reference = nb.gradient(net, X, y)
        rounds = {100: 30, 10_000: 30, 100_000: 10}[N]
        if quick:
            rounds = max(3, rounds // 5)
        per_round = 0.02 if N < 100_000 else 0.05

        def ours():
            return nb.gradient(net, X, y)

        plain = plain_numpy(net, X, y)
        difference = agreement(reference, plain())
        if difference > 1e-10:
            notes.append(f"plain numpy disagrees with nbtools at N = {N:,}: {difference:.1e}")
        timings = dict(measure({"nbtools": ours, "plain numpy": plain}, rounds=rounds, per_round=per_round))
        ratios[N] = {"plain numpy": timings["nbtools"].median / timings["plain numpy"].median}
        if torch is not None:
            versions = torch_versions(torch, net, X, y)
            for name, fn in versions.items():
                difference = agreement(reference, fn())
                if difference > 1e-10:
                    notes.append(
                        f"{name} disagrees with nbtools at N = {N:,}: "
                        f"max relative difference {difference:.1e}"
                    )
            group = measure(
                {"nbtools": ours, TORCH[0]: versions["autograd"], TORCH[1]: versions["by hand"]},
                rounds=rounds,
                per_round=per_round,
            )
            timings.update(group)
            for name in TORCH[:2]:
                ratios[N][name] = group["nbtools"].median / group[name].median
            threads = torch.get_num_threads()
            torch.set_num_threads(1)
            try:
                group = measure(
                    {"nbtools": ours, TORCH[2]: versions["by hand"]},
                    rounds=rounds,
                    per_round=per_round,
                )
            finally:
                torch.set_num_threads(threads)
            timings[TORCH[2]] = group[TORCH[2]]
            ratios[N][TORCH[2]] = group["nbtools"].median / group[TORCH[2]].median

        # The one-point loop: slow, so run on its own, a few times.
        box = Timing("algorithm box")
        box_note = ""
        if N == 100_000 and not full_box:
            ten_k = results[10_000]["algorithm box"]
            box = Timing("algorithm box", [10 * t for t in ten_k.wall], [10 * t for t in ten_k.cpu])
            box_note = "box: x10 from N = 10,000 (extrapolated; --full-box runs it)"
        else:
            repeats = {100: 30, 10_000: 3 if quick else 5, 100_000: 1}[N]
            box_result = None
            for _ in range(repeats):
                box_result = time_call(lambda: nb.gradient_point_by_point(net, X, y), box)
            difference = agreement(reference, box_result)
            if difference > 1e-10:
                notes.append(f"algorithm box disagrees with nbtools at N = {N:,}: {difference:.1e}")
            if N == 100_000:
                box_note = "box: run once"
        timings["algorithm box"] = box
        results[N] = timings
        cells = [
            f"{ms(timings[name].median)} [{ms(timings[name].p90)}] ({ms(timings[name].cpu_median)})"
            for name in names
        ]
        line = "  " + f"{N:>8,}" + "".join(f"  {c:>{width}}" for c in cells)
        report.line(f"{line}  {box_note}".rstrip())
    for note in notes:
        report.line(f"  NOTE  {note}")
    if not notes:
        report.line("  results agree: every version matches nbtools to 1e-10 (relative)")

    # Targets. Ratios are taken within one round-robin.
    t = results[10_000]
    speedup = t["algorithm box"].median / t["nbtools"].median
    report.check(
        speedup >= 100,
        f"N = 10,000: nbtools >= 100x faster than the algorithm box: {speedup:,.0f}x",
    )
    for N in SIZES:
        ratio = ratios[N]["plain numpy"]
        text = f"N = {N:,}: nbtools within 1.3x of plain numpy (same round-robin): {ratio:.2f}x"
        if N <= 10_000:
            report.check(ratio <= 1.3, text)
        else:
            report.line(f"  (no target) {text}")
        if torch is not None:
            report.line(
                f"  (no target) N = {N:,}: nbtools / torch = "
                + ", ".join(f"{ratios[N][name]:.2f}" for name in TORCH)
            )
