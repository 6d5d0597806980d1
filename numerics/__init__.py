"""Batched NumPy recursions of the optimizers, test problems, Monte Carlo and precision.

No SymPy here: this package is the independent side of every check (a closed form from
:mod:`derivations` is believed when a run of the real recursion agrees with it).

- one module per optimizer, each ``State`` (NamedTuple), ``init(params, **hyper)``, the pure
  ``step(params, grads, state, **hyper) -> (new_params, new_state)`` and ``describe``:
  :mod:`~numerics.sgd` (SGD, heavy ball, EMA form, Nesterov), :mod:`~numerics.adagrad`,
  :mod:`~numerics.rmsprop` (plain, centered, momentum), :mod:`~numerics.adadelta`,
  :mod:`~numerics.adam` (Adam, AMSGrad, L2, AdamW), :mod:`~numerics.adamax`,
  :mod:`~numerics.nadam`; conventions that differ between papers and frameworks are named
  options with the paper's value as default. Batched over leading axes; hyperparameters may
  be arrays broadcasting over the batch; the parameters' dtype is kept.
- :mod:`~numerics.registry` (``OPTIMIZERS`` by name), :mod:`~numerics.run` (``minimize`` on
  a problem, ``feed`` on a gradient stream), :mod:`~numerics.problems`,
  :mod:`~numerics.streams`.
- :mod:`~numerics.montecarlo` (moments of m, m̂, v, v̂ with standard errors, chunked),
  :mod:`~numerics.precision` (stable bias correction, float16/32/64 pitfalls),
  :mod:`~numerics.oracle` (the papers' algorithms at 50 digits, mpmath),
  :mod:`~numerics.validate` (checks at the door), :mod:`~numerics.regret`.
"""
