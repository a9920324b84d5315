// Which format a dropped or opened file is in: by its name first, then by a look at its text.
// The core refuses what it cannot read, with the file's line and column.

/// The formats a person can open, by file-name ending.
export const EXTENSIONS = {
  argdown: 'Argdown (.argdown, .ad)',
  json: 'argumap JSON (.json)',
  aif: 'AIF and xAIF (.aif, .json)',
  kialo: 'Kialo text (.txt)',
  sadface: 'SADFace (.json)',
  microtexts: 'argument microtexts (.xml)',
  apx: 'ASPARTIX (.apx)',
  tgf: 'TGF (.tgf)',
  i23: 'ICCMA 2023 (.i23)',
};

/// The format of a file named `name` holding `text`; null when none fits.
export function detectFormat(name, text, info) {
  const lower = name.toLowerCase();
  const ext = (suffix) => lower.endsWith(suffix);
  if (ext('.argdown') || ext('.ad')) return 'argdown';
  if (ext('.xml')) return 'microtexts';
  if (ext('.apx')) return 'apx';
  if (ext('.tgf')) return 'tgf';
  if (ext('.i23')) return 'i23';
  if (ext('.aif')) return 'aif';
  const head = text.slice(0, 4096).trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    // JSON: ours says "argumap"; SADFace has "sadface"; AIF and xAIF have nodes and edges.
    if (/"argumap"\s*:/.test(head)) return 'json';
    if (/"sadface"\s*:/.test(text.slice(0, 65536))) return 'sadface';
    if (/"(AIF|nodes|locutions)"\s*:/.test(text.slice(0, 65536))) return 'aif';
    return 'json';
  }
  if (head.startsWith('<')) return 'microtexts';
  if (ext('.txt') && /^\s*1\.\s/m.test(head)) return 'kialo';
  if (/^(===|\[|<|#)/m.test(head)) return 'argdown';
  if (ext('.txt')) return 'kialo';
  void info;
  return null;
}
