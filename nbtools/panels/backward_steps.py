"""The steps of the backward pass as the BackwardPanel shows them: which
layer each step computes, its equation with the current numbers substituted,
its title, and which δ and ∂e/∂W are known after it.

Step 0 is the saved forward pass; steps 1..L compute δ⁽ᴸ⁾, …, δ⁽¹⁾ (the
initialisation, then equation (2)); steps L+1..2L the gradients ∂e/∂W⁽ᴸ⁾, …,
∂e/∂W⁽¹⁾ (equation (1)).
"""

from __future__ import annotations

import numpy as np

from ..figures.labels import layer_symbol, number, subscript, superscript, weight_symbol

_D = 4  # decimals in the substituted equations


def _n(value) -> str:
    """A number in an equation, in parentheses when negative: (−1.8549)."""
    text = number(value, _D)
    return f"({text})" if text.startswith("−") else text


def _sym(name: str, ell: int, k) -> str:
    return layer_symbol(name, ell) + subscript(k)


def step_count(L: int) -> int:
    """Steps of the backward pass for L layers: L sensitivities, then L gradients."""
    return 2 * L


def step_layer(step: int, L: int) -> tuple[str, int]:
    """What step ``step`` (1..2L) computes: ("delta", l) or ("G", l)."""
    if 1 <= step <= L:
        return "delta", L - step + 1
    return "G", 2 * L - step + 1


def step_equation(step: int, net, trace, delta, G, y) -> tuple[str, list[str], set]:
    """The headline, the equation lines with numbers, and what to highlight, for one step.

    Assumes tanh hidden and output layers (the lecture's network), where
    θ′(s) = 1 − x².
    """
    L, x = net.L, trace.x
    total = step_count(L)
    if step == 0:
        h = x[L]
        lines = [
            f"e = (x{superscript(f'({L})')} − y)² = ({number(h[0], _D)} − {number(y, _D)})² = "
            f"{number(float(np.sum((h - y) ** 2)), _D)}"
        ]
        return f"Step 0 of {total}: forward propagation saved every x and s", lines, set()
    kind, ell = step_layer(step, L)
    head = f"Step {step} of {total}: "
    lines, chosen = [], set()
    if kind == "delta" and ell == L:
        top = superscript(f"({L})")
        head += f"δ{top} = 2 (x{top} − y) θ′(s{top})"
        for k in range(1, net.d[L] + 1):
            xk = x[L][k - 1]
            lines.append(
                f"{_sym('delta', L, k)} = 2 · ({_sym('x', L, k)} − y) · "
                f"(1 − ({_sym('x', L, k)})²) = "
                f"2 · ({number(xk, _D)} − {number(y, _D)}) · (1 − {number(xk * xk, _D)}) = "
                f"{number(delta[L][k - 1], _D)}"
            )
            chosen.add((L, k))
    elif kind == "delta":
        up = ell + 1
        head += (
            f"δ{superscript(f'({ell})')} = θ′(s{superscript(f'({ell})')}) ⊗ "
            f"[W{superscript(f'({up})')} δ{superscript(f'({up})')}] without the bias row"
        )
        for k in range(1, net.d[ell] + 1):
            xk = x[ell][k]
            terms = [
                (weight_symbol(up, k, j - 1), _sym("delta", up, j), net.W[up][k, j - 1], delta[up][j - 1])
                for j in range(1, net.d[up] + 1)
            ]
            symbols = " + ".join(f"{w} · {d}" for w, d, _, _ in terms)
            values = " + ".join(f"{_n(wv)} · {_n(dv)}" for _, _, wv, dv in terms)
            if len(terms) > 1:
                symbols, values = f"({symbols})", f"({values})"
            lines.append(
                f"{_sym('delta', ell, k)} = (1 − ({_sym('x', ell, k)})²) · {symbols} = "
                f"(1 − {number(xk * xk, _D)}) · {values} = {number(delta[ell][k - 1], _D)}"
            )
            chosen.add((ell, k))
            for j in range(1, net.d[up] + 1):
                chosen |= {(up, j), (up, k, j - 1)}
    else:
        head += (
            f"∂e/∂W{superscript(f'({ell})')} = x{superscript(f'({ell - 1})')} "
            f"(δ{superscript(f'({ell})')})ᵀ"
        )
        for i in range(net.d[ell - 1] + 1):
            for j in range(1, net.d[ell] + 1):
                lines.append(
                    f"∂e/∂{weight_symbol(ell, i, j - 1)} = {_sym('x', ell - 1, i)} · {_sym('delta', ell, j)} = "
                    f"{'1' if i == 0 else _n(x[ell - 1][i])} · {_n(delta[ell][j - 1])} = "
                    f"{number(G[ell][i, j - 1], _D)}"
                )
                chosen |= {(ell - 1, i), (ell, j), (ell, i, j - 1)}
    return head, lines, chosen


def revealed(step: int, L: int) -> tuple[set, set]:
    """The layers whose δ and whose ∂e/∂W are computed by the end of ``step``."""
    deltas = {L - s + 1 for s in range(1, min(step, L) + 1)}
    grads = {2 * L - s + 1 for s in range(L + 1, step + 1)}
    return deltas, grads


def step_title(step: int, L: int) -> str:
    """The short line above the diagram: which step, and what it computes from what.

    The full equation, with the numbers, is the readout's (``step_equation``);
    the figure only names the step, so that it reads on its own when projected.
    """
    head = f"Step {step} of {step_count(L)}: "
    if step == 0:
        return head + "forward propagation done, no δ yet"
    kind, ell = step_layer(step, L)
    top = superscript(f"({ell})")
    if kind == "delta" and ell == L:
        return head + f"δ{top} at the output, from x{top} and y"
    if kind == "delta":
        up = superscript(f"({ell + 1})")
        return head + f"δ{top} from δ{up}, sent back along W{up}"
    return head + f"∂e/∂W{top} from x{superscript(f'({ell - 1})')} and δ{top}"
