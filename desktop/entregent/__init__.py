"""Entregent: a local-first desktop contact app for people who network."""

__version__ = "0.1.0"
APP_ID = "org.entregent.Entregent"
