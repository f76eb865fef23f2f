"""Rota: team and hand-off routing for customer support."""

__version__ = "0.1.0"
