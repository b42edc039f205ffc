"""The version, in a module of its own so any module can name it without importing the package."""

__all__ = ["__version__"]

try:  # written by setuptools-scm from the git tag when the package is built or installed
    from ._scm_version import version as __version__  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # a source tree that was never built or installed
    __version__ = "0.0.0+unknown"
