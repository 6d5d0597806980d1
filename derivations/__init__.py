"""Symbolic derivations (SymPy only) of adaptive learning-rate methods.

This package imports neither :mod:`numerics` nor :mod:`reports`, nor matplotlib.
"""
