"""Helper programs for the store tests (run as separate processes)."""
