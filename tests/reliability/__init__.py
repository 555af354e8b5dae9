"""Suites that break things on purpose: fuzz, crash, faults, traversal (DELEGATE_LONG=1: more)."""
