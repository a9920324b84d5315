// The look options, generated from the core's own table (`lookOptions()`, the same table the
// command line's flags are made from), so the page and the CLI cannot drift. `status` goes
// in the toolbar as the status overlay; the others in the Look menu.

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/// The table, as a list of {name, key, values, default, help, kind}.
export function lookTable(info) {
  const raw = (info && info.lookOptions) || [];
  const rows = Array.isArray(raw) ? raw : Object.entries(raw).map(([name, row]) => ({ name, ...row }));
  return rows.map((row) => {
    const values = Array.isArray(row.values) ? row.values.map((v) => (typeof v === 'object' && v !== null ? v : { value: String(v) })) : null;
    const kind = row.kind || (values ? 'choice' : typeof row.default === 'boolean' ? 'flag' : 'number');
    return { ...row, key: row.key || camel(row.name), values, kind };
  });
}

function camel(name) {
  return String(name).replace(/^no-/, 'no-').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

/// How the status menu names the evaluations (the values stay the command line's).
const STATUS_LABELS = {
  grounded: 'grounded',
  complete: 'complete',
  preferred: 'preferred',
  stable: 'stable',
  dfquad: 'DF-QuAD',
  qe: 'quadratic energy',
  hcat: 'h-categoriser',
};

/// The choices of the status overlay.
export function statusChoices(info) {
  const row = lookTable(info).find((r) => r.key === 'status');
  if (!row || !row.values) return [];
  return row.values.map((v) => ({ value: v.value, label: v.label || STATUS_LABELS[v.value] || v.value, help: v.help }));
}

/// The controls of every option but `status`; `onChange(key, value)` on each change.
/// `look` holds the values chosen so far (missing ones take the table's default).
export function lookControls(info, look, onChange) {
  return lookTable(info)
    .filter((row) => row.key !== 'status')
    .map((row) => {
      const label = el('label', 'look-row');
      label.title = row.help || '';
      label.append(el('span', 'look-name', row.label || row.name));
      let input;
      if (row.kind === 'choice') {
        input = el('select');
        if (row.default === null || row.default === undefined) {
          const auto = el('option', null, 'from the map');
          auto.value = '';
          input.append(auto);
        }
        for (const v of row.values) {
          const option = el('option', null, v.label || v.value);
          option.value = v.value;
          if (v.help) option.title = v.help;
          input.append(option);
        }
        input.value = look[row.key] ?? row.default ?? '';
        input.addEventListener('change', () => onChange(row.key, input.value === '' ? undefined : input.value));
      } else if (row.kind === 'flag' || row.kind === 'switch') {
        input = el('input');
        input.type = 'checkbox';
        input.checked = Boolean(look[row.key] ?? row.default);
        input.addEventListener('change', () => onChange(row.key, input.checked));
      } else {
        input = el('input');
        input.type = 'number';
        input.min = '1';
        input.placeholder = row.default === null || row.default === undefined ? 'auto' : String(row.default);
        input.value = look[row.key] ?? '';
        input.addEventListener('change', () => onChange(row.key, input.value === '' ? undefined : Number(input.value)));
      }
      input.name = row.key;
      label.append(input);
      // The first sentence under the control; the whole help on hover.
      const help = el('span', 'look-help', firstSentence(row.help || ''));
      label.append(help);
      return label;
    });
}

/// The render options for the chosen look and status.
export function lookValues(info, look, status) {
  const out = {};
  for (const row of lookTable(info)) {
    if (row.key === 'status') continue;
    const value = look[row.key];
    // A switch is given only when on; a choice or number only when chosen.
    if (value !== undefined && value !== '' && value !== null && value !== false) out[row.key] = value;
  }
  if (status) out.status = status;
  return out;
}

function firstSentence(text) {
  const m = /^(.*?[.:])(\s|$)/s.exec(text);
  return m ? m[1].replace(/:$/, '.') : text;
}
