"""Package list for setuptools: the code under desktop/ plus the top-level
resources/ and seeds/ folders, installed as entregent.resources and
entregent.seeds so that an installed app finds its translations, icons and
demo data. Everything else lives in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=find_packages("desktop", include=["entregent", "entregent.*"])
    + ["entregent.resources", "entregent.seeds"],
)
