"""The pure core of Parallax: no Textual, no Rich.

Corpus loading (:mod:`.corpus`, :mod:`.files`), text (:mod:`.text`), the domain values
(:mod:`.models`), where a corpus keeps its files (:mod:`.paths`), search, diff and overview are
flat modules; the alignment engine (:mod:`.align`), annotations (:mod:`.annotate`), the store
(:mod:`.store`) and export (:mod:`.export`) are subpackages. The command line and the TUI reach
them through one workspace layer (:mod:`reader.workspace`), so they all call the same functions.
``tests/core/test_import_hygiene.py`` proves that nothing here loads a UI library.
"""
