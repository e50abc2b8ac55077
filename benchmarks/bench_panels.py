"""Every panel in nbtools.panels.__all__: the slider round trip.

Each panel is built with no arguments, then ``panel.update(**move)`` is timed
for about 30 moves, replaying ``panel.demo_moves()`` cyclically: compute + draw
+ PNG render, what a student waits for after moving a control (target: median
<= 50 ms). A panel with ``animation_frame()`` also plays 30 frames (target
>= 10 frames per second).
"""

from __future__ import annotations

import inspect

from timing import Timing, ms, time_call

MOVES = 30
FRAMES = 30
TARGET_MS = 50.0
TARGET_FPS = 10.0


def panel_classes():
    import nbtools.panels as panels

    found = []
    for name in getattr(panels, "__all__", []):
        obj = getattr(panels, name, None)
        if isinstance(obj, type) and issubclass(obj, panels.Panel) and obj is not panels.Panel:
            found.append((name, obj))
    return found


def why_not_constructible(cls) -> str:
    if inspect.isabstract(cls):
        return "abstract base class (subclass it)"
    try:
        signature = inspect.signature(cls)
    except (TypeError, ValueError):
        return ""
    required = [
        p.name
        for p in signature.parameters.values()
        if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    return f"needs constructor arguments {required}" if required else ""


def run(report, quick: bool = False) -> None:
    report.section(
        "Panels: update(**move) = compute + draw + PNG, moves from demo_moves() replayed cyclically"
    )
    report.line("  wall ms per update: median [p90] (median cpu)")
    classes = panel_classes()
    if not classes:
        report.check(None, "panels: nbtools.panels exports no Panel subclass yet")
        return
    moves_n = 10 if quick else MOVES
    frames_n = 10 if quick else FRAMES
    animated = []
    for name, cls in classes:
        reason = why_not_constructible(cls)
        if reason:
            report.line(f"  {name:28s} skipped: {reason}")
            continue
        try:
            panel = cls()
        except Exception as exc:  # report it, go on with the other panels
            report.check(False, f"panel {name}: construction failed: {type(exc).__name__}: {exc}")
            continue
        moves = panel.demo_moves()
        if not moves:
            report.check(None, f"panel {name}: demo_moves() is empty, nothing to time")
            continue
        timing, errors = Timing(name), []
        for k in range(moves_n):
            move = moves[k % len(moves)]
            try:
                time_call(lambda: panel.update(**move), timing)
            except Exception as exc:
                errors.append(f"update({move}) raised {type(exc).__name__}: {exc}")
                break
            if getattr(panel, "last_error", None) is not None:
                errors.append(
                    f"update({move}) showed {type(panel.last_error).__name__}: {panel.last_error}"
                )
                break
        report.line(
            f"  {name:28s} {ms(timing.median):>6} [{ms(timing.p90)}] ({ms(timing.cpu_median)})  "
            f"{timing.n} moves"
        )
        arrows = arrow_steps(panel, moves_n)
        if arrows is not None:
            report.line(
                f"  {'':28s} {ms(arrows.median):>6} [{ms(arrows.p90)}] "
                f"({ms(arrows.cpu_median)})  {arrows.n} ArrowRight steps of its first slider"
            )
        if errors:
            report.check(False, f"panel {name}: {errors[0]}")
        else:
            report.check(
                timing.median * 1e3 <= TARGET_MS,
                f"panel {name}: median update {ms(timing.median)} ms <= {TARGET_MS:g} ms",
            )
        if callable(getattr(panel, "animation_frame", None)):
            animated.append((name, panel))
        else:
            _close(panel)
    if animated:
        report.line("")
        report.line(
            "  animation_frame(): one frame = train + redraw;"
            " wall ms median [p90], frames per second"
        )
    for name, panel in animated:
        timing, error = Timing(name), ""
        try:
            panel.reset()
            for _ in range(frames_n):
                time_call(panel.animation_frame, timing)
                if getattr(panel, "last_error", None) is not None:
                    error = f"{type(panel.last_error).__name__}: {panel.last_error}"
                    break
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
        fps = 1.0 / timing.median if timing.n else 0.0
        report.line(
            f"  {name:28s} {ms(timing.median):>6} [{ms(timing.p90)}]"
            f"  {fps:.1f} fps  {timing.n} frames"
        )
        if error:
            report.check(False, f"panel {name}: animation_frame failed: {error}")
        else:
            report.check(
                fps >= TARGET_FPS, f"panel {name}: animation {fps:.1f} fps >= {TARGET_FPS:g} fps"
            )
        _close(panel)


def arrow_steps(panel, n: int):
    """Time ``n`` moves of the panel's first slider one step at a time, each value
    set on the widget as the browser sets it (new values every move, as a held
    arrow key gives them, unlike the demo moves, which come back to values seen
    before). None when the panel has no slider."""
    slider = next((w for w in panel.controls.values() if _steps(w)), None)
    if slider is None:
        return None
    timing, up = Timing("arrows"), True
    for _ in range(n):
        if not slider.min < slider.value + (1 if up else -1) * slider.step < slider.max:
            up = not up  # at an end: turn round
        value = slider.value + (1 if up else -1) * slider.step
        time_call(lambda: setattr(slider, "value", value), timing)
    return timing


def _steps(widget) -> bool:
    """Whether ``widget`` is a slider moved by steps of a number."""
    return isinstance(getattr(widget, "step", None), (int, float)) and hasattr(widget, "max")


def _close(panel) -> None:
    fig = getattr(panel, "fig", None)
    if fig is not None:
        try:
            import matplotlib.pyplot as plt

            plt.close(fig)
        except Exception:
            pass
