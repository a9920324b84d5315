// argumap's page script: pan and zoom, details of the element clicked, search, filters.
// Every piece of map text reaches the page through textContent; nothing is parsed as HTML.
// The page's Content-Security-Policy allows this script by its hash: after an edit, update
// SCRIPT_SHA256 in html.rs (its test prints the new value).
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('argumap-data').textContent);
  var diagram = document.getElementById('am-diagram');
  var svg = diagram.querySelector('svg');
  var panel = document.getElementById('am-panel');
  var details = document.getElementById('am-details');
  var help = document.getElementById('am-help');
  var helpButton = document.getElementById('am-help-button');
  var searchInput = document.getElementById('am-search');
  var searchCount = document.getElementById('am-search-count');
  var actorSelect = document.getElementById('am-actor');
  var tagSelect = document.getElementById('am-tag');
  var filterCount = document.getElementById('am-filter-count');

  var KIND = { claim: 'Claim', argument: 'Argument', actor: 'Actor' };
  var OUT = {
    supports: 'Supports', rebuts: 'Rebuts', undercuts: 'Undercuts', premise: 'Premise of',
    conclusion: 'Concludes', contradicts: 'Contradicts', rephrases: 'Rephrases'
  };
  var IN = {
    supports: 'Supported by', rebuts: 'Rebutted by', undercuts: 'Undercut by',
    premise: 'Premise', conclusion: 'Concluded by', contradicts: 'Contradicted by',
    rephrases: 'Rephrased by'
  };
  var LINKS = { member_of: 'Member of', speaks_for: 'Speaks for' };
  var LINKED = { member_of: 'Members', speaks_for: 'Spoken for by' };

  // ---- the data, indexed (Maps, never plain objects: an id may be "constructor") -------

  function index(list, key) {
    var out = new Map();
    list.forEach(function (item) {
      var k = item[key];
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(item);
    });
    return out;
  }

  var elements = new Map();
  data.elements.forEach(function (e) { elements.set(e.id, e); });
  var sources = new Map();
  data.sources.forEach(function (s) { sources.set(s.id, s); });
  var relationsFrom = index(data.relations, 'from');
  var relationsTo = index(data.relations, 'to');
  var stancesOn = index(data.stances, 'target');
  var stancesBy = index(data.stances, 'actor');
  var linksFrom = index(data.actor_links, 'actor');
  var linksTo = index(data.actor_links, 'of');
  var groupsOf = new Map();
  data.groups.forEach(function (g) {
    g.members.forEach(function (m) {
      if (!groupsOf.has(m)) groupsOf.set(m, []);
      groupsOf.get(m).push(g);
    });
  });

  function label(e) {
    return e.title || e.text || e.name || (KIND[e.kind] + ' ' + e.id);
  }

  function labelOf(id) {
    var e = elements.get(id);
    return e ? label(e) : id;
  }

  function fold(text) {
    return String(text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }

  // What search looks in: the words a reader sees in the panel for the element itself.
  var haystacks = new Map();
  data.elements.forEach(function (e) {
    var words = [e.id, e.text, e.title, e.name, e.role, e.quote].concat(e.tags || []);
    haystacks.set(e.id, fold(words.filter(Boolean).join('\n')));
  });

  // ---- the diagram's nodes and edges, found by their <title> -------------------------

  var nodes = new Map();
  svg.querySelectorAll('g.node').forEach(function (g) {
    var title = g.querySelector(':scope > title');
    var id = title ? title.textContent : '';
    var e = elements.get(id);
    if (!e) return; // the legend's nodes
    nodes.set(id, g);
    g.classList.add('am-node');
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', KIND[e.kind] + ': ' + label(e));
  });

  var edges = [];
  svg.querySelectorAll('g.edge').forEach(function (g) {
    var title = g.querySelector(':scope > title');
    var text = title ? title.textContent : '';
    var arrow = text.indexOf('->'); // ids hold no '>', so the first "->" is the arrow
    if (arrow < 0) return;
    var from = text.slice(0, arrow);
    var to = text.slice(arrow + 2);
    if (nodes.has(from) || nodes.has(to)) edges.push({ g: g, from: from, to: to });
  });

  function isBundle(id) {
    var g = nodes.get(id);
    return !!g && g.classList.contains('bundle');
  }

  // The drawing's own colours for each kind of node and line, whatever theme drew it, so
  // that the help's legend and the panel's labels match the picture.
  var looks = new Map();
  ['claim', 'argument', 'actor'].forEach(function (kind) {
    var shape = svg.querySelector('g.node.' + kind + ' :is(polygon, ellipse, path)');
    if (shape) looks.set(kind, { fill: shape.getAttribute('fill'), stroke: shape.getAttribute('stroke') });
  });
  ['supports', 'rebuts'].forEach(function (kind) {
    var line = svg.querySelector('g.edge.' + kind + ' path');
    if (line) {
      looks.set(kind, { stroke: line.getAttribute('stroke'), dashed: line.hasAttribute('stroke-dasharray') });
    }
  });

  function paint(node, kind) {
    var look = looks.get(kind);
    if (!look) return;
    var shape = node instanceof SVGElement;
    if (look.fill) node.style[shape ? 'fill' : 'backgroundColor'] = look.fill;
    if (look.stroke) node.style[shape ? 'stroke' : 'borderColor'] = look.stroke;
  }

  ['claim', 'argument', 'actor'].forEach(function (kind) {
    help.querySelectorAll('.am-swatch-' + kind).forEach(function (swatch) { paint(swatch, kind); });
  });
  ['supports', 'rebuts'].forEach(function (kind) {
    var look = looks.get(kind);
    if (!look) return;
    help.querySelectorAll('.am-line-' + kind).forEach(function (line) {
      line.style.borderTopColor = look.stroke;
      line.style.borderTopStyle = look.dashed ? 'dashed' : 'solid';
    });
  });

  // The node an actor is drawn in: its own, or its bundle's.
  var drawnAs = new Map();
  data.elements.forEach(function (e) {
    if (e.kind === 'actor' && e.bundle && isBundle(e.id)) {
      e.bundle.forEach(function (member) { drawnAs.set(member, e.id); });
    }
  });

  // ---- pan and zoom, by moving and scaling the SVG's viewBox ---------------------------

  var base = svg.viewBox.baseVal;
  var home = base && base.width > 0
    ? { x: base.x, y: base.y, w: base.width, h: base.height }
    : (function () { var b = svg.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height }; })();
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };
  // Whether the view is the fitted one, to fit again when the window changes size.
  var fitted = true;

  function setView(v) {
    view = v;
    fitted = false;
    svg.setAttribute('viewBox', [v.x, v.y, v.w, v.h].map(function (n) {
      return Math.round(n * 100) / 100;
    }).join(' '));
  }

  function toSvg(clientX, clientY) {
    var m = svg.getScreenCTM();
    if (!m) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    return new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
  }

  function pixelsPerUnit() {
    var m = svg.getScreenCTM();
    return m ? m.a : 1;
  }

  function zoomAt(factor, clientX, clientY) {
    var w = Math.min(Math.max(view.w * factor, home.w / 40), home.w * 4);
    var f = w / view.w;
    var p = toSvg(clientX, clientY);
    setView({ x: p.x - (p.x - view.x) * f, y: p.y - (p.y - view.y) * f, w: view.w * f, h: view.h * f });
  }

  // The part of the diagram the panel does not cover (it lies over the right side, or over
  // the bottom in a narrow window).
  function visibleRect() {
    var d = diagram.getBoundingClientRect();
    var r = { left: d.left, top: d.top, right: d.right, bottom: d.bottom };
    if (!panel.hidden) {
      var p = panel.getBoundingClientRect();
      if (p.left > d.left + d.width / 2) r.right = Math.min(r.right, p.left);
      else if (p.top > d.top + d.height / 2) r.bottom = Math.min(r.bottom, p.top);
    }
    return r;
  }

  function visibleCentre() {
    var r = visibleRect();
    return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
  }

  function zoomBy(factor) {
    var c = visibleCentre();
    zoomAt(factor, c.x, c.y);
  }

  // Shows the whole drawing, as large as the visible part of the diagram allows.
  function fit() {
    var d = diagram.getBoundingClientRect();
    var v = visibleRect();
    var vw = v.right - v.left;
    var vh = v.bottom - v.top;
    if (d.width <= 0 || d.height <= 0 || vw <= 0 || vh <= 0) {
      setView({ x: home.x, y: home.y, w: home.w, h: home.h });
    } else {
      // A small map is enlarged, but not beyond twice its size.
      var s = Math.min(vw / home.w, vh / home.h, 2);
      var left = v.left - d.left + (vw - home.w * s) / 2;
      var top = v.top - d.top + (vh - home.h * s) / 2;
      setView({ x: home.x - left / s, y: home.y - top / s, w: d.width / s, h: d.height / s });
    }
    fitted = true;
  }

  window.addEventListener('resize', function () {
    if (fitted) fit();
  });

  function panBy(dxPixels, dyPixels) {
    var s = pixelsPerUnit();
    setView({ x: view.x - dxPixels / s, y: view.y - dyPixels / s, w: view.w, h: view.h });
  }

  // Puts a node in the middle of the visible diagram; with `readable`, zooms in first if
  // its text would be small.
  function centreOn(id, readable) {
    var g = nodes.get(id);
    if (!g) return;
    var r = g.getBoundingClientRect();
    var s = pixelsPerUnit();
    if (readable && s < 1) zoomAt(s, r.left + r.width / 2, r.top + r.height / 2);
    r = g.getBoundingClientRect();
    var c = visibleCentre();
    panBy(c.x - (r.left + r.width / 2), c.y - (r.top + r.height / 2));
  }

  // Brings a node out from under the panel or the window's edge.
  function reveal(id) {
    var g = nodes.get(id);
    if (!g) return;
    var r = g.getBoundingClientRect();
    var v = visibleRect();
    if (r.left < v.left || r.right > v.right || r.top < v.top || r.bottom > v.bottom) centreOn(id, false);
  }

  var drag = null;
  var dragged = false;

  diagram.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0) return;
    drag = { id: ev.pointerId, x: ev.clientX, y: ev.clientY, view: view, s: pixelsPerUnit(), moving: false };
    dragged = false;
  });
  diagram.addEventListener('pointermove', function (ev) {
    if (!drag || ev.pointerId !== drag.id) return;
    var dx = ev.clientX - drag.x;
    var dy = ev.clientY - drag.y;
    if (!drag.moving && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moving) {
      // Captured only once it is a drag, so that a plain click still lands on its node.
      drag.moving = true;
      diagram.setPointerCapture(ev.pointerId);
      diagram.classList.add('am-dragging');
    }
    setView({ x: drag.view.x - dx / drag.s, y: drag.view.y - dy / drag.s, w: drag.view.w, h: drag.view.h });
  });
  function endDrag(ev) {
    if (!drag || ev.pointerId !== drag.id) return;
    dragged = drag.moving;
    drag = null;
    diagram.classList.remove('am-dragging');
  }
  diagram.addEventListener('pointerup', endDrag);
  diagram.addEventListener('pointercancel', endDrag);

  diagram.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var step = ev.deltaMode === 1 ? 0.05 : ev.deltaMode === 2 ? 1 : 0.0015;
    zoomAt(Math.exp(ev.deltaY * step), ev.clientX, ev.clientY);
  }, { passive: false });

  document.getElementById('am-zoom-in').addEventListener('click', function () { zoomBy(1 / 1.25); });
  document.getElementById('am-zoom-out').addEventListener('click', function () { zoomBy(1.25); });
  document.getElementById('am-zoom-reset').addEventListener('click', fit);

  diagram.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var node = ev.target.closest('.am-node');
    var step = 80;
    switch (ev.key) {
      case 'Enter':
      case ' ':
        if (!node) return;
        select(node.querySelector(':scope > title').textContent, 'reveal');
        break;
      case '+': case '=': zoomBy(1 / 1.25); break;
      case '-': case '_': zoomBy(1.25); break;
      case '0': fit(); break;
      case 'ArrowLeft': panBy(step, 0); break;
      case 'ArrowRight': panBy(-step, 0); break;
      case 'ArrowUp': panBy(0, step); break;
      case 'ArrowDown': panBy(0, -step); break;
      default: return;
    }
    ev.preventDefault();
  });

  // A node reached with Tab is brought into view.
  diagram.addEventListener('focusin', function (ev) {
    var node = ev.target.closest('.am-node');
    if (node) reveal(node.querySelector(':scope > title').textContent);
  });

  diagram.addEventListener('click', function (ev) {
    if (dragged) { dragged = false; return; }
    var node = ev.target.closest('.am-node');
    if (node) select(node.querySelector(':scope > title').textContent, 'reveal');
  });

  // ---- the details panel ----------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Map text: its own direction, isolated so that a right-to-left mark cannot turn the
  // panel's words around it.
  function txt(tag, className, text) {
    var node = el(tag, className, text);
    node.dir = 'auto';
    return node;
  }

  function section(title) {
    var s = el('section', 'am-section');
    s.appendChild(el('h3', null, title));
    return s;
  }

  function jump(id) {
    var b = txt('button', 'am-jump', labelOf(id));
    b.type = 'button';
    b.title = elements.has(id) ? KIND[elements.get(id).kind] + ' ' + id : id;
    b.dataset.target = id;
    b.addEventListener('click', function () { select(id, 'centre'); });
    return b;
  }

  function webLink(url) {
    try {
      var u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
      var a = el('a', 'am-link', 'Open the source');
      a.href = u.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      return a;
    } catch (e) {
      return null;
    }
  }

  function sourceBlock(id) {
    var s = sources.get(id);
    if (!s) return null;
    var box = el('div', 'am-source');
    box.appendChild(txt('cite', null, s.title));
    var facts = [s.author, s.publisher, s.date, s.kind].filter(Boolean);
    if (facts.length) box.appendChild(txt('div', 'am-meta', facts.join(' · ')));
    if (s.url) {
      var a = webLink(s.url);
      if (a) {
        box.appendChild(a);
        box.appendChild(txt('span', 'am-url', ' ' + a.href));
      }
    }
    return box;
  }

  // The quote, date and source of a stance or relation, under it.
  function provenance(item, into) {
    if (item.quote) into.appendChild(txt('blockquote', null, item.quote));
    var facts = [];
    if (item.date) facts.push(item.date);
    if (item.source) facts.push(sources.has(item.source) ? sources.get(item.source).title : item.source);
    if (facts.length) into.appendChild(txt('div', 'am-meta', facts.join(' · ')));
    if (item.note) into.appendChild(txt('p', 'am-note', item.note));
  }

  function badge(kind) {
    return el('span', 'am-badge am-badge-' + kind, kind);
  }

  // Items grouped by a key, in the order each key first appears.
  function groupBy(list, key) {
    var groups = new Map();
    list.forEach(function (item) {
      var k = key(item);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(item);
    });
    return Array.from(groups.values());
  }

  // One section per kind of relation ("Supported by", "Rebuts"), each listing the elements
  // at the other end.
  function relationSections(list, otherEnd, words, out) {
    groupBy(list || [], function (r) { return r.kind; }).forEach(function (group) {
      var kind = group[0].kind;
      var s = section(words[kind] || kind);
      s.classList.add('am-rel-' + kind);
      var ul = el('ul', 'am-list');
      group.forEach(function (r) {
        var li = el('li');
        li.appendChild(jump(r[otherEnd]));
        if (r.by && r.by.length) {
          li.appendChild(txt('div', 'am-meta', 'by ' + r.by.map(labelOf).join(', ')));
        }
        provenance(r, li);
        ul.appendChild(li);
      });
      s.appendChild(ul);
      out.appendChild(s);
    });
  }

  function tagList(tags) {
    if (!tags || !tags.length) return null;
    var s = section('Tags');
    tags.forEach(function (t) {
      var b = txt('button', 'am-tag', t);
      b.type = 'button';
      b.title = 'Show only what is tagged ' + t;
      b.addEventListener('click', function () { tagSelect.value = t; refresh(); });
      s.appendChild(b);
    });
    return s;
  }

  function add(parent, child) {
    if (child) parent.appendChild(child);
  }

  function claimDetails(e, out) {
    if (e.title && e.text) out.appendChild(txt('p', 'am-text', e.text));
    var stances = stancesOn.get(e.id);
    if (stances) {
      var s = section('Who says what');
      var ul = el('ul', 'am-list');
      // Actors who take the same stance from the same words share one line.
      groupBy(stances, function (st) {
        return JSON.stringify([st.kind, st.source, st.quote, st.date, st.note]);
      }).forEach(function (group) {
        var li = el('li');
        var head = el('div', 'am-stance');
        group.forEach(function (st) { head.appendChild(jump(st.actor)); });
        head.appendChild(badge(group[0].kind));
        li.appendChild(head);
        provenance(group[0], li);
        ul.appendChild(li);
      });
      s.appendChild(ul);
      out.appendChild(s);
    }
    if (e.quote || e.date) {
      var q = section('Quote');
      if (e.quote) q.appendChild(txt('blockquote', null, e.quote));
      if (e.date) q.appendChild(txt('div', 'am-meta', 'Said ' + e.date));
      out.appendChild(q);
    }
    if (e.source) {
      var src = section('Source');
      add(src, sourceBlock(e.source));
      out.appendChild(src);
    }
  }

  function actorDetails(e, out) {
    var facts = [e.actor_kind, e.role].filter(Boolean);
    if (facts.length) out.appendChild(txt('p', 'am-text', facts.join(' — ')));
    if (e.bundle && isBundle(e.id)) {
      var b = section('Drawn together');
      b.appendChild(el('p', 'am-meta', 'These actors take the same stances, so the diagram shows them as one:'));
      var ul = el('ul', 'am-list');
      e.bundle.forEach(function (id) {
        var li = el('li');
        li.appendChild(jump(id));
        var other = elements.get(id);
        if (other && other.role) li.appendChild(txt('div', 'am-meta', other.role));
        ul.appendChild(li);
      });
      b.appendChild(ul);
      out.appendChild(b);
    }
    var links = (linksFrom.get(e.id) || []).map(function (l) { return [LINKS[l.kind] || l.kind, l.of]; })
      .concat((linksTo.get(e.id) || []).map(function (l) { return [LINKED[l.kind] || l.kind, l.actor]; }));
    if (links.length) {
      var s = section('Ties');
      var list = el('ul', 'am-list');
      links.forEach(function (pair) {
        var li = el('li', 'am-rel');
        li.appendChild(el('span', 'am-rel-kind', pair[0]));
        li.appendChild(jump(pair[1]));
        list.appendChild(li);
      });
      s.appendChild(list);
      out.appendChild(s);
    }
    var stances = stancesBy.get(e.id);
    if (stances) {
      var st = section('Stances');
      var ul2 = el('ul', 'am-list');
      stances.forEach(function (x) {
        var li = el('li');
        var head = el('div', 'am-stance');
        head.appendChild(badge(x.kind));
        head.appendChild(jump(x.target));
        li.appendChild(head);
        provenance(x, li);
        ul2.appendChild(li);
      });
      st.appendChild(ul2);
      out.appendChild(st);
    }
  }

  var selected = null;

  function showPanel(which) {
    panel.hidden = false;
    help.hidden = which !== 'help';
    details.hidden = which !== 'details';
    helpButton.setAttribute('aria-expanded', String(which === 'help'));
  }

  function unmark() {
    if (selected && nodes.has(selected)) nodes.get(selected).classList.remove('am-selected');
    selected = null;
  }

  function closePanel() {
    var back = selected && nodes.get(selected);
    var inside = panel.contains(document.activeElement);
    unmark();
    panel.hidden = true;
    details.replaceChildren();
    helpButton.setAttribute('aria-expanded', 'false');
    if (inside) (back || helpButton).focus({ preventScroll: true });
  }

  // Shows an element's details; then `how` moves the view: 'reveal' only if the node is
  // hidden, 'centre' always (zooming in to readable text).
  // The node an element is drawn as: its own, or for an actor, its bundle's.
  function nodeIdOf(id) {
    return nodes.has(id) ? id : drawnAs.get(id);
  }

  function select(id, how) {
    var e = elements.get(id);
    if (!e) return;
    unmark();
    var nodeId = nodeIdOf(id);
    selected = nodeId;
    if (nodeId) nodes.get(nodeId).classList.add('am-selected');

    var out = document.createDocumentFragment();
    var top = el('div', 'am-top');
    var kindLabel = el('span', 'am-kind am-kind-' + e.kind, KIND[e.kind]);
    paint(kindLabel, e.kind);
    top.appendChild(kindLabel);
    top.appendChild(txt('code', 'am-id', e.id));
    out.appendChild(top);
    var heading = txt('h2', 'am-heading', label(e));
    heading.tabIndex = -1;
    out.appendChild(heading);

    if (e.kind === 'actor') actorDetails(e, out);
    else claimDetails(e, out);
    add(out, tagList(e.tags));
    var groups = groupsOf.get(e.id);
    if (groups) {
      var g = section('Section');
      groups.forEach(function (grp) { g.appendChild(txt('p', null, grp.title)); });
      out.appendChild(g);
    }
    relationSections(relationsTo.get(e.id), 'from', IN, out);
    relationSections(relationsFrom.get(e.id), 'to', OUT, out);
    if (e.note) {
      var n = section('Note');
      n.appendChild(txt('p', 'am-note', e.note));
      out.appendChild(n);
    }
    if (!nodeId) {
      out.appendChild(el('p', 'am-meta', 'This element is not drawn in the diagram.'));
    }

    details.replaceChildren(out);
    showPanel('details');
    panel.scrollTop = 0;
    if (how === 'centre') {
      if (nodeId) centreOn(nodeId, true);
      heading.focus({ preventScroll: true });
    } else if (how === 'reveal' && nodeId) {
      reveal(nodeId);
    }
  }

  helpButton.addEventListener('click', function () {
    if (!panel.hidden && !help.hidden) {
      closePanel();
    } else {
      unmark();
      showPanel('help');
    }
  });
  document.getElementById('am-close').addEventListener('click', closePanel);

  // ---- search and filters -----------------------------------------------------------

  data.elements.forEach(function (e) {
    if (e.kind !== 'actor') return;
    if (!stancesBy.has(e.id) && !linksFrom.has(e.id) && !linksTo.has(e.id)) return;
    var o = el('option', null, e.name);
    o.value = e.id;
    actorSelect.appendChild(o);
  });
  data.tags.forEach(function (t) {
    var o = el('option', null, t);
    o.value = t;
    tagSelect.appendChild(o);
  });
  if (!data.tags.length) {
    tagSelect.disabled = true;
    tagSelect.options[0].textContent = 'No tags';
  }
  if (data.description) {
    document.getElementById('am-description').textContent = data.description;
    document.getElementById('am-about').hidden = false;
  }

  // Whether an element's node passes the actor and tag filters.
  function filterSet() {
    var actor = actorSelect.value;
    var tag = tagSelect.value;
    if (!actor && !tag) return null;
    var keep = new Set();
    nodes.forEach(function (g, id) {
      var e = elements.get(id);
      if (tag && !(e.tags || []).includes(tag)) return;
      if (actor && !involves(actor, id)) return;
      keep.add(id);
    });
    return keep;
  }

  // The actor's own node, what it takes a stance on, and the relations it made.
  function involves(actor, id) {
    if (id === actor || id === drawnAs.get(actor)) return true;
    if ((stancesBy.get(actor) || []).some(function (s) { return s.target === id; })) return true;
    return (relationsFrom.get(id) || []).some(function (r) { return (r.by || []).includes(actor); });
  }

  var matches = [];
  var current = -1;

  function refresh() {
    var keep = filterSet();
    var query = fold(searchInput.value.trim());
    // Matches are nodes: an actor drawn in a bundle matches as its bundle's node.
    var found = new Set();
    if (query) {
      haystacks.forEach(function (hay, id) {
        var nodeId = nodeIdOf(id);
        if (nodeId && (!keep || keep.has(nodeId)) && hay.includes(query)) found.add(nodeId);
      });
    }
    matches = [];
    nodes.forEach(function (g, id) {
      if (found.has(id)) matches.push(id);
    });
    if (current >= matches.length) current = -1;
    var matched = new Set(matches);
    var shown = 0;
    nodes.forEach(function (g, id) {
      var dim = (keep && !keep.has(id)) || (query && !matched.has(id));
      g.classList.toggle('am-dim', !!dim);
      g.classList.toggle('am-match', matched.has(id));
      g.classList.toggle('am-current', current >= 0 && matches[current] === id);
      if (!dim) shown++;
    });
    edges.forEach(function (edge) {
      var ends = [edge.from, edge.to].filter(function (id) { return nodes.has(id); });
      var dim = ends.some(function (id) { return nodes.get(id).classList.contains('am-dim'); });
      edge.g.classList.toggle('am-dim', dim);
    });
    if (!query) searchCount.textContent = '';
    else if (!matches.length) searchCount.textContent = 'No match';
    else if (current < 0) searchCount.textContent = matches.length + (matches.length === 1 ? ' match' : ' matches');
    else searchCount.textContent = (current + 1) + ' of ' + matches.length;
    filterCount.textContent = keep || query ? 'Showing ' + shown + ' of ' + nodes.size : '';
    document.body.classList.toggle('am-filtered', !!keep || !!query);
  }

  function next() {
    refresh();
    if (!matches.length) return;
    current = (current + 1) % matches.length;
    refresh();
    select(matches[current], 'centre');
    searchInput.focus();
  }

  searchInput.addEventListener('input', function () { current = -1; refresh(); });
  document.getElementById('am-search-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    next();
  });
  searchInput.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && searchInput.value) {
      ev.stopPropagation();
      searchInput.value = '';
      current = -1;
      refresh();
    }
  });
  actorSelect.addEventListener('change', function () { current = -1; refresh(); });
  tagSelect.addEventListener('change', function () { current = -1; refresh(); });
  document.getElementById('am-show-all').addEventListener('click', function () {
    searchInput.value = '';
    actorSelect.value = '';
    tagSelect.value = '';
    current = -1;
    refresh();
  });

  document.addEventListener('keydown', function (ev) {
    var typing = ev.target.closest && ev.target.closest('input, select, textarea');
    if (ev.key === '/' && !typing) {
      ev.preventDefault();
      searchInput.focus();
      searchInput.select();
    } else if (ev.key === 'Escape' && !panel.hidden) {
      closePanel();
    }
  });

  refresh();
  fit();
})();
