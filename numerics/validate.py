r"""Checks at the door, and the casting that keeps every run in the parameters' dtype.

Every optimizer in :mod:`numerics` takes its hyperparameters as keyword arguments
that may be Python numbers or arrays broadcasting against the parameters (a grid
of learning rates × seeds × starting points is one call). :func:`resolve` merges
them with the defaults, refuses unknown names, checks each value with a sentence a
user can act on (``ValueError("beta2 must be in [0, 1), got 1.5")``) and casts every
numeric hyperparameter to the parameters' dtype, so a float16 run stays float16:
under NumPy 2's promotion rules a ``np.float64`` scalar would silently upcast it.

Every β-like hyperparameter (checked by :func:`unit_interval`) also gets its complement
``h["1-" + name]`` :math:`= \operatorname{fl}(1-\beta)`: formed in float64 from the value as
given and rounded *once* to the parameters' dtype, as PyTorch does (Python floats). Forming
it in float32 after rounding β would be wrong by up to half an ulp of β divided by 1 − β:
for β₂ = 0.999, :math:`1-\operatorname{fl}_{32}(0.999)` is :math:`1.29\times10^{-5}`
relatively too small, a bias every :math:`v_t` inherits; rounding the float64 complement
errs by at most :math:`2^{-24}\approx 6\times10^{-8}`. In float64 both are the same
number, so float64 runs are unchanged to the last bit.

>>> import numpy as np
>>> h = resolve({"lr": 0.1, "beta": 0.9}, {"beta": 0.5}, np.zeros(3, np.float16),
...             checks={"lr": positive, "beta": unit_interval})
>>> h["beta"].dtype, float(h["beta"])
(dtype('float16'), 0.5)
>>> h32 = resolve({"beta2": 0.999}, {}, np.zeros(1, np.float32), checks={"beta2": unit_interval})
>>> h32["1-beta2"].dtype, float(h32["1-beta2"]) == float(np.float32(0.001))
(dtype('float32'), True)
>>> float(np.float32(1) - h32["beta2"]) == float(np.float32(0.001))  # the float32 way: biased
False
>>> resolve({"beta": 0.9}, {"beta": 1.5}, np.zeros(2), checks={"beta": unit_interval})
Traceback (most recent call last):
    ...
ValueError: beta must be in [0, 1), got 1.5
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np

Check = Callable[[str, Any], None]


def _first_bad(value: Any, ok: np.ndarray) -> Any:
    arr = np.asarray(value)
    if arr.ndim == 0:
        return arr.item()
    return arr[~ok].flat[0].item()


def _numeric(name: str, value: Any) -> np.ndarray:
    if isinstance(value, bool | np.bool_) or isinstance(value, str):
        raise ValueError(f"{name} must be a number or an array of numbers, got {value!r}")
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"{name} must be a number or an array of numbers, got {value!r}")
    return arr


def unit_interval(name: str, value: Any) -> None:
    """β-like: every element in :math:`[0, 1)`."""
    arr = _numeric(name, value)
    ok = (arr >= 0) & (arr < 1)
    if not np.all(ok):
        raise ValueError(f"{name} must be in [0, 1), got {_first_bad(value, ok)}")


def positive(name: str, value: Any) -> None:
    """Learning-rate-like: every element finite and :math:`> 0`."""
    arr = _numeric(name, value)
    ok = (arr > 0) & np.isfinite(arr)
    if not np.all(ok):
        raise ValueError(f"{name} must be positive and finite, got {_first_bad(value, ok)}")


def nonnegative(name: str, value: Any) -> None:
    """ε-like: every element finite and :math:`\\ge 0`."""
    arr = _numeric(name, value)
    ok = (arr >= 0) & np.isfinite(arr)
    if not np.all(ok):
        raise ValueError(f"{name} must be >= 0 and finite, got {_first_bad(value, ok)}")


def finite(name: str, value: Any) -> None:
    """Any finite number."""
    arr = _numeric(name, value)
    ok = np.isfinite(arr)
    if not np.all(ok):
        raise ValueError(f"{name} must be finite, got {_first_bad(value, ok)}")


def flag(name: str, value: Any) -> None:
    """A boolean option."""
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name} must be True or False, got {value!r}")


def choice(*options: str) -> Check:
    """A named convention: one of ``options``."""

    def check(name: str, value: Any) -> None:
        if value not in options:
            raise ValueError(f"{name} must be one of {options}, got {value!r}")

    check.options = options  # type: ignore[attr-defined]
    return check


def as_params(params: Any) -> np.ndarray:
    """Parameters as a floating array (integers become float64; float16/32/64 are kept)."""
    p = np.asarray(params)
    if p.dtype.kind == "f":
        return p
    if p.dtype.kind in "iub":
        return p.astype(np.float64)
    raise ValueError(f"params must be a real floating array, got dtype {p.dtype}")


def as_grads(params: np.ndarray, grads: Any, *, check_finite: bool = True) -> np.ndarray:
    """``grads`` checked against ``params`` (same shape, finite) and cast to their dtype."""
    g = np.asarray(grads)
    if g.shape != params.shape:
        raise ValueError(f"grads must have the shape of params {params.shape}, got {g.shape}")
    if g.dtype.kind not in "iuf":
        raise ValueError(f"grads must be a real array, got dtype {g.dtype}")
    if g.dtype != params.dtype:
        g = g.astype(params.dtype)
    # one pass, no temporary: a sum (accumulated in float64) of finite values is finite
    # unless it overflows, and only then is the elementwise check needed
    if check_finite and not _all_finite(g):
        bad = np.argwhere(~np.isfinite(g))[0]
        raise ValueError(
            f"grads must be finite, got {g[tuple(bad)]} at index {tuple(int(i) for i in bad)}"
        )
    return g


def _all_finite(a: np.ndarray) -> bool:
    if np.isfinite(np.add.reduce(a, axis=None, dtype=np.float64)):  # np.sum, without its wrapper
        return True
    return bool(np.all(np.isfinite(a)))


def count(name: str, value: Any) -> None:
    """A positive integer (number of steps, samples)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")


def scalar(name: str, value: Any) -> None:
    """A single real number (not an array, not a string, not a bool)."""
    _numeric(name, value)
    if np.ndim(value) != 0:
        raise ValueError(f"{name} must be a single number, got an array of shape {np.shape(value)}")


def seed(name: str, value: Any) -> None:
    """A seed for :class:`numpy.random.SeedSequence`: a non-negative integer."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")


def gaussian_ema_range(mu: float, sigma: float, beta: float, beta2: float, block: int) -> None:
    r"""Refuse :math:`\mathcal N(\mu, \sigma^2)` gradients whose EMA power sums overflow float64.

    The fourth power sums of :math:`\tilde v_t = \sum \beta_2^k g^2 \le (|\mu| + 10\sigma)^2
    /(1-\beta_2)` over ``block`` samples must stay finite (and likewise for :math:`\tilde m_t`);
    otherwise the means would come back as inf without a word. Worked in logarithms. The
    variances lose about :math:`10^{-16}(\mu/\sigma)^2` relative to cancellation, so
    :math:`|\mu| \le 10^6\sigma` is required too (:math:`\sigma = 0` allows only
    :math:`\mu = 0`).
    """
    import math

    big = abs(float(mu)) + 10.0 * float(sigma)
    if big == 0.0:
        return
    limit = (math.log10(float(np.finfo(np.float64).max)) - math.log10(8.0 * block)) / 4
    for name, b, power in (("beta", beta, 1), ("beta2", beta2, 2)):
        size = power * math.log10(big) - math.log10(1.0 - float(b))
        if size >= limit:
            raise ValueError(
                f"mu = {float(mu):g} with sigma = {float(sigma):g} is too large: the power sums "
                f"of the EMA with {name} = {float(b):g} overflow float64 "
                f"((|mu| + 10 sigma)^{power} / (1 - {name}) must stay below 1e{limit:.0f}, "
                f"got 1e{size:.0f})"
            )
    if abs(float(mu)) > 1e6 * float(sigma):
        raise ValueError(
            f"mu = {float(mu):g} with sigma = {float(sigma):g}: |mu| must be at most 1e6 * sigma "
            "(the variances come from raw power sums and would lose their digits to cancellation)"
        )


def finite_params(params: np.ndarray) -> np.ndarray:
    """``params`` if every element is finite, else a ValueError naming the first bad one."""
    if not _all_finite(params):
        bad = np.argwhere(~np.isfinite(params))[0]
        raise ValueError(
            f"params must be finite, got {params[tuple(bad)]} at index {tuple(int(i) for i in bad)}"
        )
    return params


def check_state(state: Any, cls: type, params: np.ndarray, module: str) -> None:
    """``state`` is a ``cls`` whose arrays have the shape of ``params`` (else a ValueError)."""
    hint = f"pass the state from {module}.init(params) or from the previous {module}.step"
    if not isinstance(state, cls):
        raise ValueError(f"state must be a {module}.State, got {type(state).__name__}; {hint}")
    count_ = state.count
    if isinstance(count_, bool) or not isinstance(count_, int | np.integer) or count_ < 0:
        raise ValueError(f"state.count must be a non-negative integer, got {count_!r}; {hint}")
    for field in state._fields:
        arr = getattr(state, field)
        if isinstance(arr, np.ndarray) and arr.shape != params.shape:
            raise ValueError(
                f"state.{field} has shape {arr.shape} but params have shape {params.shape}; {hint}"
            )


def _describe_dtype(dtype: np.dtype) -> str:
    return np.dtype(dtype).name


def _in_dtype(name: str, check: Check | None, value: Any, arr: np.ndarray) -> None:
    """Refuse a hyperparameter whose value changes meaning when rounded to the run's dtype.

    Checked after the cast, on the numbers the arithmetic uses: a positive value that
    becomes 0 (``lr = 1e-8`` in float16), a non-zero ε-like value that becomes 0 (``eps =
    1e-8`` in float16, which turns a zero gradient into 0/0 = NaN), a finite value that
    becomes ±inf, a β-like value that rounds up to 1 (``beta2 = 0.9999`` in float16).
    """
    if arr.dtype == np.float64 or check is None:
        return
    dt = _describe_dtype(arr.dtype)
    info = np.finfo(arr.dtype)
    orig = np.asarray(value, dtype=np.float64)

    def first(mask: np.ndarray) -> tuple[float, float]:
        i = np.argwhere(np.broadcast_to(mask, arr.shape))[0] if arr.ndim else ()
        return (
            float(np.broadcast_to(orig, arr.shape)[tuple(i)]),
            float(np.broadcast_to(arr, arr.shape)[tuple(i)]),
        )

    if check in (positive, nonnegative, finite):
        over = np.isinf(arr)
        if np.any(over):
            given, got = first(over)
            raise ValueError(
                f"{name} = {given:g} becomes {got} in {dt} (largest {dt} is {float(info.max):g});"
                f" use float32/float64 parameters or a smaller {name}"
            )
    if check in (positive, nonnegative):
        lost = (arr == 0) & (orig != 0)
        if np.any(lost):
            given, _ = first(lost)
            tiny = float(info.smallest_subnormal)
            raise ValueError(
                f"{name} = {given:g} becomes 0 in {dt} (smallest positive {dt} is {tiny:.3g}); "
                f"use {name} >= {tiny:.3g} or float32/float64 parameters"
            )
    if check is unit_interval:
        one = arr >= 1
        if np.any(one):
            given, got = first(one)
            below = float(np.nextafter(np.asarray(1, arr.dtype), np.asarray(0, arr.dtype)))
            raise ValueError(
                f"{name} = {given:g} becomes {got} in {dt} (the largest {dt} below 1 is "
                f"{below:.6g}); use {name} <= {below:.6g} or float32/float64 parameters"
            )


def resolve(
    defaults: Mapping[str, Any],
    given: Mapping[str, Any],
    params: np.ndarray,
    *,
    checks: Mapping[str, Check],
) -> dict[str, Any]:
    """Merge ``given`` into ``defaults``, check every value, cast numbers to ``params.dtype``.

    Numeric hyperparameters must broadcast against ``params`` without enlarging it
    (the batch is the parameters' leading axes); options (strings, booleans) pass
    through unchanged. For each β-like name (check :func:`unit_interval`) the result also
    holds ``"1-" + name``, :math:`1-\beta` formed in float64 and rounded once to
    ``params.dtype`` (module docstring).
    """
    return _resolve(defaults, given, params, checks=checks, memo=_RESOLVED.get())


#: each hyperparameter of a run resolved once, while :func:`same_hyperparameters` is active
_RESOLVED: contextvars.ContextVar[dict | None] = contextvars.ContextVar("_RESOLVED", default=None)


@contextlib.contextmanager
def same_hyperparameters() -> Iterator[None]:
    """Within the block, :func:`resolve` checks and casts each hyperparameter value once.

    For a loop that passes the *same* value objects at every step (``run.feed``,
    ``run.minimize``): the key is the name and the identity of the value (the memo keeps
    the value alive, so the identity cannot be reused), the check and the parameters'
    dtype and shape; a value replaced between steps (a learning-rate schedule) is checked
    again, the others are not. The results are those of the unmemoised calls; about 60%
    of a small-batch step was spent re-checking.
    """
    token = _RESOLVED.set({})
    try:
        yield
    finally:
        _RESOLVED.reset(token)


def _resolve(
    defaults: Mapping[str, Any],
    given: Mapping[str, Any],
    params: np.ndarray,
    *,
    checks: Mapping[str, Check],
    memo: dict | None = None,
) -> dict[str, Any]:
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise TypeError(f"unknown hyperparameter(s) {unknown}; known: {sorted(defaults)}")
    out: dict[str, Any] = {**defaults, **given}
    complements: dict[str, np.ndarray] = {}
    for name, value in out.items():
        check = checks.get(name)
        key = None
        if memo is not None:
            key = (name, id(value), id(check), params.dtype, params.shape)
            hit = memo.get(key)
            if hit is not None:
                out[name] = hit[0]
                if hit[1] is not None:
                    complements["1-" + name] = hit[1]
                continue
            if len(memo) >= 256:  # values replaced at every step (a schedule)
                memo.clear()
        if check is not None:
            check(name, value)
        if isinstance(value, str | bool | np.bool_) or value is None:
            if key is not None:
                memo[key] = (value, None, value)
            continue
        with np.errstate(over="ignore"):
            arr = np.asarray(value, dtype=params.dtype)
        _in_dtype(name, check, value, arr)
        if arr.ndim:
            try:
                shape = np.broadcast_shapes(arr.shape, params.shape)
            except ValueError:
                shape = None
            if shape != params.shape:
                raise ValueError(
                    f"{name} of shape {arr.shape} must broadcast against params of shape "
                    f"{params.shape} without enlarging it"
                )
        out[name] = arr
        if check is unit_interval:
            wide = np.asarray(value, dtype=np.float64)
            complements["1-" + name] = np.asarray(1.0 - wide, dtype=params.dtype)
        if key is not None:  # the value itself is kept too: its id stays unique
            memo[key] = (arr, complements.get("1-" + name), value)
    out.update(complements)
    return out


def prepare(
    params: Any,
    grads: Any,
    hyper: Mapping[str, Any],
    defaults: Mapping[str, Any],
    *,
    checks: Mapping[str, Check],
) -> tuple[np.ndarray, np.ndarray, dict[str, Any], np.ndarray]:
    r"""The opening every optimizer's ``step`` shares: ``(x, g, h, one)``.

    ``x`` = :func:`as_params` (``params``), ``g`` = :func:`as_grads` (``grads``), ``h`` =
    :func:`resolve` (``hyper`` over ``defaults``; β-like complements are ``h["1-beta"]``, rounded
    once), ``one`` = 1 in the parameters' dtype (so that ``one - lr * wd`` stays in it), and L2
    weight decay λ = ``h["weight_decay"]`` folded into the gradient,

    .. math:: g_t \leftarrow g_t + \lambda x_{t-1},

    skipped when λ = 0 everywhere (g is then returned untouched) and when ``weight_decay_mode``
    is given and is not ``"l2"``: decoupled decay (Loshchilov & Hutter, ICLR 2019) acts on x
    and is left to the optimizer (:mod:`numerics.adam`).

    >>> x, g, h, one = prepare([1.0, 2.0], [0.5, 0.5], {"weight_decay": 0.5},
    ...                        {"lr": 0.1, "weight_decay": 0.0}, checks={"lr": positive})
    >>> g.tolist(), one.dtype
    ([1.0, 1.5], dtype('float64'))
    """
    p = finite_params(as_params(params))
    g = as_grads(p, grads)
    h = resolve(defaults, hyper, p, checks=checks)
    if h.get("weight_decay_mode", "l2") == "l2" and np.any(h["weight_decay"]):
        g = g + h["weight_decay"] * p
    return p, g, h, np.asarray(1, dtype=p.dtype)


__all__ = [
    "as_grads",
    "as_params",
    "check_state",
    "choice",
    "count",
    "finite",
    "finite_params",
    "flag",
    "gaussian_ema_range",
    "nonnegative",
    "positive",
    "prepare",
    "resolve",
    "scalar",
    "seed",
    "unit_interval",
]
