"""Parity with ``torch.optim`` (the oracle most users trust) and with the papers (mpmath).

Ours configured in PyTorch's conventions runs the same random gradient stream as
``torch.optim`` (single-tensor path, ``foreach=False``, one thread) for 150 steps in float64;
the largest relative difference of the iterates must be <= 1e-12. float64 rounds each
operation to 1.1e-16 relative; ~10 operations per step over 150 steps, with the error
carried by the iterate, stay far below 1e-12, while a wrong convention (ε placement, bias
correction, max of raw vs corrected v, dampening) shows up at 1e-6 or more.

Where PyTorch departs from the paper (AMSGrad's bias correction, AdaMax's ε inside the max,
Adadelta's learning rate, NAdam's moment decay), ours in paper mode is compared with an
mpmath run of the paper's algorithm at 50 digits (:mod:`numerics.oracle`).
"""

import numpy as np
import pytest
from adaproof.numerics import oracle
from adaproof.numerics.registry import OPTIMIZERS

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.oracle

T, N = 150, 6
TOL = 1e-12


def _same(cid: str, cls: str, name: str, kw: dict) -> tuple[str, str, dict, str, dict]:
    """A row whose torch kwargs and our hyperparameters are the same keywords and values."""
    return cid, cls, kw, name, dict(kw)


# (id, torch class name, torch kwargs, our name, our hyperparameters)
CASES = [
    _same("adam", "Adam", "adam", {"lr": 1e-2}),
    _same("adam-l2", "Adam", "adam", {"lr": 1e-2, "weight_decay": 0.1}),
    _same("adamw", "AdamW", "adamw", {"lr": 1e-2, "weight_decay": 0.1}),
    (
        "adam-amsgrad",
        "Adam",
        {"lr": 1e-2, "amsgrad": True},
        "adam",
        {"lr": 1e-2, "amsgrad": True, "amsgrad_max": "raw"},
    ),
    _same(
        "adagrad",
        "Adagrad",
        "adagrad",
        {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.5},
    ),
    _same("adagrad-default", "Adagrad", "adagrad", {"lr": 0.1}),
    ("rmsprop", "RMSprop", {"lr": 1e-2}, "rmsprop", {"lr": 1e-2, "rho": 0.99}),
    (
        "rmsprop-centered",
        "RMSprop",
        {"lr": 1e-2, "alpha": 0.9, "centered": True},
        "rmsprop",
        {"lr": 1e-2, "rho": 0.9, "centered": True},
    ),
    (
        "rmsprop-momentum",
        "RMSprop",
        {"lr": 1e-3, "momentum": 0.9},
        "rmsprop",
        {"lr": 1e-3, "rho": 0.99, "momentum": 0.9},
    ),
    (
        "rmsprop-centered-momentum",
        "RMSprop",
        {"lr": 1e-3, "alpha": 0.95, "momentum": 0.5, "centered": True, "eps": 1e-6},
        "rmsprop",
        {"lr": 1e-3, "rho": 0.95, "momentum": 0.5, "centered": True, "eps": 1e-6},
    ),
    ("adadelta", "Adadelta", {}, "adadelta", {"rho": 0.9}),
    _same("adadelta-lr", "Adadelta", "adadelta", {"lr": 0.5, "rho": 0.95, "eps": 1e-5}),
    ("adamax", "Adamax", {}, "adamax", {"eps": 1e-8}),
    _same("nadam", "NAdam", "nadam", {}),
    _same("nadam-l2", "NAdam", "nadam", {"weight_decay": 0.05}),
    _same("sgd", "SGD", "sgd", {"lr": 0.05}),
    ("sgd-momentum", "SGD", {"lr": 0.01, "momentum": 0.9}, "momentum", {"lr": 0.01}),
    (
        "sgd-nesterov",
        "SGD",
        {"lr": 0.01, "momentum": 0.9, "nesterov": True},
        "nesterov",
        {"lr": 0.01},
    ),
    _same("sgd-momentum-l2", "SGD", "momentum", {"lr": 0.01, "momentum": 0.5, "weight_decay": 0.2}),
]


@pytest.fixture(scope="module", autouse=True)
def _torch_settings():
    """One thread; default dtype float64, because PyTorch keeps optimizer scalars such as
    NAdam's ``mu_product`` in float32 otherwise (``_get_scalar_dtype``), which alone moves
    NAdam's float64 iterates by ~2e-11 relative."""
    threads, dtype = torch.get_num_threads(), torch.get_default_dtype()
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_num_threads(threads)
    torch.set_default_dtype(dtype)


def _stream(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    # gradients of mixed scale (1e-3 to 10) with a drift, and starts away from 0; the noise
    # is scaled with the drift so that centered RMSprop's v - g_avg^2 is well conditioned
    # (when it cancels to ~1e-5 relative, any two roundings differ by ~1e-11)
    scale = np.array([1.0, 1e-3, 10.0, 1.0, 0.1, 1.0])
    g = (rng.standard_normal((T, N)) + rng.normal(0.3, 0.1, N)) * scale
    return g, rng.uniform(2.0, 3.0, N)


def _torch_run(cls: str, kw: dict, g: np.ndarray, x0: np.ndarray) -> np.ndarray:
    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, cls)([p], **kw, foreach=False)
    out = [x0.copy()]
    for gt in g:
        p.grad = torch.tensor(gt, dtype=torch.float64)
        opt.step()
        out.append(p.detach().numpy().copy())
    return np.array(out)


def _ours(name: str, hyper: dict, g: np.ndarray, x0: np.ndarray) -> np.ndarray:
    opt = OPTIMIZERS[name]
    x, s = x0.copy(), opt.init(x0, **hyper)
    out = [x]
    for gt in g:
        x, s = opt.step(x, gt, s, **hyper)
        out.append(x)
    return np.array(out)


def _rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b) / np.abs(b)))


MEASURED: dict[str, float] = {}


@pytest.mark.parametrize(("cid", "cls", "tkw", "name", "hyper"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("seed", [0, 1])
def test_matches_torch(cid, cls, tkw, name, hyper, seed):
    g, x0 = _stream(seed)
    ref = _torch_run(cls, tkw, g, x0)
    ours = _ours(name, hyper, g, x0)
    assert np.all(np.abs(ref[-1] - x0) > 1e-6), "the run must move to be a test"
    rel = _rel(ours, ref)
    MEASURED[f"{cid}/{seed}"] = rel
    assert rel <= TOL, f"{cid}: max relative difference {rel:.3g} > {TOL}"


# conventions where a wrong choice must be caught by the same tolerance
WRONG = [
    (
        "amsgrad max of corrected v",
        "Adam",
        {"lr": 1e-2, "amsgrad": True},
        "adam",
        {"lr": 1e-2, "amsgrad": True, "amsgrad_max": "corrected"},
    ),
    (
        "adam eps inside the root",
        "Adam",
        {"lr": 1e-2, "eps": 1e-3},
        "adam",
        {"lr": 1e-2, "eps": 0.0, "eps_root": 1e-3},
    ),
    (
        "adam efficient form",
        "Adam",
        {"lr": 1e-2, "eps": 1e-3},
        "adam",
        {"lr": 1e-2, "eps": 1e-3, "eps_on": "v"},
    ),
    _same("adamw as L2", "AdamW", "adam", {"lr": 1e-2, "weight_decay": 0.1}),
    (
        "adagrad eps inside",
        "Adagrad",
        {"lr": 0.1, "eps": 1e-4},
        "adagrad",
        {"lr": 0.1, "eps": 1e-4, "eps_placement": "inside"},
    ),
    ("adamax paper eps", "Adamax", {"eps": 1e-3}, "adamax", {"eps": 1e-3, "eps_on": "denominator"}),
    ("nadam schedule in m", "NAdam", {}, "nadam", {"m_decay": "schedule"}),
    (
        "sgd dampening first step",
        "SGD",
        {"lr": 0.01, "momentum": 0.9, "dampening": 0.5},
        "momentum",
        {"lr": 0.01, "dampening": 0.5},
    ),
]


@pytest.mark.parametrize(("what", "cls", "tkw", "name", "hyper"), WRONG, ids=[w[0] for w in WRONG])
def test_a_different_convention_is_detected(what, cls, tkw, name, hyper):
    g, x0 = _stream(0)
    rel = _rel(_ours(name, hyper, g, x0), _torch_run(cls, tkw, g, x0))
    assert rel > 1e-9, f"{what}: indistinguishable ({rel:.3g})"


# ours in paper mode against the papers' algorithms at 50 digits
PAPER = [
    ("adam", {"lr": 1e-2}, "adam", {"lr": 1e-2}),
    ("adagrad", {"lr": 0.1}, "adagrad", {"lr": 0.1}),
    ("rmsprop", {"lr": 1e-2, "rho": 0.9}, "rmsprop", {"lr": 1e-2, "rho": 0.9}),
    ("adadelta", {}, "adadelta", {}),
    ("adamax", {}, "adamax", {}),
    ("amsgrad", {"lr": 1e-2, "eps": 0.0}, "amsgrad", {"lr": 1e-2}),
    ("nadam", {}, "nadam", {}),
    ("nadam", {"m_decay": "schedule"}, "nadam", {"m_decay": "schedule"}),
]


@pytest.mark.parametrize(
    ("name", "ours_kw", "paper", "paper_kw"),
    PAPER,
    ids=[f"{p[0]}-{i}" for i, p in enumerate(PAPER)],
)
def test_paper_mode_matches_mpmath(name, ours_kw, paper, paper_kw):
    g, x0 = _stream(2)
    g = g[:100]
    ref = oracle.run(paper, g, x0=x0, **paper_kw)
    ours = _ours(name, ours_kw, g, x0)
    rel = _rel(ours, ref)
    MEASURED[f"paper:{name}:{ours_kw}"] = rel
    assert rel <= TOL, f"{name}: {rel:.3g}"


def test_amsgrad_paper_differs_from_torch():
    """PyTorch's amsgrad bias-corrects; Reddi et al.'s Algorithm 2 does not."""
    g, x0 = _stream(3)
    paper = oracle.run("amsgrad", g, x0=x0, lr=1e-2)
    t = _torch_run("Adam", {"lr": 1e-2, "amsgrad": True, "eps": 0.0}, g, x0)
    assert _rel(t, paper) > 1e-6


def test_report_measured(capsys):
    """Prints the largest relative differences seen (run with -s to read them)."""
    if MEASURED:
        with capsys.disabled():
            worst = max(MEASURED.items(), key=lambda kv: kv[1])
            print(f"\nparity: {len(MEASURED)} comparisons, worst {worst[0]} = {worst[1]:.3g}")
