"""Organiser side: publish spreadsheets (CSV) as a static feed, and serve it."""
