"""The Network view: who knows whom, drawn on a ``QGraphicsView``.

The user at the centre, people coloured by their context, edges as wide as
the tie is strong, declared ties solid and inferred ones dashed. Drag to pan,
wheel to zoom, hover for the name, click to open the person; a context filter
hides the others; ``highlight_path`` marks a warm path. The layout is computed
on a worker (``services.graph.map.ego_map``), never on the GUI thread.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _

SCALE = 400.0  # layout units (-1..1) to scene pixels
RADIUS = 6.0
_ME = 0


def _plain_tip(text: str) -> str:
    # A tooltip that looks like HTML would be rendered as such: escape it.
    import html

    return f"<p style='white-space:pre'>{html.escape(text)}</p>"


class _NodeItem(QGraphicsEllipseItem):
    def __init__(self, node, view: NetworkView):
        r = RADIUS * (1.6 if node.id == _ME else 1.0)
        super().__init__(QRectF(-r, -r, 2 * r, 2 * r))
        self.node = node
        self._view = view
        self.setPos(node.x * SCALE, node.y * SCALE)
        colour = QColor(node.colour) if node.colour else QColor("#9e9e9e")
        if node.id == _ME:
            colour = view.palette().color(QPalette.ColorRole.WindowText)  # you, in either theme
        self.setBrush(QBrush(colour))
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setToolTip(_plain_tip(node.name or _("you")))
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton and self.node.id != _ME:
            self._view.person_clicked.emit(self.node.id)
            event.accept()
            return
        super().mousePressEvent(event)


class _Canvas(QGraphicsView):
    def __init__(self, scene: QGraphicsScene, parent: QWidget):
        super().__init__(scene, parent)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)

    def wheelEvent(self, event) -> None:  # noqa: N802
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(factor, factor)

    # A visible focus: a frame in the highlight colour round the map while it has
    # the keyboard (the arrows then scroll it, + and - zoom).
    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.viewport().update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        if self.hasFocus():  # the frame stays put: draw it anew, not shifted
            self.viewport().update()

    def drawForeground(self, painter: QPainter, rect) -> None:  # noqa: N802
        super().drawForeground(painter, rect)
        if not self.hasFocus():
            return
        painter.save()
        painter.resetTransform()
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.viewport().rect().adjusted(1, 1, -1, -1))
        painter.restore()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.text() in ("+", "-"):
            factor = 1.25 if event.text() == "+" else 0.8
            self.scale(factor, factor)
            return
        super().keyPressEvent(event)


class NetworkView(QWidget):
    person_clicked = Signal(int)
    laid_out = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.scene = QGraphicsScene(self)
        self.canvas = _Canvas(self.scene, self)
        self.canvas.setAccessibleName(_("Map of who knows whom"))
        self.canvas.setAccessibleDescription(
            _("Each dot a person in their context colour; click one to open their page")
        )
        self.filter = QComboBox(self)
        self.filter.setAccessibleName(_("Context"))
        self.filter.setAccessibleDescription(_("Show only the people of one context"))
        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Context:"), self))
        top.addWidget(self.filter)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)
        self.nodes: dict[int, _NodeItem] = {}
        self.edges: dict[tuple[int, int], QGraphicsLineItem] = {}
        self.layout_thread: int | None = None  # where the last layout ran (tests)
        self.person_clicked.connect(context.person_requested)

    # -- loading ------------------------------------------------------------------
    def reload(self, centre: int = _ME) -> None:
        self.status.setText(_("Laying out the network…"))

        def task(job):
            from entregent.services.graph.map import ego_map

            return threading.get_ident(), ego_map(centre)

        self.context.workers.run(task, self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(_("The network could not be drawn: {error}").format(error=exc))

    def _show(self, result) -> None:
        self.layout_thread, found = result
        self.scene.clear()
        self.nodes.clear()
        self.edges.clear()
        by_id = {n.id: n for n in found.nodes}
        for edge in found.edges:
            a, b = by_id[edge.a], by_id[edge.b]
            line = QGraphicsLineItem(a.x * SCALE, a.y * SCALE, b.x * SCALE, b.y * SCALE)
            line.setPen(self._edge_pen(edge.strength, edge.declared, edge.a == _ME))
            line.setData(0, (edge.strength, edge.declared, edge.a == _ME))
            self.scene.addItem(line)
            self.edges[(edge.a, edge.b)] = line
        for node in found.nodes:
            item = _NodeItem(node, self)
            self.scene.addItem(item)
            self.nodes[node.id] = item
        contexts = sorted({c for n in found.nodes for c in n.contexts})
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(_("All"), None)
        for name in contexts:
            self.filter.addItem(name, name)
        self.filter.blockSignals(False)
        count = len(found.nodes) - 1
        self.status.setText(_("{n} people").format(n=count))
        self.laid_out.emit()

    @staticmethod
    def _edge_pen(strength: float, declared: bool, to_user: bool) -> QPen:
        colour = QColor(120, 120, 120, 60 if to_user else 170)
        pen = QPen(colour, 0.5 + 3.5 * strength)
        pen.setCosmetic(True)
        if not declared:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    # -- filtering and highlighting ---------------------------------------------
    def _apply_filter(self, _index: int = 0) -> None:
        wanted = self.filter.currentData()
        for node_id, item in self.nodes.items():
            item.setVisible(node_id == _ME or wanted is None or wanted in item.node.contexts)
        for (a, b), line in self.edges.items():
            line.setVisible(self.nodes[a].isVisible() and self.nodes[b].isVisible())

    def set_context_filter(self, name: str | None) -> None:
        index = self.filter.findData(name) if name is not None else 0
        self.filter.setCurrentIndex(max(0, index))

    def highlight_path(self, people: list[int]) -> None:
        """Mark the edges along ``people`` (the user first) and dim the rest."""
        pairs = {frozenset(p) for p in zip(people, people[1:], strict=False)}
        for (a, b), line in self.edges.items():
            strength, declared, to_user = line.data(0)
            pen = self._edge_pen(strength, declared, to_user)
            if frozenset((a, b)) in pairs:
                pen.setColor(QColor("#d35400"))
                pen.setWidthF(pen.widthF() + 2)
                line.setZValue(0.5)
            line.setPen(pen)
