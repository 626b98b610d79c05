"""``python -m reader`` is the ``parallax`` command."""

from reader.cli import main

raise SystemExit(main())
