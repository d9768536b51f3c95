"""The demo network (a product feature, not a core service): building the
throw-away database from ``seeds/``, the journal of groups, ties and
interactions it loads, and the dates it shifts so the demo looks current.

May import any other room. Nothing imports it but the CLI and the UI entry.
"""
