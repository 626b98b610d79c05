"""The optional compiled kernels (reader/core/align/_*_kernels.pyx, Cython): everything else is in
pyproject.toml. When Cython or a C compiler is missing the extension is left out
(``optional=True``) and the engine runs its pure-Python loops, which give the same results."""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # built without Cython (no build isolation): the pure-Python engine
    ext_modules = []
else:
    ext_modules = cythonize(
        [
            # optional: a module that cannot be compiled is left out, and its loops run in Python.
            # No floating-point contraction: the kernels' sums are the pure-Python ones, bit for bit.
            Extension(f"reader.core.align.{name}", [f"reader/core/align/{name}.pyx"], optional=True, extra_compile_args=["-ffp-contract=off"])
            for name in ("_seed_kernels", "_verify_kernels")
        ],
        compiler_directives={"language_level": 3},
        quiet=True,
    )

setup(ext_modules=ext_modules)
