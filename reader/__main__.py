"""``python -m reader`` is the ``parallax`` command."""

from reader.cli import main

if __name__ == "__main__":  # not when a worker process (``--engine dask``) imports it again
    raise SystemExit(main())
