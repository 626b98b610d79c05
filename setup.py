"""The optional compiled kernels (reader/core/align/_*_kernels.pyx, Cython): everything else is in
pyproject.toml. When Cython or a C compiler is missing, or a kernel does not compile, it is left
out with a warning and the engine runs its pure-Python loops, which give the same results."""

import runpy
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

class OptionalBuildExt(build_ext):
    """``build_ext`` that leaves out a kernel it cannot build (setuptools' own ``optional=True``
    lets some compiler errors through, depending on its version)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler at all
            # (build_extension left out a kernel that failed: what is missing here is another's
            # copy, or every kernel when there is no compiler at all)
            self.warn(f"not every compiled kernel was built ({exc}); the pure-Python loops run where one is missing")

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:
            self.warn(f"{ext.name} is left out ({exc}); its pure-Python loops will run")


# The kernels and the digest each carries of its source: reader/core/align/kernel_source.py, run as
# a file (the package cannot be imported while it is being built).
_KERNEL_SOURCE = runpy.run_path("reader/core/align/kernel_source.py")
KERNELS, source_digest = _KERNEL_SOURCE["KERNELS"], _KERNEL_SOURCE["source_digest"]


def kernels() -> list[Extension]:
    """The kernels as C extensions, or none without Cython."""
    try:
        from Cython.Build import cythonize
    except ImportError:  # built without Cython (no build isolation): the pure-Python engine
        return []
    try:
        return cythonize(
            # No floating-point contraction: the kernels' sums are the pure-Python ones, bit for bit.
            # Each carries the digest of its .pyx: a module built from other source is not loaded.
            [
                Extension(
                    f"reader.core.align.{name}",
                    [f"reader/core/align/{name}.pyx"],
                    optional=True,
                    extra_compile_args=["-ffp-contract=off"],
                    define_macros=[("PARALLAX_KERNEL_SOURCE", f'"{source_digest(Path(f"reader/core/align/{name}.pyx"))}"')],
                )
                for name in KERNELS
            ],
            compiler_directives={"language_level": 3},
            quiet=True,
        )
    except Exception as exc:
        print(f"warning: the compiled kernels are left out ({exc}); the pure-Python loops will run")
        return []


setup(ext_modules=kernels(), cmdclass={"build_ext": OptionalBuildExt})
