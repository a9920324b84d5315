// Argdown highlighting: a CodeMirror stream parser that follows the same line rules as
// argumap's Argdown lexer (src/format/argdown/lex.rs): front matter between `===` lines,
// comments, headings, relation symbols and `(n)` only at the start of a line, statement and
// argument definitions and references, mentions, tags, inline `{data}` and inference rules.
// It colours; it does not judge: the core's check says what is wrong.

import { StreamLanguage } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

// The longest symbol first, so `+>` is not read as `+`.
const RELATIONS = ['+>', '->', '<+', '<-', '><', '_>', '<_', '+', '-', '_'];
const SUPPORT = new Set(['+>', '<+', '+']);
const UNDERCUT = new Set(['_>', '<_', '_']);

function startState() {
  return {
    frontMatter: false, // inside `=== ... ===`
    seenContent: false, // front matter only counts at the top
    comment: false, // inside `/* ... */`
    data: 0, // depth of `{ ... }`
    dataString: null, // the quote of a string inside data
    heading: false, // the rest of the line is a heading
  };
}

function copyState(s) {
  return { ...s };
}

function token(stream, state) {
  if (stream.sol()) state.heading = false;

  if (state.comment) {
    if (stream.skipTo('*/')) {
      stream.match('*/');
      state.comment = false;
    } else {
      stream.skipToEnd();
    }
    return 'comment';
  }

  if (state.frontMatter) {
    if (stream.sol() && stream.match(/^===\s*$/)) {
      state.frontMatter = false;
      return 'meta';
    }
    return frontMatter(stream);
  }

  if (stream.sol() && !state.seenContent && state.data === 0 && stream.match(/^===\s*$/)) {
    state.frontMatter = true;
    state.seenContent = true;
    return 'meta';
  }

  if (stream.match('/*')) {
    state.comment = true;
    return 'comment';
  }
  if (stream.match('//')) {
    stream.skipToEnd();
    return 'comment';
  }

  if (state.data > 0) return data(stream, state);

  if (stream.sol()) {
    if (!stream.match(/^\s*$/, false)) state.seenContent = true;
    // A heading: `#`, `##`, ... and a space.
    if (stream.match(/^#+(?=\s)/)) {
      state.heading = true;
      return 'heading';
    }
    stream.eatSpace();
    if (stream.match(/^-{2,}\s*$/) || stream.match(/^--\s.*\s--\s*$/)) return 'contentSeparator';
    if (stream.match(/^\(\d+\)/)) return 'number';
    for (const symbol of RELATIONS) {
      if (stream.match(symbol + ' ') || stream.match(new RegExp('^' + escape(symbol) + '$'))) {
        if (SUPPORT.has(symbol)) return 'supportRelation';
        if (UNDERCUT.has(symbol)) return 'undercutRelation';
        return symbol === '><' ? 'contradictRelation' : 'attackRelation';
      }
    }
    if (stream.match(/^(\d+\.|\*)\s/)) return 'list';
    if (stream.eatSpace()) return null;
  }

  if (state.heading) {
    if (stream.match(/^#\(([^)]*)\)/) || stream.match(/^#[^\s{#]+/)) return 'tagName';
    if (stream.peek() === '{') {
      stream.next();
      state.data = 1;
      return 'brace';
    }
    stream.next();
    return 'heading';
  }

  // `[Title]:` defines a statement, `[Title]` refers to one; `<Title>` is an argument.
  if (stream.match(/^@\[[^\]\n]*\]/) || stream.match(/^@<[^>\n]*>/)) return 'mention';
  if (stream.match(/^\[[^\]\n]+\]:/)) return 'statementDefinition';
  if (stream.match(/^\[[^\]\n]+\]/)) return 'statementReference';
  if (stream.match(/^<[^>\n]+>:/)) return 'argumentDefinition';
  if (stream.match(/^<[^>\n]+>(?![^\s,.;:!?)])/)) return 'argumentReference';
  if (stream.match(/^#\(([^)\n]*)\)/) || stream.match(/^#[^\s{#()\[\]<>,.;:!?]+/)) return 'tagName';
  if (stream.match('{')) {
    state.data = 1;
    return 'brace';
  }
  if (stream.match(/^\\./)) return 'escape';
  if (stream.match(/^\*\*[^*\n]+\*\*/) || stream.match(/^__[^_\n]+__/)) return 'strong';
  if (stream.match(/^\*[^*\n]+\*/)) return 'emphasis';
  if (stream.match(/^\[[^\]\n]*\]\([^)\s]*\)/)) return 'link';
  stream.next();
  // Plain text runs on until something that could start a token.
  stream.eatWhile(/[^\[\]<>@#{\\*_/]/);
  return null;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/// YAML in the front matter: keys, strings, list dashes, comments.
function frontMatter(stream) {
  if (stream.sol()) {
    stream.eatSpace();
    if (stream.match(/^#.*/)) return 'comment';
    if (stream.match(/^-(?=\s)/)) return 'punctuation';
    if (stream.match(/^[\w.-]+(?=\s*:)/)) return 'propertyName';
  }
  if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^']|'')*'?/)) return 'string';
  if (stream.match(/^[\w.-]+(?=\s*:\s)/)) return 'propertyName';
  if (stream.match(/^-?\d+(\.\d+)?\b/)) return 'number';
  if (stream.match(/^(true|false|null)\b/)) return 'atom';
  if (stream.match(/^[{}\[\],:]/)) return 'punctuation';
  stream.next();
  stream.eatWhile(/[^"'{}\[\],:]/);
  return 'meta';
}

/// Inline data: `{key: value, ...}`, possibly over several lines, nested.
function data(stream, state) {
  if (state.dataString) {
    const quote = state.dataString;
    let escaped = false;
    let ch;
    while ((ch = stream.next()) != null) {
      if (ch === quote && !escaped) {
        state.dataString = null;
        break;
      }
      escaped = !escaped && ch === '\\';
    }
    return 'string';
  }
  if (stream.eatSpace()) return null;
  const ch = stream.peek();
  if (ch === '"' || ch === "'") {
    stream.next();
    state.dataString = ch;
    return data(stream, state);
  }
  if (ch === '{' || ch === '[') {
    stream.next();
    if (ch === '{') state.data += 1;
    return 'brace';
  }
  if (ch === '}') {
    stream.next();
    state.data -= 1;
    return 'brace';
  }
  if (stream.match(/^[\w.-]+(?=\s*:)/)) return 'propertyName';
  if (stream.match(/^-?\d+(\.\d+)?\b/)) return 'number';
  if (stream.match(/^(true|false|null)\b/)) return 'atom';
  stream.next();
  stream.eatWhile(/[^"'{}\[\],:\s]/);
  return null;
}

export const argdown = StreamLanguage.define({
  name: 'argdown',
  startState,
  copyState,
  token,
  blankLine(state) {
    state.heading = false;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
  tokenTable: {
    statementDefinition: t.definition(t.variableName),
    statementReference: t.variableName,
    argumentDefinition: t.definition(t.className),
    argumentReference: t.className,
    mention: t.special(t.variableName),
    supportRelation: t.special(t.operator),
    attackRelation: t.operator,
    contradictRelation: t.operator,
    undercutRelation: t.modifier,
    tagName: t.tagName,
    contentSeparator: t.contentSeparator,
    list: t.list,
    brace: t.brace,
    punctuation: t.punctuation,
  },
});
