"""Who knows whom, as a graph: the network built from the stored ties, the
inferred ties and their dismissals, warm paths to a person, mutual connections,
bridges, communities and the export for Gephi, Cytoscape or Graphviz.

Owns: ``tie_dismissal`` and the inferred ties (computed, never stored), the
networkx graph of the book (``build``) and the questions asked of it.
May import: ``model``, ``network``, ``people``, ``relations``, ``storage``,
``settings``, and networkx; never ``imports``, ``exports`` or ``demo``; no Qt.
"""
