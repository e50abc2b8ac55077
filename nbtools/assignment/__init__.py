"""Checks for the assignment notebook 08: the student writes forward, backward,
gradient, the descent steps and a training loop; each check answers "correct"
or names the first wrong number and its likely cause. Numpy only.
"""

from .checks import check_backward, check_forward, check_gradient
from .descent_checks import (WeightList, check_batch_step, check_minibatch_step, check_sgd_step,
                             check_training, gradient_check)

__all__ = ["WeightList", "check_backward", "check_batch_step", "check_forward", "check_gradient",
           "check_minibatch_step", "check_sgd_step", "check_training", "gradient_check"]
