r"""A fast in-place Adam update for large flat arrays (NumPy by default, optional C).

:func:`adam_update_` performs one step of Adam (Kingma & Ba, ICLR 2015, Algorithm 1,
defaults α = 10⁻³, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸) on arrays it overwrites:

.. math::

    m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t, \qquad
    v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2, \qquad
    w_t = w_{t-1} - \alpha\,\frac{m_t/(1-\beta_1^t)}{\sqrt{v_t/(1-\beta_2^t)} + \epsilon}.

It is the same update as the pure :func:`numerics.adam.step` with its default
(paper) conventions, written for speed. The last line is evaluated in the
algebraically identical form of the paper's §2 remark ("efficient version"), with
the scalars folded before the loop,

.. math::

    w_t = w_{t-1} - \hat\alpha_t\,\frac{m_t}{\sqrt{v_t} + \hat\epsilon_t}, \qquad
    \hat\alpha_t = \alpha\frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t}, \qquad
    \hat\epsilon_t = \epsilon\sqrt{1-\beta_2^t},

so ``m`` and ``v`` come out bit for bit as in the paper's order of operations and
the step differs from it by rounding only (a few units in the last place). Bias
corrections use :math:`1-\beta^t = -\operatorname{expm1}(t\log(1-d))` with
:math:`d = 1-\beta` (the package-wide convention for bias correction).

Why chunks: written as whole-array NumPy expressions, an Adam step makes about a
dozen passes over main memory and allocates temporaries the size of the parameters.
Here every ufunc writes into ``out=`` buffers and the arrays are walked in chunks
of ``chunk_bytes`` (default 256 KiB per array, 32 K float64 elements), so each
chunk is read from memory once and the twelve passes over it run in the L2 cache.
On the 2-core Xeon the project is measured on (``adaproof bench``) this brings pure
NumPy to about 2.5× the memory-bandwidth floor of the 7 words a step must move
(read w, g, m, v; write w, m, v).

``backend="c"`` runs the same operations in the same order in a small C loop
compiled with the system C compiler on first use (``gcc``/``cc`` or ``$CC``, with
``-O3 -ffp-contract=off`` so that no fused multiply-add changes the rounding) and
cached under ``$ADAPROOF_CACHE_DIR`` or ``~/.cache/adaproof``. It reaches the floor.
Without a working compiler it warns once (:class:`CompiledKernelUnavailable`) and
uses NumPy. Nothing is ever downloaded.

>>> import numpy as np
>>> w = np.array([1.0, -2.0]); g = np.array([0.5, -0.5])
>>> m = np.zeros(2); v = np.zeros(2)
>>> adam_update_(w, g, m, v, 1)
>>> (w - np.array([1.0, -2.0])).round(6).tolist()  # first step: about -α·sign(g)
[-0.001, 0.001]
>>> m.round(12).tolist(), v.round(12).tolist()
([0.05, -0.05], [0.00025, 0.00025])
"""

from __future__ import annotations

import ctypes
import hashlib
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import warnings
from pathlib import Path

import numpy as np

__all__ = [
    "BACKENDS",
    "CompiledKernelUnavailable",
    "adam_update_",
    "compiled_kernel",
    "compiled_reason",
    "triad_",
]

BACKENDS = ("numpy", "c")

#: bytes of each array handled per chunk: 5 arrays (w, g, m, v, scratch) × 256 KiB
#: stay inside a 2 MiB L2 cache; 16–64 K float64 elements measured best here.
DEFAULT_CHUNK_BYTES = 256 * 1024


class CompiledKernelUnavailable(RuntimeWarning):
    """The C kernel could not be built or loaded; the NumPy kernel is used instead."""


def _bias_correction(t: int, beta: float) -> float:
    r""":math:`1-\beta^t` computed as :math:`-\operatorname{expm1}(t\,\log1p(-(1-\beta)))`."""
    if beta == 0.0:  # log1p(-1) = -inf; beta^t = 0 for t >= 1
        return 1.0
    return -math.expm1(t * math.log1p(-(1.0 - beta)))


def _check(
    params: np.ndarray,
    grads: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float,
    beta1: float,
    beta2: float,
    eps: float,
) -> None:
    if isinstance(t, bool) or not isinstance(t, int | np.integer) or t < 1:
        raise ValueError(f"t must be an integer >= 1 (the step number), got {t!r}")
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a positive finite number, got {lr}")
    for name, b in (("beta1", beta1), ("beta2", beta2)):
        if not (0.0 <= b < 1.0):
            raise ValueError(f"{name} must be in [0, 1), got {b}")
    if not (math.isfinite(eps) and eps >= 0):
        raise ValueError(f"eps must be a finite number >= 0, got {eps}")
    arrays = {"params": params, "grads": grads, "m": m, "v": v}
    for name, a in arrays.items():
        if not isinstance(a, np.ndarray):
            raise TypeError(f"{name} must be a NumPy array, got {type(a).__name__}")
    dtype = params.dtype
    if dtype not in (np.float16, np.float32, np.float64):
        raise TypeError(f"params must be float16, float32 or float64, got {dtype}")
    for name, a in arrays.items():
        if a.shape != params.shape:
            raise ValueError(f"{name} has shape {a.shape}, params has {params.shape}")
        if a.dtype != dtype:
            raise TypeError(f"{name} has dtype {a.dtype}, params has {dtype}")
        if not a.flags.c_contiguous:
            raise ValueError(f"{name} must be C-contiguous (the update works on flat views)")
    for name in ("params", "m", "v"):
        if not arrays[name].flags.writeable:
            raise ValueError(f"{name} must be writeable (it is updated in place)")


def adam_update_(
    params: np.ndarray,
    grads: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    *,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    backend: str = "numpy",
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    flush_subnormals: bool = False,
) -> None:
    r"""One Adam step (paper Algorithm 1) in place on ``params``, ``m`` and ``v``.

    .. math::

        m \leftarrow \beta_1 m + (1-\beta_1) g,\quad
        v \leftarrow \beta_2 v + (1-\beta_2) g^2,\quad
        w \leftarrow w - \alpha\frac{m/(1-\beta_1^t)}{\sqrt{v/(1-\beta_2^t)}+\epsilon}

    Args:
        params: parameters :math:`w_{t-1}` (any shape, C-contiguous, float16/32/64);
            overwritten with :math:`w_t`.
        grads: gradients :math:`g_t`, same shape and dtype; not modified.
        m, v: first and second moment buffers :math:`m_{t-1}, v_{t-1}` (zeros at
            :math:`t = 1`); overwritten with :math:`m_t, v_t`.
        t: the step number :math:`t \ge 1` used by the bias corrections.
        lr: :math:`\alpha`. beta1, beta2: :math:`\beta_1, \beta_2`. eps: :math:`\epsilon`
            (added to :math:`\sqrt{\hat v_t}`, as in the paper and PyTorch).
        backend: ``"numpy"`` (default) or ``"c"`` (compiled on first use; falls back
            to NumPy with a :class:`CompiledKernelUnavailable` warning). float16
            always uses NumPy (and the default ε = 1e-8 underflows to 0 in float16).
        chunk_bytes: bytes of each array processed per chunk (NumPy backend).
        flush_subnormals: set entries of ``m`` and ``v`` whose magnitude is below the
            smallest normal number (2.2e-308 in float64, 1.2e-38 in float32) to zero.
            Off by default (the paper's recursion exactly). Runs that converge exactly
            (gradient 0) leave :math:`m_t \propto \beta_1^t` decaying into the subnormal
            range, where x86 arithmetic is many times slower; flushing changes ``m`` and
            ``v`` by less than that smallest normal and ``w`` not at all unless ``w`` is
            itself that small. The compiled backend does it with the CPU's
            flush-to-zero/denormals-are-zero modes during the call (x86; which also
            flush subnormal intermediates), the NumPy backend by masking after the update.

    Returns:
        None; the arrays are updated in place.

    Source: Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
    arXiv:1412.6980, Algorithm 1 and the efficiency remark of §2.
    """
    _check(params, grads, m, v, t, lr, beta1, beta2, eps)
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, got {backend!r}")
    bc1 = _bias_correction(int(t), beta1)
    root_bc2 = math.sqrt(_bias_correction(int(t), beta2))
    step = lr * root_bc2 / bc1
    eps_hat = eps * root_bc2
    w, g, mm, vv = (a.reshape(-1) for a in (params, grads, m, v))
    if backend == "c" and w.dtype != np.float16:
        lib = _compiled_or_warn()
        if lib is not None:
            fn = lib.adam_f64 if w.dtype == np.float64 else lib.adam_f32
            hardware_ftz = bool(flush_subnormals and lib.adaproof_have_ftz())
            fn(
                w.ctypes.data,
                g.ctypes.data,
                mm.ctypes.data,
                vv.ctypes.data,
                w.size,
                beta1,
                1.0 - beta1,
                beta2,
                1.0 - beta2,
                eps_hat,
                step,
                int(hardware_ftz),
            )
            if flush_subnormals and not hardware_ftz:
                _flush(mm, chunk_bytes)
                _flush(vv, chunk_bytes)
            return
    _adam_numpy(w, g, mm, vv, beta1, beta2, eps_hat, step, chunk_bytes, flush_subnormals)


def _flush(x: np.ndarray, chunk_bytes: int = DEFAULT_CHUNK_BYTES) -> None:
    """Set entries of ``x`` with magnitude below the smallest normal number to zero."""
    tiny = np.finfo(x.dtype).tiny
    chunk = max(1024, int(chunk_bytes) // x.itemsize)
    for s in range(0, x.size, chunk):
        xc = x[s : s + chunk]
        np.copyto(xc, 0, where=np.abs(xc) < tiny)


def _adam_numpy(
    w: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    beta1: float,
    beta2: float,
    eps_hat: float,
    step: float,
    chunk_bytes: int,
    flush: bool = False,
) -> None:
    n = w.size
    chunk = max(1024, int(chunk_bytes) // w.itemsize)
    scratch = np.empty(min(chunk, n), dtype=w.dtype)
    mask = np.empty(min(chunk, n), dtype=bool) if flush else scratch
    tiny = np.finfo(w.dtype).tiny
    # Python scalars take the arrays' dtype (NEP 50), exactly as the C kernel's arguments do
    c1, c2 = 1.0 - beta1, 1.0 - beta2
    mul, add, sub, div, sqrt = np.multiply, np.add, np.subtract, np.divide, np.sqrt
    for s in range(0, n, chunk):
        e = s + chunk
        tmp = scratch[: min(e, n) - s]
        gc, mc, vc, wc = g[s:e], m[s:e], v[s:e], w[s:e]
        mul(gc, c1, out=tmp)  # m = b1*m + (1-b1)*g
        mul(mc, beta1, out=mc)
        add(mc, tmp, out=mc)
        mul(gc, gc, out=tmp)  # v = b2*v + (1-b2)*g*g
        mul(tmp, c2, out=tmp)
        mul(vc, beta2, out=vc)
        add(vc, tmp, out=vc)
        sqrt(vc, out=tmp)  # w -= step * m / (sqrt(v) + eps_hat)
        add(tmp, eps_hat, out=tmp)
        div(mc, tmp, out=tmp)
        mul(tmp, step, out=tmp)
        sub(wc, tmp, out=wc)
        if flush:  # no subnormal left in m or v (v >= 0)
            msk = mask[: tmp.size]
            np.abs(mc, out=tmp)
            np.less(tmp, tiny, out=msk)
            np.copyto(mc, 0, where=msk)
            np.less(vc, tiny, out=msk)
            np.copyto(vc, 0, where=msk)


def triad_(a: np.ndarray, b: np.ndarray, s: float, *, backend: str = "numpy") -> None:
    r"""In-place :math:`a \leftarrow a + s\,b` over flat arrays (the memory-bandwidth probe).

    It moves 3 words per element (read a, read b, write a) and does almost no
    arithmetic, so its time measures memory bandwidth (McCalpin's STREAM triad,
    in-place form). The NumPy backend works in 256 KiB chunks through a scratch
    buffer so that the product ``s*b`` never becomes a full-size temporary.
    """
    if a.shape != b.shape or a.dtype != b.dtype or a.dtype not in (np.float32, np.float64):
        raise ValueError("a and b must be float32/float64 arrays of the same shape and dtype")
    if not (a.flags.c_contiguous and b.flags.c_contiguous):
        raise ValueError("a and b must be C-contiguous")
    fa, fb = a.reshape(-1), b.reshape(-1)
    if backend == "c":
        lib = _compiled_or_warn()
        if lib is not None:
            fn = lib.triad_f64 if a.dtype == np.float64 else lib.triad_f32
            fn(fa.ctypes.data, fb.ctypes.data, s, fa.size)
            return
    n = fa.size
    chunk = DEFAULT_CHUNK_BYTES // fa.itemsize
    scratch = np.empty(min(chunk, n), dtype=fa.dtype)
    for i in range(0, n, chunk):
        e = i + chunk
        tmp = scratch[: min(e, n) - i]
        np.multiply(fb[i:e], s, out=tmp)
        np.add(fa[i:e], tmp, out=fa[i:e])


# --------------------------------------------------------------------------- compiled path

_C_SOURCE = r"""
/* adaproof numerics/kernels.py: Adam (Kingma & Ba 2015, Algorithm 1, efficient form)
   and the in-place triad, in the same order of operations as the NumPy kernel.
   ftz != 0 sets the x86 flush-to-zero and denormals-are-zero modes (MXCSR bits 15, 6)
   for the duration of the call only; adaproof_have_ftz() says whether that exists. */
#include <math.h>
#include <stddef.h>
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define HAVE_FTZ 1
#define FTZ_ON(ftz) unsigned int csr_ = _mm_getcsr(); if (ftz) _mm_setcsr(csr_ | 0x8040u);
#define FTZ_OFF(ftz) if (ftz) _mm_setcsr(csr_);
#else
#define HAVE_FTZ 0
#define FTZ_ON(ftz)
#define FTZ_OFF(ftz)
#endif
int adaproof_have_ftz(void) { return HAVE_FTZ; }
#define ADAM(NAME, T, SQRT)                                                         \
void NAME(T *restrict w, const T *restrict g, T *restrict m, T *restrict v,         \
          size_t n, T b1, T c1, T b2, T c2, T eps_hat, T step, int ftz) {           \
    FTZ_ON(ftz)                                                                     \
    for (size_t i = 0; i < n; i++) {                                                \
        T gi = g[i];                                                                \
        T mi = m[i] * b1 + gi * c1;                                                 \
        T vi = v[i] * b2 + (gi * gi) * c2;                                          \
        m[i] = mi;                                                                  \
        v[i] = vi;                                                                  \
        w[i] = w[i] - (mi / (SQRT(vi) + eps_hat)) * step;                           \
    }                                                                               \
    FTZ_OFF(ftz)                                                                    \
}
#define TRIAD(NAME, T)                                                              \
void NAME(T *restrict a, const T *restrict b, T s, size_t n) {                      \
    for (size_t i = 0; i < n; i++) a[i] = a[i] + b[i] * s;                          \
}
ADAM(adam_f64, double, sqrt)
ADAM(adam_f32, float, sqrtf)
TRIAD(triad_f64, double)
TRIAD(triad_f32, float)
"""

# -ffp-contract=off: no FMA, so rounding matches NumPy's separate ufuncs;
# -fno-math-errno lets sqrt vectorize (it sets no errno; the IEEE result is unchanged).
_CFLAGS = ("-O3", "-ffp-contract=off", "-fno-math-errno", "-fPIC", "-shared")

_lock = threading.Lock()
_state: dict[str, object] = {}


def _compiler() -> str | None:
    cc = os.environ.get("CC")
    if cc:
        return shutil.which(cc)
    return shutil.which("gcc") or shutil.which("cc")


def _cache_dir() -> Path:
    base = os.environ.get("ADAPROOF_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "adaproof"


def _build() -> ctypes.CDLL:
    cc = _compiler()
    if cc is None:
        raise OSError("no C compiler found (looked for $CC, gcc, cc on PATH)")
    try:
        version = subprocess.run(
            [cc, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.splitlines()[:1]
    except (OSError, subprocess.SubprocessError) as exc:
        raise OSError(f"cannot run the C compiler {cc}: {exc}") from exc
    key = hashlib.sha256(
        "\n".join([_C_SOURCE, *_CFLAGS, cc, *version, platform.machine(), sys.platform]).encode()
    ).hexdigest()[:16]
    suffix = ".dll" if sys.platform == "win32" else ".so"
    directory = _cache_dir() / "kernels"
    target = directory / f"adam_{key}{suffix}"
    if not target.exists():
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=directory) as tmp:
            src = Path(tmp) / "adam.c"
            src.write_text(_C_SOURCE)
            out = Path(tmp) / f"adam{suffix}"
            try:
                proc = subprocess.run(
                    [cc, *_CFLAGS, str(src), "-o", str(out), "-lm"],
                    capture_output=True,
                    text=True,
                    timeout=120,
                    check=False,
                )
            except (OSError, subprocess.SubprocessError) as exc:
                raise OSError(f"the C compiler {cc} failed to run: {exc}") from exc
            if proc.returncode != 0:
                first = (proc.stderr.strip().splitlines() or ["(no message)"])[0]
                raise OSError(f"{cc} failed (exit {proc.returncode}): {first}")
            os.replace(out, target)  # atomic: concurrent builders agree on one file
    lib = ctypes.CDLL(str(target))
    ptr, size = ctypes.c_void_p, ctypes.c_size_t
    for name, real in (("f64", ctypes.c_double), ("f32", ctypes.c_float)):
        adam = getattr(lib, f"adam_{name}")
        adam.argtypes = [ptr, ptr, ptr, ptr, size, real, real, real, real, real, real, ctypes.c_int]
        adam.restype = None
        triad = getattr(lib, f"triad_{name}")
        triad.argtypes = [ptr, ptr, real, size]
        triad.restype = None
    lib.adaproof_have_ftz.argtypes = []
    lib.adaproof_have_ftz.restype = ctypes.c_int
    lib._adaproof_path = str(target)  # type: ignore[attr-defined]
    return lib


def compiled_kernel() -> ctypes.CDLL | None:
    """The compiled kernel library, built on first call; ``None`` if it cannot be built.

    The reason for ``None`` is given by :func:`compiled_reason`.
    """
    with _lock:
        if "lib" not in _state:
            try:
                _state["lib"] = _build()
                _state["reason"] = ""
            except OSError as exc:
                _state["lib"] = None
                _state["reason"] = str(exc)
        return _state["lib"]  # type: ignore[return-value]


def compiled_reason() -> str:
    """Why the compiled kernel is unavailable ("" when it is available)."""
    compiled_kernel()
    return str(_state.get("reason", ""))


def _compiled_or_warn() -> ctypes.CDLL | None:
    lib = compiled_kernel()
    if lib is None and not _state.get("warned"):
        _state["warned"] = True
        warnings.warn(
            f"compiled Adam kernel unavailable ({_state['reason']}); using the NumPy kernel",
            CompiledKernelUnavailable,
            stacklevel=3,
        )
    return lib


def _reset_compiled() -> None:
    """Forget the loaded kernel and any earlier failure (tests use this)."""
    with _lock:
        _state.clear()
