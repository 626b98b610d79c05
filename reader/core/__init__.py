"""The pure core of Parallax: no Textual, no Rich.

Corpus loading, text normalisation, alignment, quotations, annotations, the store and export
live here, so that the command line, the TUI, the tests and the benchmarks all call the same
functions. ``tests/core/test_import_hygiene.py`` proves that nothing here loads a UI library.
"""
