"""Checks for the assignment notebook 08: the student writes forward, backward,
gradient, the descent steps and a training loop; each check answers "correct"
or names the first wrong number and its likely cause. Numpy only.

``check_...(fn)`` runs the visible cases; ``check_...(fn, seed=...)`` is the
graded check (hidden cases drawn from the seed, no credit for calling
nbtools' own code). Every call of the student's function has a time limit
(``time_limit``, 10 s by default). Per-layer lists are numbered from 1 as in
the lecture (``LayerList``: W, s, δ and G for ℓ = 1..L); a list numbered from
0 is told so.
"""

from .checks import check_backward, check_forward, check_gradient
from .descent_checks import check_batch_step, check_minibatch_step, check_sgd_step
from .gradient_check import gradient_check
from .layer_list import LayerList
from .training_check import check_training

__all__ = ["LayerList", "check_backward", "check_batch_step", "check_forward", "check_gradient",
           "check_minibatch_step", "check_sgd_step", "check_training", "gradient_check"]
