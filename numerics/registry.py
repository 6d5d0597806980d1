"""The optimizers by name: ``OPTIMIZERS["adam"].step(params, grads, state, lr=...)``.

Each entry binds a module's pure ``init``/``step`` to a preset of its hyperparameters;
``defaults`` is the full dict an entry runs with (module defaults, then the preset).
Presets name well-known variants:

========== ============== =====================================================
name       module         preset
========== ============== =====================================================
sgd        sgd            plain SGD
momentum   sgd            heavy ball, μ = 0.9
nesterov   sgd            Nesterov, μ = 0.9
adagrad    adagrad        Duchi et al. 2011
rmsprop    rmsprop        Tieleman & Hinton 2012, ρ = 0.9
adadelta   adadelta       Zeiler 2012, ρ = 0.95, ε = 1e-6
adam       adam           Kingma & Ba 2015, Algorithm 1
adamw      adam           decoupled decay λ = 1e-2 times lr (PyTorch ``AdamW``)
amsgrad    adam           Reddi et al. 2018, Algorithm 2: max of raw v, no bias correction
adamax     adamax         Kingma & Ba 2015, Algorithm 2 (no ε)
nadam      nadam          Dozat 2016 as in PyTorch
========== ============== =====================================================

>>> sorted(OPTIMIZERS)[:3]
['adadelta', 'adagrad', 'adam']
>>> OPTIMIZERS["adamw"].defaults["weight_decay_mode"]
'decoupled'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np
from adaproof.numerics import adadelta, adagrad, adam, adamax, nadam, rmsprop, sgd


@dataclass(frozen=True)
class Optimizer:
    """A named optimizer: ``init``, ``step`` and ``describe`` with ``defaults`` applied."""

    name: str
    module: ModuleType
    preset: dict[str, Any] = field(default_factory=dict)

    @property
    def defaults(self) -> dict[str, Any]:
        return {**self.module.DEFAULTS, **self.preset}

    @property
    def State(self) -> type:
        return self.module.State

    def init(self, params: Any, **hyper: Any) -> Any:
        return self.module.init(params, **{**self.preset, **hyper})

    def step(self, params: Any, grads: Any, state: Any, **hyper: Any) -> tuple[np.ndarray, Any]:
        return self.module.step(params, grads, state, **{**self.preset, **hyper})

    def describe(self, state: Any, **hyper: Any) -> dict[str, np.ndarray]:
        return self.module.describe(state, **{**self.preset, **hyper})


OPTIMIZERS: dict[str, Optimizer] = {
    o.name: o
    for o in [
        Optimizer("sgd", sgd),
        Optimizer("momentum", sgd, {"momentum": 0.9}),
        Optimizer("nesterov", sgd, {"momentum": 0.9, "nesterov": True}),
        Optimizer("adagrad", adagrad),
        Optimizer("rmsprop", rmsprop),
        Optimizer("adadelta", adadelta),
        Optimizer("adam", adam),
        Optimizer("adamw", adam, {"weight_decay": 1e-2, "weight_decay_mode": "decoupled"}),
        Optimizer("amsgrad", adam, {"amsgrad": True, "bias_correction": False}),
        Optimizer("adamax", adamax),
        Optimizer("nadam", nadam),
    ]
}


def get(name: str) -> Optimizer:
    """The optimizer called ``name``; a ValueError lists the known names."""
    try:
        return OPTIMIZERS[name]
    except (KeyError, TypeError):
        raise ValueError(f"optimizer must be one of {sorted(OPTIMIZERS)}, got {name!r}") from None


__all__ = ["OPTIMIZERS", "Optimizer", "get"]
