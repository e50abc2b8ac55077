"""The batch path's kernels: the forward pass in the transposed layout, a
blocked matrix product that stays on one thread, and a work array reused
between calls. No checks here: callers (``propagation``, ``surface``) have
checked their arguments. Numpy only.
"""

from __future__ import annotations

import threading

import numpy as np


_SCRATCH = threading.local()
_SCRATCH_MAX = 1 << 20  # float64 elements (8 MB) kept per thread between calls


class _Scratch:
    """``with _Scratch(size) as work``: a float64 work array of ``size`` elements,
    reused from call to call.

    Fresh arrays of 0.1-10 MB are mmapped and freed by malloc on every call,
    and each 4 kB page then costs a page fault: about 40% of a gradient at
    N = 10,000. One array per thread is kept between calls (up to
    ``_SCRATCH_MAX`` elements; larger requests get a fresh array). Nothing
    handed back to a caller may be a view of it. A nested use gets a fresh array.
    """

    __slots__ = ("size", "held")

    def __init__(self, size: int):
        self.size = size
        self.held = False

    def __enter__(self) -> np.ndarray:
        if self.size > _SCRATCH_MAX or getattr(_SCRATCH, "busy", False):
            return np.empty(self.size)
        buffer = getattr(_SCRATCH, "buffer", None)
        if buffer is None or buffer.size < self.size:
            buffer = _SCRATCH.buffer = np.empty(self.size)
        _SCRATCH.busy = self.held = True
        return buffer[: self.size]

    def __exit__(self, *exc) -> None:
        if self.held:
            _SCRATCH.busy = False


_BLAS_BLOCK = 1 << 17  # multiply-adds per BLAS call (see _matmul)


def _matmul(A: np.ndarray, B: np.ndarray, out: np.ndarray) -> np.ndarray:
    """out = A @ B for a small A (m, k) and a wide B (k, M), in blocks of columns.

    OpenBLAS runs a product on several threads once m k M passes a few 10^5
    (seen from 8 × 8 × 16,384 and 1 × 8 × 60,000 here); on a busy 2-core machine
    the threads wait for each other and such a product took 8-24 ms instead of
    0.1 ms. Blocks of at most 2^17 multiply-adds stay on the calling thread.
    """
    step = max(1, _BLAS_BLOCK // max(1, A.shape[0] * A.shape[1]))
    M = B.shape[1]
    if M <= step:
        return np.matmul(A, B, out=out)
    for start in range(0, M, step):
        np.matmul(A, B[:, start : start + step], out=out[:, start : start + step])
    return out


def _forward_T(Ws: list, hidden, X: np.ndarray, work: np.ndarray | None = None, keep_s=False):
    """Forward pass in the transposed layout for an (N, d0) batch; no checks.

    ``Ws`` = list(net.W), ``hidden`` = net.hidden. Returns ``(xT, sT)``:
    xT[l] = (x^(l) without its bias entry)ᵀ, shape (d^(l), N), for l = 0..L-1
    (xT[0] is a view of X), and sT = [s^(L)ᵀ], shape (d^(L), N); with ``keep_s``,
    sT = [s^(1)ᵀ, ..., s^(L)ᵀ] (θ then writes new arrays instead of overwriting
    s). With ``work`` (at least N · Σ d^(l) elements) every signal is a view of it.
    """
    N, L = X.shape[0], len(Ws)
    xT, sT, used = [X.T], [], 0
    for ell, W in enumerate(Ws, start=1):
        rows = W.shape[1]
        if work is None:
            s = np.empty((rows, N))
        else:
            s = work[used : used + rows * N].reshape(rows, N)
            used += rows * N
        # s^(l) = (W^(l))ᵀ [1; x^(l-1)] = W^(l)[0] + (W^(l)[1:])ᵀ x^(l-1), every point at once
        _matmul(W[1:].T, xT[-1], out=s)
        s += W[0][:, None]
        if keep_s or ell == L:
            sT.append(s)
        if ell < L:
            xT.append(hidden.theta(s) if keep_s else hidden.theta(s, out=s))
    return xT, sT


def _signals_size(Ws: list, N: int) -> int:
    return N * sum(W.shape[1] for W in Ws)
