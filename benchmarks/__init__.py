"""Parallax's benchmarks: run by hand, they print figures and ratios against baselines.

* :mod:`benchmarks.plagdet`: PAN's plagdet measure (unit-tested in ``tests/benchmarks``).
* ``benchmarks/pan13.py``: the aligner's quality on the PAN 2013 text-alignment training data.
* ``benchmarks/scale.py``: the aligner's speed and memory on generated corpora.
"""
