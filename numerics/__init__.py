"""Batched NumPy recursions of the optimizers, test problems, Monte Carlo and precision.

No SymPy here: this package is the independent side of every check.
"""
