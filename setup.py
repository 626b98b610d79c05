"""The optional compiled kernels (reader/core/align/_kernels.pyx, Cython): everything else is in
pyproject.toml. When Cython or a C compiler is missing the extension is left out
(``optional=True``) and the engine runs its pure-Python loops, which give the same results."""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # built without Cython (no build isolation): the pure-Python engine
    ext_modules = []
else:
    ext_modules = cythonize(
        [Extension("reader.core.align._kernels", ["reader/core/align/_kernels.pyx"], optional=True)],
        compiler_directives={"language_level": 3},
        quiet=True,
    )

setup(ext_modules=ext_modules)
