// The source pane: CodeMirror 6 with Argdown or JSON highlighting, argumap's problems as
// lint diagnostics (underlined, message and hint on hover, a fix in one click), and the
// conversion between the core's places (1-based lines, columns in characters, as the CLI
// counts them) and CodeMirror's offsets (UTF-16 code units).

import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, dropCursor, rectangularSelection, crosshairCursor, highlightSpecialChars } from '@codemirror/view';
import { EditorState, Compartment } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting, syntaxTree, HighlightStyle, defaultHighlightStyle } from '@codemirror/language';
import { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';
import { json } from '@codemirror/lang-json';
import { tags as t } from '@lezer/highlight';
import { argdown } from './argdown.js';

const argdownStyle = HighlightStyle.define([
  { tag: t.definition(t.variableName), color: '#1f4e9a', fontWeight: 'bold' },
  { tag: t.variableName, color: '#1f4e9a' },
  { tag: t.definition(t.className), color: '#7a3e9d', fontWeight: 'bold' },
  { tag: t.className, color: '#7a3e9d' },
  { tag: t.special(t.variableName), color: '#1f4e9a', textDecoration: 'underline' },
  { tag: t.special(t.operator), color: '#1d7a32', fontWeight: 'bold' },
  { tag: t.operator, color: '#c0262d', fontWeight: 'bold' },
  { tag: t.modifier, color: '#b05a00', fontWeight: 'bold' },
  { tag: t.tagName, color: '#6b6b00' },
  { tag: t.heading, color: '#222', fontWeight: 'bold' },
  { tag: t.contentSeparator, color: '#777', fontWeight: 'bold' },
  { tag: t.meta, color: '#666' },
  { tag: t.propertyName, color: '#8a4b08' },
  { tag: t.brace, color: '#8a4b08' },
  { tag: t.string, color: '#2a7a5a' },
  { tag: t.comment, color: '#888', fontStyle: 'italic' },
  { tag: t.strong, fontWeight: 'bold' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.link, textDecoration: 'underline' },
]);

export function languageFor(format) {
  return format === 'json' ? [json(), syntaxHighlighting(defaultHighlightStyle)] : [argdown, syntaxHighlighting(argdownStyle), syntaxHighlighting(defaultHighlightStyle, { fallback: true })];
}

/// Makes the editor in `parent`; `onChange(update)` runs on every change of the document
/// or selection.
export function makeEditor(parent, format, onUpdate) {
  const language = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        foldGutter(),
        drawSelection(),
        dropCursor(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        rectangularSelection(),
        crosshairCursor(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        EditorView.lineWrapping,
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
        language.of(languageFor(format)),
        EditorView.updateListener.of(onUpdate),
        EditorView.contentAttributes.of({ 'aria-label': 'Map source', spellcheck: 'false' }),
      ],
    }),
  });
  return {
    view,
    setLanguage(format) {
      view.dispatch({ effects: language.reconfigure(languageFor(format)) });
    },
  };
}

/// The UTF-16 offset of a 1-based line and character column in `doc` (a CodeMirror Text),
/// clamped to the document and to the line's end.
export function offsetOf(doc, line, column) {
  if (!(line >= 1)) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  let chars = Math.max(0, (column || 1) - 1);
  let i = 0;
  const text = l.text;
  while (chars > 0 && i < text.length) {
    const code = text.charCodeAt(i);
    i += code >= 0xd800 && code < 0xdc00 && i + 1 < text.length ? 2 : 1;
    chars -= 1;
  }
  return l.from + i;
}

/// The 1-based line and character column of an offset in `doc`.
export function placeOf(doc, offset) {
  const l = doc.lineAt(offset);
  let column = 1;
  for (let i = 0; i < offset - l.from; i++) {
    const code = l.text.charCodeAt(i);
    if (code >= 0xd800 && code < 0xdc00) i += 1;
    column += 1;
  }
  return { line: l.number, column };
}

const SEVERITY = { error: 'error', warning: 'warning', note: 'info', info: 'info', help: 'hint', hint: 'hint' };

/// The range of a problem in `doc` (the text it was found in), as offsets mapped through
/// `changes` (what was typed since).
export function problemRange(problem, doc, changes) {
  let from = offsetOf(doc, problem.line, problem.column);
  let to = problem.endLine ? offsetOf(doc, problem.endLine, problem.endColumn) : from;
  if (to < from) to = from;
  if (changes) {
    from = changes.mapPos(from, 1);
    to = changes.mapPos(to, -1);
    if (to < from) to = from;
  }
  return { from, to };
}

/// The fix's range and replacement, mapped as `problemRange` does; `null` without a fix.
export function fixRange(problem, doc, changes) {
  const fix = problem.fix;
  if (!fix || typeof fix.replacement !== 'string') return null;
  const range = problemRange(
    { line: fix.line, column: fix.column, endLine: fix.endLine ?? fix.end_line, endColumn: fix.endColumn ?? fix.end_column },
    doc,
    changes,
  );
  return { ...range, insert: fix.replacement };
}

/// What a fix does, in a few words.
export function fixLabel(problem) {
  const r = problem.fix && problem.fix.replacement;
  if (r === undefined || r === null) return '';
  if (r === '') return 'Fix: delete it';
  const shown = r.length > 40 ? r.slice(0, 39) + '…' : r;
  return `Fix: write ${shown}`;
}

/// Shows the problems (found in `doc`, mapped through `changes`) as diagnostics.
export function showProblems(view, problems, doc, changes, applyFix) {
  const diagnostics = problems.map((p) => {
    const { from, to } = problemRange(p, doc, changes);
    const fix = fixRange(p, doc, changes);
    return {
      from,
      to: Math.min(Math.max(to, from), view.state.doc.length),
      severity: SEVERITY[p.severity] || 'info',
      source: p.code,
      message: p.hint ? `${p.message}\n${p.hint}` : p.message,
      renderMessage() {
        const box = document.createElement('div');
        const message = document.createElement('div');
        message.className = 'cm-problem-message';
        setRichText(message, p.message);
        box.append(message);
        if (p.hint) {
          const hint = document.createElement('div');
          hint.className = 'cm-problem-hint';
          setRichText(hint, p.hint);
          box.append(hint);
        }
        return box;
      },
      actions: fix ? [{ name: fixLabel(p), apply: () => applyFix(p) }] : [],
    };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/// In a JSON map, the id of the innermost object around `pos` that has one (a claim, an
/// argument, an actor, ...), from the editor's own syntax tree; null elsewhere.
export function jsonIdAt(state, pos) {
  const tree = syntaxTree(state);
  for (let node = tree.resolveInner(pos, -1); node; node = node.parent) {
    if (node.name !== 'Object') continue;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name !== 'Property') continue;
      const key = child.firstChild;
      if (!key || key.name !== 'PropertyName' || state.sliceDoc(key.from, key.to) !== '"id"') continue;
      const value = child.lastChild;
      if (value && value.name === 'String') {
        try {
          return JSON.parse(state.sliceDoc(value.from, value.to));
        } catch {
          return null;
        }
      }
    }
  }
  return null;
}

/// Fills `node` with `text`, its `code spans` as <code> elements (spaces kept): text only,
/// never markup.
export function setRichText(node, text) {
  node.replaceChildren();
  String(text)
    .split('`')
    .forEach((part, i) => {
      if (i % 2 === 1) {
        const code = document.createElement('code');
        code.textContent = part;
        node.append(code);
      } else if (part) {
        node.append(document.createTextNode(part));
      }
    });
  return node;
}
