"""Reads a GraphML file with networkx, as a yEd or Gephi user's script would, and prints
what networkx made of it as JSON: the graph's attributes, every node with its attributes,
and every edge as [source, target, id, attributes].

Usage: python3 graphml_check.py FILE.graphml
"""

import json
import sys

import networkx

# A multigraph keeps two edges between the same nodes (a claim that both supports and
# rephrases another) and keys each edge by its GraphML id.
graph = networkx.read_graphml(sys.argv[1], force_multigraph=True)
result = {
    "directed": graph.is_directed(),
    "graph": graph.graph,
    "node_count": graph.number_of_nodes(),
    "edge_count": graph.number_of_edges(),
    "nodes": {node: data for node, data in graph.nodes(data=True)},
    "edges": [[u, v, key, data] for u, v, key, data in graph.edges(keys=True, data=True)],
}
# ASCII with escapes: the text survives any locale on the way back to the test.
json.dump(result, sys.stdout, ensure_ascii=True)
