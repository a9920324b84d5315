// Loads Cytoscape.js JSON headless, as a web page would, and prints what Cytoscape made of
// it as JSON: every node with its kind, label, text and parent, and every edge with its
// ends and kind. Anything Cytoscape complains about goes to stderr, which the test checks.
//
// Usage: node cytoscape_check.js FILE.cyjs

'use strict';

const fs = require('fs');
const path = require('path');
const cytoscape = require(path.join(__dirname, '../js/node_modules/cytoscape'));

const json = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cy = cytoscape({ headless: true, elements: json.elements, data: json.data });
const result = {
  name: cy.data('name'),
  node_count: cy.nodes().length,
  edge_count: cy.edges().length,
  nodes: cy.nodes().map((n) => ({
    id: n.id(),
    kind: n.data('kind'),
    label: n.data('label'),
    text: n.data('text'),
    parent: n.isChild() ? n.parent().id() : null,
  })),
  edges: cy.edges().map((e) => ({
    id: e.id(),
    source: e.source().id(),
    target: e.target().id(),
    kind: e.data('kind'),
  })),
};
process.stdout.write(JSON.stringify(result));
