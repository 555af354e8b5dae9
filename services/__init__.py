"""Delegate Companion's non-UI core: feed contract, store, sync, repository (no flet here)."""
