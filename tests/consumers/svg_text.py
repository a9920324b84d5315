"""Reads an SVG that mermaid-cli drew and prints, as JSON, what a reader would see and what
a browser would run: the text of each flowchart node (by the node id in the Mermaid source,
line breaks as newlines), the text of each subgraph title and edge label, the chart title,
and every element or attribute that could run script.

Usage: python3 svg_text.py FILE.svg
"""

import json
import re
import sys
import xml.etree.ElementTree as ET


def local(name):
    return name.rsplit("}", 1)[-1]


def text_of(element):
    """The element's text with <br> as a newline, as a browser lays it out."""
    parts = []

    def walk(e):
        if local(e.tag) == "br":
            parts.append("\n")
        if e.text:
            parts.append(e.text)
        for child in e:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


root = ET.parse(sys.argv[1]).getroot()
nodes, clusters, edge_labels, titles = {}, {}, [], []
scripts, handlers, links = 0, [], []
for e in root.iter():
    tag = local(e.tag)
    classes = (e.get("class") or "").split()
    if tag == "script":
        scripts += 1
    for name, value in e.attrib.items():
        if local(name).lower().startswith("on"):
            handlers.append(f"{tag} {local(name)}")
        if local(name) == "href" and not value.startswith("#"):
            links.append(value)
    if tag != "g" and "flowchartTitleText" in classes:
        titles.append(text_of(e))
    if tag != "g":
        continue
    # Nodes are <g class="node ..." id="my-svg-flowchart-n3-7">, subgraphs
    # <g class="cluster" id="my-svg-g0">: the SVG's own id comes first.
    match = re.fullmatch(r".*flowchart-(n\d+)-\d+", e.get("id") or "")
    if "node" in classes and match:
        nodes[match.group(1)] = text_of(e)
    elif "cluster" in classes:
        clusters[e.get("id") or ""] = text_of(e)
    elif "edgeLabel" in classes:
        edge_labels.append(text_of(e))

json.dump(
    {
        "nodes": nodes,
        "clusters": clusters,
        "edge_labels": edge_labels,
        "titles": titles,
        "scripts": scripts,
        "handlers": handlers,
        "links": links,
    },
    sys.stdout,
    ensure_ascii=True,
)
