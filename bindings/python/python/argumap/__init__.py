"""argumap: argument maps (claims, actors, supports and rebuttals) from Python.

Load a map from any format argumap reads (its JSON map file, AIF, xAIF, SADFace, Argdown,
Kialo, argument microtexts), check it, evaluate it, draw it and convert it. The answers come
from the same Rust core as the ``argumap`` command line, so they are the same bytes::

    import argumap, glob
    m = argumap.load("maps/encryption-debate.json")
    m.evaluate("grounded")["police-blocked"]   # what `argumap eval` says
    g = m.to_networkx()                        # analyse with networkx
    corpus = argumap.load_many(glob.glob("aif/*.json"))

The elements of a map (``Map.claims``, ``Map.actors``, ...) are plain ``dict`` objects, not
dataclasses: they are the objects of the map file itself, with its field names, every field
it holds (optional ones only when present) and nothing else, so ``json.dumps`` writes them
back, a field added to the file format appears without a new release, and pandas takes a list
of them as it is (``pandas.DataFrame(m.claims)``). Each access returns fresh copies: editing
them never changes the map (build a new one with ``argumap.loads(json.dumps(doc))``).

A text that does not load raises :class:`MapError` (a ``ValueError``), whose ``problems``
list every error with its place, as ``argumap check --message-format json`` does.
"""

from __future__ import annotations

import copy
import json
import os
import stat
import tempfile
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _argumap

__version__: str = _argumap.__version__

__all__ = [
    "Map",
    "MapError",
    "Problem",
    "Loaded",
    "load",
    "loads",
    "load_many",
    "from_networkx",
    "formats",
    "look_options",
]

#: The lists of a map file, in the order the file holds them.
_LISTS = ("sources", "actors", "claims", "arguments", "relations", "stances", "groups", "sides")
#: The lists whose elements are nodes of the graph, and the name of one element.
_NODES = {
    "sources": "source",
    "actors": "actor",
    "claims": "claim",
    "arguments": "argument",
    "groups": "group",
    "sides": "side",
}


#: The version of the map file this package writes.
_FILE_VERSION = 1


@dataclass(frozen=True)
class Problem:
    """One problem of a map, with the fields every surface of argumap gives it.

    ``line`` and ``column`` count from 1 (columns in characters); they and their ends are
    ``None`` for a problem with no place in the text. ``severity`` is ``"error"`` or
    ``"warning"``; ``hint`` says what to do, when argumap knows.
    """

    path: str
    code: str
    line: Optional[int]
    column: Optional[int]
    end_line: Optional[int]
    end_column: Optional[int]
    severity: str
    message: str
    hint: Optional[str]

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> "Problem":
        return cls(
            path=d.get("path", ""),
            code=d.get("code", ""),
            line=d.get("line"),
            column=d.get("column"),
            end_line=d.get("end_line"),
            end_column=d.get("end_column"),
            severity=d.get("severity", "error"),
            message=d.get("message", ""),
            hint=d.get("hint"),
        )


def _problems(text: str) -> List[Problem]:
    return [Problem._from_json(d) for d in json.loads(text)]


class MapError(ValueError):
    """A text that is no map: ``problems`` lists each error (and warning) with its place."""

    def __init__(self, message: str, problems: Optional[List[Problem]] = None) -> None:
        super().__init__(message)
        self.problems: List[Problem] = list(problems or [])

    def __reduce__(self):  # type: ignore[override]
        return (MapError, (str(self), self.problems))


def _native(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except _argumap._NativeError as e:
        message, problems = e.args
        raise MapError(message, _problems(problems)) from None


def _look(options: Dict[str, Any]) -> List[Tuple[str, str]]:
    out = []
    for key, value in options.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        out.append((key.replace("_", "-"), str(value)))
    return out


class Map:
    """An argument map that loaded. Build one with :func:`load`, :func:`loads` or
    :func:`from_networkx`."""

    __slots__ = ("_native", "_name", "_doc")

    def __init__(self, native: "_argumap.NativeMap", name: str = "map") -> None:
        self._native = native
        self._name = name
        self._doc: Optional[Dict[str, Any]] = None

    # The map file, parsed once.
    def _file(self) -> Dict[str, Any]:
        if self._doc is None:
            self._doc = json.loads(self.to_json())
        return self._doc

    def _list(self, key: str) -> List[Dict[str, Any]]:
        return copy.deepcopy(self._file().get(key, []))

    @property
    def title(self) -> str:
        """The map's title."""
        return self._file().get("title", "")

    @property
    def description(self) -> Optional[str]:
        """The map's description, when it has one."""
        return self._file().get("description")

    @property
    def format(self) -> str:
        """The format the map was read as (``json``, ``aif``, ``argdown``, ...)."""
        return self._native.format()

    @property
    def claims(self) -> List[Dict[str, Any]]:
        """The claims, as the map file holds them."""
        return self._list("claims")

    @property
    def arguments(self) -> List[Dict[str, Any]]:
        """The arguments (premises that together lead to a conclusion)."""
        return self._list("arguments")

    @property
    def actors(self) -> List[Dict[str, Any]]:
        """The actors: people and bodies who take positions."""
        return self._list("actors")

    @property
    def relations(self) -> List[Dict[str, Any]]:
        """The relations between claims and arguments (``supports``, ``rebuts``, ...)."""
        return self._list("relations")

    @property
    def stances(self) -> List[Dict[str, Any]]:
        """The actors' stances towards claims and arguments."""
        return self._list("stances")

    @property
    def sources(self) -> List[Dict[str, Any]]:
        """The sources the map cites."""
        return self._list("sources")

    @property
    def groups(self) -> List[Dict[str, Any]]:
        """The groups of claims and arguments."""
        return self._list("groups")

    @property
    def sides(self) -> List[Dict[str, Any]]:
        """The sides: actors who stand together."""
        return self._list("sides")

    def __len__(self) -> int:
        """The number of elements with an id (claims, arguments, actors, sources, groups,
        sides)."""
        doc = self._file()
        return sum(len(doc.get(key, [])) for key in _NODES)

    def __repr__(self) -> str:
        return f"<argumap.Map {self.title!r}: {len(self)} elements>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Map) and self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self):
        # Through the canonical JSON: a map travels between processes as its file.
        return (_from_canonical, (self.to_json(), self._name))

    def check(self) -> List[Problem]:
        """The warnings of the map (a map with errors never loads), as ``argumap check``
        lists them."""
        return _problems(self._native.warnings())

    def to_json(self) -> str:
        """The map file, canonical (as ``argumap convert --to json`` writes it)."""
        return self._native.convert("json", [])

    def convert(self, to: str, **look: Any) -> str:
        """The map in ``to``, any format ``argumap convert`` writes (``dot``, ``mermaid``,
        ``aif``, ``argdown``, ``graphml``, ...); the look options apply to DOT and Mermaid."""
        return self._native.convert(to, _look(look))

    def save(self, path: Union[str, "os.PathLike[str]"], to: Optional[str] = None, **look: Any) -> None:
        """Writes the map to ``path`` in ``to``, by default the format of the extension.

        As the command line writes: into a temporary file beside it, then renamed over it,
        so a reader never sees half a file; a device or a pipe is written in place."""
        path = os.fspath(path)
        if to is None:
            to = _argumap.format_of_path(path)
            if to is None:
                raise ValueError(f"which format? `{path}` has no extension argumap writes; give `to`")
        text = self.convert(to, **look).encode("utf-8")
        _write_atomically(path, text)

    def render(self, to: str = "svg", *, engine: str = "builtin", dpi: Optional[int] = None, **look: Any) -> Union[str, bytes]:
        """The picture: ``svg`` (text), ``png`` or ``pdf`` (bytes), drawn by the built-in
        engine or, with ``engine="graphviz"``, by Graphviz's ``dot`` (when installed). The
        look options are those of ``argumap render`` (``theme="print"``, ``no_legend=True``,
        ...; see :func:`look_options`)."""
        if engine not in ("builtin", "graphviz"):
            raise ValueError(f"unknown engine `{engine}`; use builtin or graphviz")
        data = self._native.render(to, _look(look), engine == "graphviz", dpi)
        return data.decode("utf-8") if to == "svg" else data

    def _repr_svg_(self) -> str:
        return self.render("svg")  # type: ignore[return-value]

    def evaluate(self, semantics: str = "grounded", limit: Optional[int] = None) -> Dict[str, Any]:
        """Which claims and arguments stand. ``grounded``: ``{id: "in" | "out" |
        "undecided"}``; ``preferred``, ``complete``, ``stable``: ``{id: {"credulous": bool,
        "sceptical": bool}}``, searching at most ``limit`` labellings."""
        doc = json.loads(self._native.evaluate(semantics, limit))
        if doc["semantics"] == "grounded":
            names = {"in": "in", "out": "out", "undec": "undecided"}
            return {e["id"]: names[e["label"]] for e in doc["elements"]}
        return {e["id"]: {"credulous": e["credulous"], "sceptical": e["sceptical"]} for e in doc["elements"]}

    def strengths(self, model: str = "dfquad") -> Dict[str, float]:
        """Each claim's and argument's strength under a gradual semantics (``dfquad``,
        ``qe``, ``hcat``), as ``argumap eval --strength`` computes it."""
        doc = json.loads(self._native.strengths(model))
        return {e["id"]: e["strength"] for e in doc["elements"]}

    def explain(self, id: str) -> str:
        """Why ``id`` has its grounded label, as ``argumap eval`` says it."""
        return self._native.explain(id)[1]

    def report(self) -> Dict[str, Any]:
        """The coach's report, the structure ``argumap report --json`` prints."""
        return json.loads(self._native.report())

    def to_networkx(self):
        """A ``networkx.MultiDiGraph``: a node for each claim, argument, actor, source, group
        and side, with its fields as attributes and ``element`` naming what it is; an edge
        for each relation (``from`` → ``to``) and each stance (``actor`` → ``target``), with
        its fields and ``element`` (``relation`` or ``stance``). ``graph["title"]`` and
        ``graph["description"]`` hold the map's."""
        import networkx as nx

        doc = self._file()
        g = nx.MultiDiGraph()
        g.graph["title"] = doc.get("title", "")
        g.graph["argumap"] = doc["argumap"]
        if "description" in doc:
            g.graph["description"] = doc["description"]
        for key, element in _NODES.items():
            for e in doc.get(key, []):
                attrs = copy.deepcopy(e)
                node = attrs.pop("id")
                g.add_node(node, element=element, **attrs)
        for r in doc.get("relations", []):
            attrs = copy.deepcopy(r)
            g.add_edge(attrs.pop("from"), attrs.pop("to"), element="relation", **attrs)
        for s in doc.get("stances", []):
            attrs = copy.deepcopy(s)
            g.add_edge(attrs.pop("actor"), attrs.pop("target"), element="stance", **attrs)
        return g


def _from_canonical(text: str, name: str = "map") -> Map:
    return Map(_native(_argumap.loads, text, "json", "", name), name)


def _write_atomically(path: str, data: bytes) -> None:
    # A symbolic link stays a link: the file it points to is replaced.
    if os.path.islink(path):
        path = os.path.realpath(path)
    try:
        mode: Optional[int] = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(f"cannot write `{path}`: it is a directory")
        # A device, a named pipe or a socket is written in place, never renamed over.
        with open(path, "wb") as out:
            out.write(data)
        return
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=".argumap-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def load(path: Union[str, "os.PathLike[str]"], format: Optional[str] = None) -> Map:
    """The map in the file at ``path``, in ``format`` or the format the command line
    detects (from the extension and, for ``.json``, the content). Raises :class:`MapError`
    when it does not load, ``OSError`` never: an unreadable file is a ``MapError`` too."""
    path = os.fspath(path)
    return Map(_native(_argumap.load, path, format), path)


def loads(text: Union[str, bytes, bytearray, memoryview], format: Optional[str] = None, name: str = "map") -> Map:
    """The map in ``text`` (``str``, or UTF-8 ``bytes``), in ``format`` or the format the
    command line detects for standard input. ``name`` names it in messages."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as e:
            problem = Problem(name, "not-utf8", None, None, None, None, "error", f"the text is not UTF-8 (byte {e.start})", None)
            raise MapError(f"{name} is not UTF-8 text (byte {e.start})", [problem]) from None
    if not isinstance(text, str):
        raise TypeError(f"loads takes str or bytes, not {type(text).__name__}")
    return Map(_native(_argumap.loads, text, format, "", name), name)


@dataclass(frozen=True)
class Loaded:
    """The maps :func:`load_many` loaded, and the problems of the files that did not load.

    ``maps`` maps each path that loaded to its map, ``errors`` each path that did not to
    its :class:`MapError`, both in the order of the paths given."""

    maps: Dict[str, Map]
    errors: Dict[str, MapError]

    def __len__(self) -> int:
        return len(self.maps)

    def __iter__(self):
        return iter(self.maps.values())


def load_many(paths: Iterable[Union[str, "os.PathLike[str]"]], workers: Optional[int] = None, format: Optional[str] = None) -> Loaded:
    """Loads every file of ``paths`` on ``workers`` threads (every core by default),
    without holding the GIL while reading; a file that does not load is reported in
    ``errors`` and the others still load."""
    paths = [os.fspath(p) for p in paths]
    if workers is not None and workers < 1:
        raise ValueError("workers must be at least 1")
    results = _argumap.load_many(paths, format, workers)
    maps: Dict[str, Map] = {}
    errors: Dict[str, MapError] = {}
    for path, (native, failure) in zip(paths, results):
        if native is not None:
            maps[path] = Map(native, path)
        else:
            message, problems = failure
            errors[path] = MapError(message, _problems(problems))
    return Loaded(maps, errors)


def from_networkx(g: Any, title: Optional[str] = None) -> Map:
    """The map a graph made by :meth:`Map.to_networkx` (or built the same way) describes:
    nodes with an ``element`` attribute become elements, edges with ``element`` equal to
    ``relation`` or ``stance`` become relations and stances. Raises :class:`MapError` when
    the result is no valid map."""
    doc: Dict[str, Any] = {
        "argumap": g.graph.get("argumap", _FILE_VERSION),
        "title": title if title is not None else g.graph.get("title", ""),
    }
    if "description" in g.graph:
        doc["description"] = g.graph["description"]
    lists: Dict[str, List[Dict[str, Any]]] = {k: [] for k in _LISTS}
    by_element = {v: k for k, v in _NODES.items()}
    for node, attrs in g.nodes(data=True):
        attrs = dict(attrs)
        element = attrs.pop("element", None)
        if element is None:
            continue
        if element not in by_element:
            raise ValueError(f"node {node!r}: unknown element {element!r}")
        lists[by_element[element]].append({"id": node, **attrs})
    for u, v, attrs in g.edges(data=True):
        attrs = dict(attrs)
        element = attrs.pop("element", None)
        if element == "relation":
            lists["relations"].append({"from": u, "to": v, **attrs})
        elif element == "stance":
            lists["stances"].append({"actor": u, "target": v, **attrs})
    for key in _LISTS:
        if lists[key]:
            doc[key] = lists[key]
    return loads(json.dumps(doc), format="json", name=doc["title"] or "graph")


def formats() -> List[Dict[str, Any]]:
    """The formats: ``[{"name", "extension", "read", "write"}]``."""
    return [
        {"name": n, "extension": e, "read": r, "write": w}
        for n, e, r, w in _argumap.formats()
    ]


def look_options() -> List[Dict[str, Any]]:
    """The look options ``render`` and ``convert`` take, as keyword arguments (``no_legend``
    for the command line's ``--no-legend``): ``[{"name", "value_name", "help", "default",
    "values"}]``."""
    return [
        {"name": n.replace("-", "_"), "value_name": v, "help": h, "default": d, "values": vals}
        for n, v, h, d, vals in _argumap.look_options()
    ]
