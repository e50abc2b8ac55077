"""Calling a student's function the way every check does, and the check's last word.

``Student`` wraps the function: each call runs under the time limit
(``time_limit``), with nbtools' own functions watched (``borrowed``), and
turns an exception, a hang or a missing function into ``Wrong`` (a message,
never a crash). ``verdict`` prints "correct" and, when the function called
nbtools' own code, says so: the visible check still accepts it with that
remark, the graded check (``grading=True``) gives it no credit.
"""

from __future__ import annotations

import math
import numbers
import sys
import traceback
from pathlib import Path

from .._checks import describe
from .borrowed import watching
from .feedback import Wrong, report
from .time_limit import DEFAULT_SECONDS, TimeLimit, run_limited


_LAYERS = "W[ell], ss[ell], delta[ell] and G[ell] for ℓ = 1..L; xs[ell] for ℓ = 0..L"


def _hint(exc: Exception) -> str:
    lowered = str(exc).lower()
    if any(w in lowered for w in ("mismatch", "not aligned", "broadcast", "shapes")):
        return (" Likely cause: a shape mismatch. s^(ℓ) = (W^(ℓ))ᵀ x^(ℓ-1) is W[ell].T @ x[ell - 1]: W[ell] has"
                " shape (d^(ℓ-1)+1, d^(ℓ)) and x^(ℓ-1) has d^(ℓ-1)+1 entries, the bias 1 first.")
    if isinstance(exc, IndexError) and "list index out of range" in lowered:
        return (" Likely cause: a plain list is indexed from 0, so W[L] does not exist in a list of L"
                " matrices. Return new weights as LayerList([...]) (indexed W[1]..W[L]), or fix an"
                f" index off by one ({_LAYERS}).")
    if isinstance(exc, IndexError):
        return f" Likely cause: a layer index off by one ({_LAYERS})."
    return ""


class Student:
    """The student's function ``fn``, called by a check as ``name`` (e.g. "forward(W, x)").

    ``hint`` is added to the message when ``fn`` raises.

    Attributes
    ----------
    borrowed : list of str
        nbtools functions the student's function called, outermost only, in order.
    """

    def __init__(self, fn, name: str, time_limit: float | None = DEFAULT_SECONDS, hint: str = ""):
        self.fn, self.name, self.time_limit, self.hint = fn, name, time_limit, hint
        self.borrowed: list[str] = []

    def __call__(self, *args):
        if not callable(self.fn):
            raise Wrong(f"{self.name} is not a function; got {describe(self.fn)}. Run the cell that defines it.")

        def task():
            with watching(self.borrowed):
                return self.fn(*args)

        try:
            return run_limited(task, self.time_limit)
        except TimeLimit:
            raise Wrong(f"{self.name} did not return within {self.time_limit:g} s. Look for a loop that never"
                        " ends (a `while` whose condition never changes) or far more work than the case needs."
                        ) from None
        except NotImplementedError:
            raise Wrong(f"{self.name} is not written yet: replace `raise NotImplementedError()` with your code."
                        ) from None
        except Exception as exc:  # the student's bug, reported instead of raised
            where = _students_line(exc.__traceback__)
            raise Wrong(f"{self.name} raised {type(exc).__name__}: {exc} (line {where.lineno}:"
                        f" `{(where.line or '').strip()}`)." + _hint(exc) + self.hint) from None


def _students_line(tb) -> traceback.FrameSummary:
    """The last line of the traceback in the student's own code: not in nbtools (a LayerList refusing
    index 0) nor in an installed library (numpy); the last line at all if there is none."""
    frames = traceback.extract_tb(tb)
    libraries = tuple(p for p in {str(Path(__file__).resolve().parents[1]), sys.prefix, sys.base_prefix}
                      if Path(p).parent != Path(p))   # a prefix "/" (Pyodide) would hold everything
    own = [f for f in frames if not str(Path(f.filename).resolve()).startswith(libraries)]
    return (own or frames)[-1]


def bad_options(seed, time_limit) -> str | None:
    """What is wrong with a check's own ``seed`` and ``time_limit`` arguments, or None."""
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0):
        return f"seed must be None (the visible cases) or an integer >= 0 (the graded ones); got {describe(seed)}."
    if time_limit is not None and (isinstance(time_limit, bool) or not isinstance(time_limit, numbers.Real)
                                   or not math.isfinite(time_limit) or time_limit <= 0):
        return f"time_limit must be a number of seconds > 0, or None for no limit; got {describe(time_limit)}."
    return None


def verdict(student: Student, text: str, grading: bool) -> bool:
    """Print ``text`` (the check passed) and return True, unless nbtools' own code did the work."""
    if not student.borrowed:
        return report(True, text)
    names = ", ".join(student.borrowed)
    if grading:
        return report(False, f"No credit: {student.name} calls nbtools' own {names}. The assignment is to"
                      " write it yourself, with numpy.")
    return report(True, f"{text} But {student.name} calls nbtools' own {names}: the graded check gives no"
                  " credit for that. Write it yourself, with numpy.")
