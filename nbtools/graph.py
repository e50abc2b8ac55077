"""Reverse-mode differentiation on a graph of scalar nodes: backprop for any e.

Every operation computes its value and, right beside it, the local derivative
of its result with respect to each input. ``backward`` visits the nodes in
reverse topological order and sends each node's adjoint ā = ∂e/∂node to its
inputs: input.grad += local · ā. The multiply node swaps (∂(ab)/∂a = b), the
add node distributes (∂(a+b)/∂a = 1), and a node used twice adds up (+=).

``nbtools.network_graph`` builds the error of an ``nb.Network`` as such a graph.
"""

from __future__ import annotations

import math

from ._checks import check_real, describe


class Node:
    """A scalar: its ``value``, its inputs, the local derivatives ∂value/∂input, and ``grad`` = ∂e/∂value."""

    def __init__(self, value, inputs=(), local=(), op: str = "", name: str = ""):
        self.value = check_real(f"the value of node {name or op or 'leaf'}", value)
        self.inputs, self.local = tuple(inputs), tuple(local)
        self.op, self.name, self.grad = op, name, 0.0

    def __repr__(self) -> str:
        return f"Node({self.name or self.op or 'leaf'}: value={self.value:.6g}, grad={self.grad:.6g})"

    # ----- operations: the forward rule, then the local derivative(s) -----
    def __add__(self, other) -> "Node":
        return add(self, other)

    __radd__ = __add__

    def __mul__(self, other) -> "Node":
        other = as_node(other)
        return Node(self.value * other.value, (self, other), (other.value, self.value), "×")  # the swap

    __rmul__ = __mul__

    def __neg__(self) -> "Node":
        return self * -1.0

    def __sub__(self, other) -> "Node":
        other = as_node(other)
        return Node(self.value - other.value, (self, other), (1.0, -1.0), "−")

    def __rsub__(self, other) -> "Node":
        return as_node(other) - self

    def square(self) -> "Node":
        return Node(self.value**2, (self,), (2.0 * self.value,), "²")

    def tanh(self) -> "Node":
        t = math.tanh(self.value)
        return Node(t, (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self) -> "Node":
        # σ(v) = (1 + tanh(v/2)) / 2, as nbtools.activations computes it (no overflow)
        sig = 0.5 * (1.0 + math.tanh(0.5 * self.value))
        return Node(sig, (self,), (sig * (1.0 - sig),), "sigmoid")

    def relu(self) -> "Node":
        # relu' at the kink v = 0 is taken as 0, as in nbtools.activations
        return Node(max(self.value, 0.0), (self,), (1.0 if self.value > 0 else 0.0,), "relu")

    def identity(self) -> "Node":
        return Node(self.value, (self,), (1.0,), "id")

    def exp(self) -> "Node":
        ev = math.exp(self.value)
        return Node(ev, (self,), (ev,), "exp")

    def log(self) -> "Node":
        if self.value <= 0:
            raise ValueError(f"log needs a positive argument; got {self.value!r} (node {self.name or self.op})")
        return Node(math.log(self.value), (self,), (1.0 / self.value,), "log")

    def abs(self) -> "Node":
        # |v|' = sign(v); at v = 0 we take 0
        return Node(abs(self.value), (self,), (float((self.value > 0) - (self.value < 0)),), "abs")

    # ----- reverse accumulation -----
    def order(self) -> list["Node"]:
        """Every node this one depends on, inputs before the nodes that use them (this node last)."""
        order, seen, stack = [], set(), [(self, False)]
        while stack:  # depth first, without recursion: a batch makes long chains
            node, done = stack.pop()
            if done:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((n, False) for n in reversed(node.inputs) if id(n) not in seen)
        return order

    def backward(self, steps: int | None = None) -> list["Node"]:
        """Set every ``grad`` to ∂(this node)/∂node by reverse accumulation; return the order.

        ``steps``: stop early, after seeding ā = 1 (step 1) and sending the
        adjoints of the first ``steps − 1`` non-leaf nodes back (for stepping through).
        """
        order = self.order()
        for node in order:
            node.grad = 0.0
        ops = operations(order)
        if steps is not None and not (isinstance(steps, int) and 0 <= steps <= len(ops) + 1):
            raise ValueError(f"steps must be an integer from 0 to {len(ops) + 1}; got {describe(steps)}")
        if steps == 0:
            return order
        self.grad = 1.0
        for node in ops[: None if steps is None else steps - 1]:
            for inp, local in zip(node.inputs, node.local):
                inp.grad += local * node.grad
        return order


def operations(order: list[Node]) -> list[Node]:
    """The nodes that send adjoints back, in the order ``backward`` visits them (e first)."""
    return [n for n in reversed(order) if n.inputs]


def as_node(value) -> Node:
    """A Node as it is; a number as a constant leaf."""
    return value if isinstance(value, Node) else Node(value, op="const")


def add(*terms) -> Node:
    """The sum of any number of nodes: the local derivative is 1 for each (the add node distributes)."""
    terms = tuple(as_node(t) for t in terms)
    return Node(math.fsum(t.value for t in terms), terms, (1.0,) * len(terms), "+")


def total(terms: list) -> Node:
    """Σ terms; one term is its own sum (no add node for a single output)."""
    return terms[0] if len(terms) == 1 else add(*terms)
