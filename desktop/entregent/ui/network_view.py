"""The Network view: who knows whom, drawn on a ``QGraphicsView``.

The user at the centre, people coloured by their context, edges as wide as
the tie is strong, declared ties solid and inferred ones dashed. Drag to pan,
wheel to zoom, hover for the name, click to open the person; a context filter
hides the others. The layout is computed on a worker
(``services.graph.map.ego_map``), never on the GUI thread.

Past 2,000 people the map shows the ego network up to two hops; a person with
ties not shown wears a ring, and a double-click (or "Show who they know" in
their menu) adds those ties. Level of detail: zoomed in, names are written
beside the people; zoomed out, the minor edges (yours, and weak ties) are
hidden and each context's people are summed up as a labelled cluster.

Warm paths: type a name in "Paths to", or choose "Who could introduce me?" in a
person's menu; the chains are found on a worker, listed with their strength
and why, and the chosen one is highlighted on the map.
"""

from __future__ import annotations

import math
import threading

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _

SCALE = 400.0  # layout units (-1..1) to scene pixels, up to SPACIOUS people
SPACIOUS = 300  # more people get more room: the scale grows as the square root
RADIUS = 6.0
LABELS_FROM = 1.5  # zoom at which names are written beside the people
DETAIL_FROM = 0.5  # below this zoom: minor edges hidden, clusters shown
MINOR = 0.3  # a tie between two people weaker than this is minor
PATH_COLOUR = "#d35400"
_ME = 0


def _plain_tip(text: str) -> str:
    # A tooltip that looks like HTML would be rendered as such: escape it.
    import html

    return f"<p style='white-space:pre'>{html.escape(text)}</p>"


class _NodeItem(QGraphicsEllipseItem):
    def __init__(self, node, view: NetworkView, scale: float):
        r = RADIUS * (1.6 if node.id == _ME else 1.0)
        super().__init__(QRectF(-r, -r, 2 * r, 2 * r))
        self.node = node
        self.label: QGraphicsSimpleTextItem | None = None  # made when first zoomed in
        self._view = view
        self.setPos(node.x * scale, node.y * scale)
        colour = QColor(node.colour) if node.colour else QColor("#9e9e9e")
        if node.id == _ME:
            colour = view.palette().color(QPalette.ColorRole.WindowText)  # you, in either theme
        self.setBrush(QBrush(colour))
        self.setPen(self.resting_pen())
        tip = node.name or _("you")
        if node.hidden:
            tip += "\n" + _("{n} more ties not shown: double-click to show them").format(
                n=node.hidden
            )
        self.setToolTip(_plain_tip(tip))
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def resting_pen(self) -> QPen:
        if not self.node.hidden:
            return QPen(Qt.PenStyle.NoPen)
        ring = QColor(self._view.palette().color(QPalette.ColorRole.WindowText))
        ring.setAlpha(150)
        pen = QPen(ring, 1.2)  # a ring: more ties than shown
        pen.setCosmetic(True)
        return pen

    def show_label(self, shown: bool) -> None:
        if shown and self.label is None:
            self.label = QGraphicsSimpleTextItem(self.node.name or _("you"), self)
            self.label.setPos(RADIUS + 2, -RADIUS - 2)
            self.label.setBrush(QBrush(self._view.palette().color(QPalette.ColorRole.WindowText)))
        if self.label is not None:
            self.label.setVisible(shown)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton and self.node.id != _ME:
            self._view.person_clicked.emit(self.node.id)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        if self.node.id != _ME and self.node.hidden:
            self._view.expand(self.node.id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        if self.node.id == _ME:
            return
        menu = self._view.node_menu(self.node)
        menu.exec(event.screenPos())


class _Canvas(QGraphicsView):
    zoomed = Signal(float)

    def __init__(self, scene: QGraphicsScene, parent: QWidget):
        super().__init__(scene, parent)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)

    def zoom(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event) -> None:  # noqa: N802
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.set_zoom(self.zoom() * factor)

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
            self.set_zoom(self.zoom() * (1.25 if event.text() == "+" else 0.8))
            return
        super().keyPressEvent(event)

    def set_zoom(self, level: float) -> None:
        level = max(0.05, min(20.0, level))
        factor = level / self.zoom()
        self.scale(factor, factor)
        self.zoomed.emit(self.zoom())


class NetworkView(QWidget):
    person_clicked = Signal(int)
    laid_out = Signal()
    paths_found = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.scene = QGraphicsScene(self)
        self.canvas = _Canvas(self.scene, self)
        self.canvas.zoomed.connect(self._apply_level_of_detail)
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
        self.status.setWordWrap(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("pathToEdit")
        self.path_edit.setAccessibleName(_("Paths to"))
        self.path_edit.setAccessibleDescription(
            _("Type a name and press Enter: who could introduce you, the warmest chain first")
        )
        self.path_edit.setPlaceholderText(_("Who could introduce me to… (a name)"))
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.returnPressed.connect(lambda: self.find_paths(self.path_edit.text()))
        self.paths_list = QListWidget(self)
        self.paths_list.setObjectName("warmPathsList")
        self.paths_list.setAccessibleName(_("Warm paths"))
        self.paths_list.setAccessibleDescription(_("Choose a chain to highlight it on the map"))
        self.paths_list.setWordWrap(True)
        self.paths_list.currentRowChanged.connect(self._path_chosen)
        self.paths_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop once it lists some
        self.paths_status = QLabel(self)
        self.paths_status.setTextFormat(Qt.TextFormat.PlainText)
        self.paths_status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Context:"), self))
        top.addWidget(self.filter)
        top.addWidget(self.status, 1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_("Paths to:"), side))
        side_layout.addWidget(self.path_edit)
        side_layout.addWidget(self.paths_status)
        side_layout.addWidget(self.paths_list, 1)
        split = QSplitter(self)
        split.addWidget(self.canvas)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setSizes([700, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.nodes: dict[int, _NodeItem] = {}
        self.edges: dict[tuple[int, int], QGraphicsLineItem] = {}
        self.clusters: list[tuple[QGraphicsEllipseItem, QGraphicsSimpleTextItem]] = []
        self.layout_thread: int | None = None  # where the last layout ran (tests)
        self.map = None  # the NetworkMap shown
        self.paths: list = []  # the WarmPaths listed
        self.highlighted: list[int] = []
        self._centre = _ME
        self._expanded: list[int] = []
        self._include: list[int] = []
        self._asked = 0
        self._paths_asked = 0
        self._fitted = False
        self.scale_px = SCALE
        self.person_clicked.connect(context.person_requested)

    # -- loading ------------------------------------------------------------------
    def reload(self, centre: int = _ME) -> None:
        if centre != self._centre:
            self._expanded, self._include = [], []
            self._fitted = False
        self._centre = centre
        self._lay_out()

    def expand(self, contact_id: int) -> None:
        """Add the ties of ``contact_id`` that the map does not show yet."""
        if contact_id not in self._expanded:
            self._expanded.append(contact_id)
        self._lay_out()

    def _lay_out(self) -> None:
        self.status.setText(_("Laying out the network…"))
        self._asked += 1
        asked = self._asked
        centre, expanded, include = self._centre, tuple(self._expanded), tuple(self._include)

        def task(job):
            from entregent.services.graph.map import ego_map

            found = ego_map(centre, expanded=expanded, include=include)
            return threading.get_ident(), found

        self.context.workers.run(task, lambda result: self._show_if(asked, result), self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(_("The network could not be drawn: {error}").format(error=exc))

    def _show_if(self, asked: int, result) -> None:
        if asked == self._asked:  # an older layout is dropped
            self._show(result)

    def _show(self, result) -> None:
        self.layout_thread, found = result
        self.map = found
        self.scene.clear()
        self.nodes.clear()
        self.edges.clear()
        self.clusters = []
        scale = self.scale_px = SCALE * max(1.0, math.sqrt(len(found.nodes) / SPACIOUS))
        by_id = {n.id: n for n in found.nodes}
        for edge in found.edges:
            a, b = by_id[edge.a], by_id[edge.b]
            line = QGraphicsLineItem(a.x * scale, a.y * scale, b.x * scale, b.y * scale)
            line.setPen(self._edge_pen(edge.strength, edge.declared, edge.a == _ME))
            line.setData(0, (edge.strength, edge.declared, edge.a == _ME))
            self.scene.addItem(line)
            self.edges[(edge.a, edge.b)] = line
        for node in found.nodes:
            item = _NodeItem(node, self, scale)
            self.scene.addItem(item)
            self.nodes[node.id] = item
        for cluster in found.clusters:
            self._add_cluster(cluster)
        wanted = self.filter.currentData()
        contexts = sorted({c for n in found.nodes for c in n.contexts})
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(_("All"), None)
        for name in contexts:
            self.filter.addItem(name, name)
        self.filter.setCurrentIndex(max(0, self.filter.findData(wanted)) if wanted else 0)
        self.filter.blockSignals(False)
        count = len(found.nodes) - 1
        if found.clipped:
            self.status.setText(
                _(
                    "{n} of {total} people: the closest to you and who they know; "
                    "double-click a ringed person to show who they know."
                ).format(n=count, total=found.total)
            )
        else:
            self.status.setText(_("{n} people").format(n=count))
        if not self._fitted:  # the first time: all of it in sight (zoomed out when large)
            self._fitted = True
            self.canvas.fitInView(
                self.scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio
            )
        self._refresh_visibility()
        if self.highlighted:
            self.highlight_path(self.highlighted)
        self.laid_out.emit()

    def _add_cluster(self, cluster) -> None:
        scale = self.scale_px
        r = cluster.radius * scale
        colour = QColor(cluster.colour) if cluster.colour else QColor("#9e9e9e")
        fill = QColor(colour)
        fill.setAlpha(60)
        blob = QGraphicsEllipseItem(QRectF(-r, -r, 2 * r, 2 * r))
        blob.setPos(cluster.x * scale, cluster.y * scale)
        blob.setBrush(QBrush(fill))
        blob.setPen(QPen(Qt.PenStyle.NoPen))
        blob.setZValue(-1)
        blob.setData(0, cluster.name)
        label = QGraphicsSimpleTextItem(f"{cluster.name} ({cluster.count})")
        label.setFlag(QGraphicsSimpleTextItem.GraphicsItemFlag.ItemIgnoresTransformations)
        label.setPos(cluster.x * scale, cluster.y * scale)
        label.setZValue(2)
        self.scene.addItem(blob)
        self.scene.addItem(label)
        self.clusters.append((blob, label))

    @staticmethod
    def _edge_pen(strength: float, declared: bool, to_user: bool) -> QPen:
        colour = QColor(120, 120, 120, 60 if to_user else 170)
        pen = QPen(colour, 0.5 + 3.5 * strength)
        pen.setCosmetic(True)
        if not declared:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    # -- filtering and level of detail ---------------------------------------------
    def detailed(self) -> bool:
        return self.canvas.zoom() >= DETAIL_FROM

    def _apply_level_of_detail(self, _zoom: float = 0.0) -> None:
        self._refresh_visibility()

    def _refresh_visibility(self) -> None:
        wanted = self.filter.currentData()
        detailed = self.detailed()
        # zoomed out, thousands of small shapes: drawn without antialiasing
        self.canvas.setRenderHint(QPainter.RenderHint.Antialiasing, detailed)
        labels = self.canvas.zoom() >= LABELS_FROM
        on_path = set(zip(self.highlighted, self.highlighted[1:], strict=False))
        on_path |= {(b, a) for a, b in on_path}
        for node_id, item in self.nodes.items():
            item.setVisible(node_id == _ME or wanted is None or wanted in item.node.contexts)
            item.show_label(labels and item.isVisible())
        for (a, b), line in self.edges.items():
            strength, _declared, to_user = line.data(0)
            minor = to_user or strength < MINOR
            line.setVisible(
                self.nodes[a].isVisible()
                and self.nodes[b].isVisible()
                and (detailed or not minor or (a, b) in on_path)
            )
        for blob, label in self.clusters:
            shown = not detailed and (wanted is None or blob.data(0) == wanted)
            blob.setVisible(shown)
            label.setVisible(shown)

    def _apply_filter(self, _index: int = 0) -> None:
        self._refresh_visibility()

    def set_context_filter(self, name: str | None) -> None:
        index = self.filter.findData(name) if name is not None else 0
        self.filter.setCurrentIndex(max(0, index))

    def node_menu(self, node) -> QMenu:
        menu = QMenu(self)
        menu.addAction(_("Open"), lambda: self.person_clicked.emit(node.id))
        expand = menu.addAction(_("Show who they know"), lambda: self.expand(node.id))
        expand.setEnabled(bool(node.hidden))
        menu.addAction(_("Who could introduce me?"), lambda: self.show_paths_to(node.id))
        return menu

    # -- warm paths -------------------------------------------------------------------
    def find_paths(self, text: str) -> None:
        """The warm paths to the person ``text`` names (found on a worker)."""
        text = text.strip()
        if not text:
            return

        def task(job):
            from entregent.services.people.resolve import resolve_person

            return resolve_person(text)

        self._ask_paths(task)

    def show_paths_to(self, contact_id: int) -> None:
        self._ask_paths(lambda job: contact_id)

    def _ask_paths(self, who) -> None:
        self._paths_asked += 1
        asked = self._paths_asked
        self.paths_status.setText(_("Looking for warm paths…"))
        self.paths_list.clear()
        self.paths = []

        def task(job):
            from entregent.services.graph.paths import warm_paths
            from entregent.services.people.listing import names_of

            target = who(job)
            return target, names_of([target])[target], warm_paths(target)

        self.context.workers.run(
            task,
            lambda found: self._show_paths(asked, found),
            lambda exc: self._paths_failed(asked, exc),
        )

    def _paths_failed(self, asked: int, exc: BaseException) -> None:
        if asked == self._paths_asked:
            self.paths_status.setText(str(exc))  # NotFound / Ambiguous say what to do
            self.paths_found.emit()

    def _show_paths(self, asked: int, found) -> None:
        if asked != self._paths_asked:
            return
        _target, name, paths = found
        self.paths = paths
        self.paths_list.blockSignals(True)
        self.paths_list.clear()
        for path in paths:
            chain = " → ".join([_("you")] + [n for _i, n in path.people[1:]])
            lines = [f"{chain} ({path.strength:.0%})"]
            lines += ["• " + hop.why for hop in path.hops]
            lines += ["! " + w.message for w in path.warnings]
            self.paths_list.addItem(QListWidgetItem("\n".join(lines)))
        self.paths_list.blockSignals(False)
        self.paths_list.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if paths else Qt.FocusPolicy.NoFocus
        )
        if paths:
            self.paths_status.setText(
                _("Warm paths to {name}, the warmest first:").format(name=name)
            )
            self.paths_list.setCurrentRow(0)
        else:
            self.paths_status.setText(
                _("No one in your book links you to {name}.").format(name=name)
            )
            self.highlight_path([])
        self.paths_found.emit()

    def _path_chosen(self, row: int) -> None:
        if 0 <= row < len(self.paths):
            people = [i for i, _n in self.paths[row].people]
            missing = [i for i in people if i not in self.nodes]
            self.highlight_path(people)
            if missing:  # past 2,000 people: bring them onto the map
                self._include.extend(m for m in missing if m not in self._include)
                self._lay_out()

    def highlight_path(self, people: list[int]) -> None:
        """Mark the edges along ``people`` (the user first) and dim the rest."""
        self.highlighted = list(people)
        pairs = {frozenset(p) for p in zip(people, people[1:], strict=False)}
        for (a, b), line in self.edges.items():
            strength, declared, to_user = line.data(0)
            pen = self._edge_pen(strength, declared, to_user)
            line.setZValue(0)
            if frozenset((a, b)) in pairs:
                pen.setColor(QColor(PATH_COLOUR))
                pen.setWidthF(pen.widthF() + 2)
                line.setZValue(0.5)
            line.setPen(pen)
        for node_id, item in self.nodes.items():
            if node_id in people and node_id != _ME:
                pen = QPen(QColor(PATH_COLOUR), 2.5)
                pen.setCosmetic(True)
                item.setPen(pen)
            else:
                item.setPen(item.resting_pen())
        self._refresh_visibility()
