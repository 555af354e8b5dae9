"""Flet screens: render repository state, call repository methods, never do I/O themselves."""
