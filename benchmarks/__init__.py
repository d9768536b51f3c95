"""Speed measurements, each as a ratio against a bare baseline run alongside.

``python -m benchmarks [--quick]`` runs every module of this package that has
a ``run(quick: bool) -> list[dict]`` function (found by name: add a module,
never edit the runner) and prints one table.

A row is a dict:

- ``name``: what was measured ("startup", "search as you type, p95" …);
- ``measured_s`` and ``baseline_s``: seconds, each the median of at least five
  runs (``measure.median_of``), the baseline measured in the same run, in the
  same process or the same kind of process;
- ``ratio``: ``measured_s / baseline_s`` (``measure.row`` fills it in);
- ``target``: text such as ``"≤ 1.5×"`` (on the ratio), ``"< 16 ms"`` or
  ``"< 10 ms"`` (on the measured time), ``"≤ +100 MiB"`` (on the difference for
  a row whose ``unit`` is ``"MiB"``), or ``"—"`` when the figure is reported
  without a target;
- optional: ``unit`` (``"s"`` by default, ``"MiB"``, ``"count"``), ``met``
  (True/False to override the reading of ``target``), ``note`` (printed under
  the table: a skip, a reason, what a figure counts).

``--quick`` uses small sizes so that CI (which runs it after the tests) stays
fast; it asserts nothing about time. A normal run writes its table to
``docs/performance.md``.
"""
