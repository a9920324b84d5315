// The report panel: the coach's report (`argumap report --json`, from the core), shown as
// short sections. Every text goes in as text; an element's name is a link that puts the
// cursor on its definition.

const STATUS = { in: 'stands', out: 'falls', undec: 'undecided' };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/// Renders `report` into `parent`; `goTo(id)` runs when an element is clicked.
export function renderReport(parent, report, goTo) {
  const names = new Map();
  const collect = (value) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      if (typeof value.id === 'string' && typeof value.text === 'string') names.set(value.id, value.text);
      Object.values(value).forEach(collect);
    }
  };
  collect(report);

  const ref = (item) => {
    const id = typeof item === 'string' ? item : item && item.id;
    const text = (item && item.text) || names.get(id) || id;
    const a = el('a', 'ref', `“${text}”`);
    a.href = '#';
    a.title = `${id}: show it in the source`;
    a.addEventListener('click', (e) => {
      e.preventDefault();
      goTo(id);
    });
    return a;
  };
  const line = (...parts) => {
    const li = el('li');
    for (const part of parts) li.append(typeof part === 'string' ? document.createTextNode(part) : part);
    return li;
  };
  const section = (title, items, note) => {
    if (!items || items.length === 0) return;
    parent.append(el('h3', null, title));
    if (note) parent.append(el('p', 'note', note));
    const ul = el('ul');
    items.forEach((i) => ul.append(i));
    parent.append(ul);
  };
  const list = (ids) => {
    const span = el('span');
    ids.forEach((id, i) => {
      if (i) span.append(', ');
      span.append(ref(id));
    });
    return span;
  };

  const actors = new Map((report.positions || []).map((p) => [p.actor, p.name || p.actor]));
  const actor = (id) => actors.get(id) || id;

  parent.replaceChildren();
  parent.append(el('h2', null, report.title || 'Report'));
  if (Array.isArray(report.sides) && report.sides.length) parent.append(el('p', null, `Sides: ${report.sides.join(' and ')}.`));

  section(
    'Theses',
    (report.theses || []).map((t) => {
      const parts = [ref(t), ` ${STATUS[t.status] || t.status}`];
      if (typeof t.strength === 'number') parts.push(` (strength ${t.strength.toFixed(2)})`);
      const supports = (t.supported_by || []).length;
      const attacks = (t.attacked_by || []).length;
      parts.push(`: ${supports} reason${supports === 1 ? '' : 's'} in support`);
      if (t.supports_falling) parts.push(` (${t.supports_falling} of them fall)`);
      parts.push(`, ${attacks} attack${attacks === 1 ? '' : 's'} against.`);
      return line(...parts);
    }),
    'Whether a claim stands is decided by attacks alone (grounded semantics); its strength, from 0 to 1, weighs supports against attacks (DF-QuAD).',
  );
  section('Framing', (report.framing || []).map((f) => line(ref(f))));
  section(
    'Open conflicts',
    (report.open || []).map((o) => line('Open: ', ref(o.first), ' against ', ref(o.second), '.')),
    'Nothing in the map breaks the tie.',
  );
  section(
    'Rebuttals nobody answered',
    (report.unanswered || []).map((u) => line(u.must_answer ? `${u.must_answer} has not answered: ` : '', ref(u.attacker), ` ${u.kind} `, ref(u.target), '.')),
  );
  section(
    'Claims that fall',
    (report.defeated || []).map((d) => {
      const [item, by] = Array.isArray(d) ? d : [d, null];
      return by ? line(ref(item), ', defeated by ', ref(by), '.') : line(ref(item), '.');
    }),
  );
  section('Undecided', (report.undecided || []).map((u) => line(ref(u), '.')));
  section(
    'Where the source is silent',
    (report.silent || []).map((s) => line(s.id && names.has(s.id) ? ref(s) : el('span', null, s.text || s.id || ''), `: ${s.silent || ''}`)),
  );
  section('Circular support', (report.circular_support || []).map((c) => line(String(c))));
  section('Inconsistent stances', (report.inconsistent || []).map((c) => line(String(c))));
  section('Said by nobody', (report.unattributed || []).map((u) => line(ref(u), '.')));
  section('Without a source', (report.unsourced || []).map((u) => line(ref(u), '.')));
  section(
    'Who disagrees with whom',
    (report.disagreements || []).map((d) => {
      const n = (d.rebuttals || []).length;
      return line(`${actor(d.rebutter)} answers ${actor(d.rebutted)}: ${n === 1 ? 'one rebuttal' : `${n} rebuttals`}.`);
    }),
  );
  section(
    'Positions',
    (report.positions || []).map((p) => {
      const li = line(`${p.name || p.actor}: `);
      const kinds = Object.entries(p.stances || {});
      kinds.forEach(([kind, ids], i) => {
        if (i) li.append('; ');
        li.append(`${kind} `, list(ids));
      });
      return li;
    }),
  );
}
