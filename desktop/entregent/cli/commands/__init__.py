"""One module per CLI command (or small family of commands).

Each module defines ``COMMANDS`` (the names it adds) and
``register(subparsers, common)``, which adds its parsers with
``parents=[common]`` and ``set_defaults(handler=…)``. Keep imports of heavy
modules inside the handlers: every CLI run loads every command module.
"""
