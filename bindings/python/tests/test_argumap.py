"""The Python package against the command line, the samples of every format, and hostile
input. Run by `cargo test` (tests/it/python.rs), which sets ARGUMAP_BIN to the command line's
binary."""

import json
import multiprocessing
import os
import pickle
import subprocess
from pathlib import Path

import pytest

import argumap

ROOT = Path(__file__).resolve().parents[3]
MAPS = sorted((ROOT / "maps").glob("*.json"))
CLI = os.environ.get("ARGUMAP_BIN")


def cli(*args):
    if not CLI:
        pytest.skip("ARGUMAP_BIN is not set (cargo test sets it)")
    out = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, check=True)
    return out.stdout


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_the_maps_load_with_every_element(path):
    # The canonical file (defaults left out), as the command line writes it.
    doc = json.loads(cli("convert", path, "--to", "json"))
    m = argumap.load(path)
    assert m.title == doc["title"]
    for key in ("claims", "arguments", "actors", "relations", "stances", "sources", "groups", "sides"):
        assert getattr(m, key) == doc.get(key, []), key
    ids = sum(len(doc.get(k, [])) for k in ("claims", "arguments", "actors", "sources", "groups", "sides"))
    assert len(m) == ids
    assert m.check() == [p for p in m.check() if p.severity == "warning"]


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_outputs_are_the_command_lines(path):
    m = argumap.load(path)
    assert m.convert("dot") == cli("convert", path, "--to", "dot")
    assert m.convert("dot", theme="print", no_legend=True) == cli("convert", path, "--to", "dot", "--theme", "print", "--no-legend")
    assert m.to_json() == cli("convert", path, "--to", "json")
    assert m.convert("mermaid") == cli("convert", path, "--to", "mermaid")
    verdicts = json.loads(cli("eval", path, "--json"))
    undec = {"in": "in", "out": "out", "undec": "undecided"}
    assert m.evaluate("grounded") == {e["id"]: undec[e["label"]] for e in verdicts["elements"]}
    preferred = json.loads(cli("eval", path, "--semantics", "preferred", "--json"))
    assert m.evaluate("preferred") == {e["id"]: {"credulous": e["credulous"], "sceptical": e["sceptical"]} for e in preferred["elements"]}
    assert m.report() == json.loads(cli("report", path, "--json"))
    strengths = json.loads(cli("eval", path, "--strength", "dfquad", "--json"))
    assert m.strengths("dfquad") == {e["id"]: e["strength"] for e in strengths["elements"]}
    text = cli("eval", path)
    for claim in m.claims[:5]:
        assert m.explain(claim["id"]) in text


def test_the_notebook_lines():
    m = argumap.load(ROOT / "maps/encryption-debate.json")
    assert m.evaluate("grounded")["police-blocked"] in ("in", "out", "undecided")
    g = m.to_networkx()
    assert g.number_of_nodes() == len(m)
    assert g.number_of_edges() == len(m.relations) + len(m.stances)
    claim = m.claims[0]
    assert g.nodes[claim["id"]]["element"] == "claim"
    assert g.nodes[claim["id"]]["text"] == claim["text"]
    kinds = {d["kind"] for _, _, d in g.edges(data=True) if d["element"] == "stance"}
    assert kinds <= {s["kind"] for s in m.stances}
    back = argumap.from_networkx(g)
    assert back.title == m.title
    for key in ("claims", "arguments", "actors", "sources", "groups", "sides"):
        assert getattr(back, key) == getattr(m, key), key
    by = lambda xs: sorted(json.dumps(x, sort_keys=True) for x in xs)
    assert by(back.relations) == by(m.relations)
    assert by(back.stances) == by(m.stances)


def test_repr_svg_is_the_built_in_picture():
    m = argumap.load(ROOT / "maps/school-uniforms.json")
    svg = m._repr_svg_()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and svg.rstrip().endswith("</svg>")
    assert m.claims[0]["id"] in svg
    png = m.render("png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="look options"):
        m.render(colour="red")


SAMPLES = [
    ("aif/sample.aif.json", "aif"),
    ("aif/sample.xaif.json", "aif"),
    ("aif/arguebuf-sample.aif.json", "aif"),
    ("sadface/sample.sadface.json", "sadface"),
    ("argdown/sample.argdown", "argdown"),
    ("kialo/sample-kialo.txt", "kialo"),
    ("microtexts/sample.microtexts.xml", "microtexts"),
]


@pytest.mark.parametrize("rel,fmt", SAMPLES)
def test_samples_of_every_format(rel, fmt):
    path = ROOT / "tests/data" / rel
    m = argumap.load(path)
    assert m.format == fmt or (fmt == "aif" and m.format in ("aif", "xaif"))
    assert len(m) > 0
    assert m.to_json() == cli("convert", path, "--to", "json")
    again = argumap.loads(path.read_bytes())
    assert again == m


def test_save_is_atomic_and_by_extension(tmp_path):
    m = argumap.load(ROOT / "maps/encryption-debate.json")
    target = tmp_path / "out.dot"
    target.write_text("old")
    os.chmod(target, 0o640)
    m.save(target)
    assert target.read_text() == m.convert("dot")
    assert (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.dot"]
    m.save(tmp_path / "m.argdown")
    assert argumap.load(tmp_path / "m.argdown").title == m.title
    m.save("/dev/null", to="json")
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
    with pytest.raises(ValueError):
        m.save(tmp_path / "out.unknown")


def test_errors_carry_their_problems():
    with pytest.raises(argumap.MapError) as e:
        argumap.loads('{"argumap": 1, "title": "t", "claims": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}')
    assert isinstance(e.value, ValueError)
    p = e.value.problems[0]
    assert (p.severity, p.path) == ("error", "map")
    assert p.line is not None and p.column is not None and p.code
    assert isinstance(pickle.loads(pickle.dumps(e.value)), argumap.MapError)
    with pytest.raises(argumap.MapError):
        argumap.loads(b"\xff\xfe not utf-8")
    with pytest.raises(argumap.MapError):
        argumap.load(ROOT / "no such file.json")
    with pytest.raises(ValueError):
        argumap.load(ROOT / "maps/encryption-debate.json").convert("nonsense")


def hostile_inputs():
    for folder in (ROOT / "fuzz/seeds", ROOT / "tests/data/fuzz"):
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".md",) and "LICENSE" not in p.name)


def test_hostile_and_truncated_inputs_never_crash():
    inputs = list(hostile_inputs())
    assert inputs, "fuzz/seeds and tests/data/fuzz hold inputs"
    refused = 0
    for path in inputs:
        data = path.read_bytes()
        for cut in {len(data), len(data) // 2, len(data) // 3}:
            try:
                m = argumap.loads(data[:cut])
            except argumap.MapError as e:
                refused += 1
                assert all(p.severity in ("error", "warning") for p in e.problems)
                continue
            m.to_json()
            m.evaluate("grounded")
    assert refused > 0


def titles(text):
    return argumap.loads(text).title


def test_maps_travel_through_a_process_pool():
    paths = MAPS + [ROOT / "tests/data" / rel for rel, _ in SAMPLES]
    loaded = argumap.load_many(paths, workers=2)
    assert not loaded.errors and len(loaded) == len(paths)
    maps = list(loaded)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        back = pool.map(pickle.loads, [pickle.dumps(m) for m in maps])
        assert back == maps
        assert pool.map(titles, [m.to_json().encode() for m in maps]) == [m.title for m in maps]


def test_load_many_reports_each_file():
    bad = ROOT / "tests/data/fuzz"
    paths = [ROOT / "maps/encryption-debate.json", ROOT / "missing.json"]
    loaded = argumap.load_many(paths)
    assert list(loaded.maps) == [str(paths[0])]
    assert list(loaded.errors) == [str(paths[1])]
    assert bad.is_dir()
