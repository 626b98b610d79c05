"""The optional compiled kernels (reader/core/align/_*_kernels.pyx, Cython): everything else is in
pyproject.toml. When Cython or a C compiler is missing, or a kernel does not compile, it is left
out with a warning and the engine runs its pure-Python loops, which give the same results."""

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

KERNELS = ("_seed_kernels", "_verify_kernels")


class OptionalBuildExt(build_ext):
    """``build_ext`` that leaves out a kernel it cannot build (setuptools' own ``optional=True``
    lets some compiler errors through, depending on its version)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler at all
            self.warn(f"the compiled kernels are left out ({exc}); the pure-Python loops will run")

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:
            self.warn(f"{ext.name} is left out ({exc}); its pure-Python loops will run")


def kernels() -> list[Extension]:
    """The kernels as C extensions, or none without Cython."""
    try:
        from Cython.Build import cythonize
    except ImportError:  # built without Cython (no build isolation): the pure-Python engine
        return []
    try:
        return cythonize(
            # No floating-point contraction: the kernels' sums are the pure-Python ones, bit for bit.
            [Extension(f"reader.core.align.{name}", [f"reader/core/align/{name}.pyx"], optional=True, extra_compile_args=["-ffp-contract=off"]) for name in KERNELS],
            compiler_directives={"language_level": 3},
            quiet=True,
        )
    except Exception as exc:
        print(f"warning: the compiled kernels are left out ({exc}); the pure-Python loops will run")
        return []


setup(ext_modules=kernels(), cmdclass={"build_ext": OptionalBuildExt})
