// Types of the npm package `argumap`.

/** A format's name: `json` (our map file), `argdown`, `aif`, `kialo`, `sadface`, `microtexts`,
 * `dot`, `graphml`, `mermaid`, `cytoscape`, `apx`, `tgf`, `i23`, or another name the command
 * line's `--from`/`--to` takes (`xaif`, `ad`, `gv`, `mmd`, `cyjs`). */
export type FormatName = string;

/** A place in the text: 1-based lines, columns in characters (as the command line counts). */
export interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One problem of a map, as `argumap check --message-format json` gives it (camel case). */
export interface Problem {
  /** Stable code, listed in docs/diagnostics.md (`syntax`, `unknown-field`, ...). */
  code: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  severity: "error" | "warning";
  message: string;
  hint: string | null;
  /** The edit that repairs it, when there is one: replace the range with `replacement`. */
  fix: (Place & { replacement: string }) | null;
}

/** A map argumap cannot take, or options it does not understand. */
export declare class ArgumapError extends Error {
  name: "ArgumapError";
  /** The map's problems (empty for a refusal of the options). */
  problems: Problem[];
}

export interface ReadOptions {
  /** How to read the text; detected from its content when absent. */
  format?: FormatName;
  /** The map's name in messages (and the title of an ICCMA framework). Default `map`. */
  name?: string;
}

/** The look of the diagram: the keys of `lookOptions()` (`theme`, `actors`, `cluster`,
 * `rankdir`, `wrap`, `status`, `noBundle`, `noLegend`, ...), also accepted as the command
 * line spells them (`"no-legend"`). */
export interface LookOptions {
  theme?: "colour" | "colourblind" | "print" | string;
  actors?: "auto" | "nodes" | "badges" | "none" | string;
  cluster?: "groups" | "actors" | "tags" | "none" | string;
  rankdir?: "TB" | "BT" | "LR" | "RL" | string;
  wrap?: number;
  status?: "grounded" | "complete" | "preferred" | "stable" | "dfquad" | "qe" | "hcat" | string;
  noBundle?: boolean;
  noLegend?: boolean;
  [option: string]: string | number | boolean | undefined;
}

export interface ConvertOptions extends LookOptions {
  /** How to read the text; detected when absent. */
  from?: FormatName;
  /** The format to write (required). */
  to: FormatName;
  name?: string;
}

export interface RenderOptions extends ReadOptions, LookOptions {
  /** `svg` (the default, a string), `png` or `pdf` (bytes). */
  to?: "svg" | "png" | "pdf";
  /** PNG resolution in pixels an inch (default 144, as the command line). */
  dpi?: number;
  /** PNG size as a multiple of 96 pixels an inch (`scale: 2` is 192 dpi). */
  scale?: number;
}

export interface EvaluateOptions extends ReadOptions {
  /** Default `grounded`. */
  semantics?: "grounded" | "complete" | "preferred" | "stable";
  /** A gradual semantics instead: each element's strength. */
  strength?: "dfquad" | "qe" | "hcat";
  /** List the extensions themselves (`sets`). */
  enumerate?: boolean;
  /** Labellings looked at before answering "not decided" (default 1,000,000). */
  limit?: number;
}

/** Where an element's id stands in the text. */
export interface Located extends Place {
  id: string;
  /** `claim`, `argument`, `actor`, `source`, `group`, `side`; null when the map does not load. */
  kind: string | null;
  /** The `<title>` of the SVG node that draws it (a bundled actor is drawn by the bundle's
   * first actor); null when it is not drawn. */
  node: string | null;
  references: (Place & { field: string })[];
}

export interface FormatInfo {
  name: string;
  extension: string;
  read: boolean;
  write: boolean;
}

/** One look option, as the command line's `--help` lists it. */
export interface LookOption {
  /** As the command line spells it: `no-legend`. */
  name: string;
  /** As the options object takes it: `noLegend`. */
  key: string;
  valueName: string;
  help: string;
  default: string | null;
  kind: "choice" | "number" | "switch";
  values: string[];
}

/** Starts the module from the `.wasm` bytes (for a page that inlines them). Optional: every
 * function starts it on first use. */
export function initSync(bytes: BufferSource): void;
export function init(bytes?: BufferSource): Promise<void>;

/** Every problem of the text (errors and warnings); never rejects for a bad map. */
export function check(source: string, options?: ReadOptions): Promise<Problem[]>;
/** The map in another format, the same bytes as `argumap convert`. */
export function convert(source: string, options: ConvertOptions): Promise<string>;
/** The picture from the built-in engine: SVG text, or PNG/PDF bytes. */
export function render(source: string, options?: RenderOptions & { to?: "svg" }): Promise<string>;
export function render(source: string, options: RenderOptions & { to: "png" | "pdf" }): Promise<Uint8Array>;
/** The JSON of `argumap eval --json`. */
export function evaluate(source: string, options?: EvaluateOptions): Promise<Record<string, unknown>>;
/** The JSON of `argumap report --json`. */
export function report(source: string, options?: ReadOptions): Promise<Record<string, unknown>>;
/** Where each element's id stands in the text, and which SVG node draws it. */
export function locate(source: string, options?: ReadOptions & LookOptions): Promise<Located[]>;
/** The map `argumap new` writes, in `json` (default) or `argdown`. */
export function template(format?: FormatName): Promise<string>;
export function formats(): Promise<FormatInfo[]>;
export function lookOptions(): Promise<LookOption[]>;
export function version(): Promise<string>;
