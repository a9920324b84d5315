// The package's API in Node, through its own name (so through the `node` entry of its
// exports), on both maps in maps/. `cargo test` runs this file (tests/it/npm.rs) with
// ARGUMAP_EXPECTED naming a folder of what the command line printed for the same maps; the
// outputs must be the same bytes. Run alone (`npm test`), the comparisons with the command
// line are skipped and say so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

import {
  ArgumapError,
  check,
  convert,
  evaluate,
  formats,
  locate,
  lookOptions,
  render,
  report,
  template,
  version,
} from "argumap";

const here = fileURLToPath(new URL(".", import.meta.url));
const mapsDir = join(here, "../../../../maps");
const maps = readdirSync(mapsDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({ file, stem: file.replace(/\.json$/, ""), text: readFileSync(join(mapsDir, file), "utf8") }));
const expectedDir = process.env.ARGUMAP_EXPECTED;
const cli = (name) => readFileSync(join(expectedDir, name));
const noCli = expectedDir ? false : "ARGUMAP_EXPECTED is not set: run through `cargo test` to compare with the command line";

test("both sample maps are there", () => {
  assert.equal(maps.length, 2);
});

for (const { file, stem, text } of maps) {
  test(`${file}: check finds no error`, async () => {
    const problems = await check(text, { format: "json" });
    assert.ok(Array.isArray(problems));
    assert.equal(problems.filter((p) => p.severity === "error").length, 0);
  });

  test(`${file}: check lists what the command line lists`, { skip: noCli }, async () => {
    const expected = JSON.parse(cli(`${stem}.check.json`)).problems.map((p) => ({
      code: p.code,
      line: p.line,
      column: p.column,
      endLine: p.end_line,
      endColumn: p.end_column,
      severity: p.severity,
      message: p.message,
      hint: p.hint,
      fix: p.fix && {
        line: p.fix.line,
        column: p.fix.column,
        endLine: p.fix.end_line,
        endColumn: p.fix.end_column,
        replacement: p.fix.replacement,
      },
    }));
    assert.deepEqual(await check(text), expected);
  });

  for (const [to, name] of [
    ["dot", `${stem}.dot`],
    ["json", `${stem}.json`],
    ["argdown", `${stem}.argdown`],
    ["aif", `${stem}.aif.json`],
  ]) {
    test(`${file}: convert to ${to} is the command line's, byte for byte`, { skip: noCli }, async () => {
      assert.equal(await convert(text, { from: "json", to }), cli(name).toString("utf8"));
    });
  }

  test(`${file}: the built-in engine's SVG is the command line's, byte for byte`, { skip: noCli }, async () => {
    assert.equal(await render(text, { to: "svg" }), cli(`${stem}.svg`).toString("utf8"));
  });

  test(`${file}: a look option draws what the command line draws`, { skip: noCli }, async () => {
    const svg = await render(text, { theme: "print", status: "grounded", rankdir: "LR", noLegend: true });
    assert.equal(svg, cli(`${stem}.look.svg`).toString("utf8"));
  });

  test(`${file}: evaluate and report give the command line's JSON`, { skip: noCli }, async () => {
    assert.deepEqual(await evaluate(text), JSON.parse(cli(`${stem}.eval.json`)));
    assert.deepEqual(await evaluate(text, { semantics: "preferred" }), JSON.parse(cli(`${stem}.preferred.json`)));
    assert.deepEqual(await evaluate(text, { strength: "dfquad" }), JSON.parse(cli(`${stem}.dfquad.json`)));
    assert.deepEqual(await report(text), JSON.parse(cli(`${stem}.report.json`)));
  });

  test(`${file}: evaluate labels every claim, report counts them`, async () => {
    const result = await evaluate(text, { format: "json" });
    assert.equal(result.semantics, "grounded");
    assert.ok(result.elements.length > 5);
    assert.ok(result.elements.every((e) => ["in", "out", "undec"].includes(e.label)));
    const r = await report(text);
    assert.equal(typeof r, "object");
  });

  test(`${file}: PNG and PDF are made by the core`, async () => {
    const png = await render(text, { to: "png", scale: 1 });
    assert.ok(png instanceof Uint8Array);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const bigger = await render(text, { to: "png", scale: 2 });
    assert.ok(bigger.length > png.length);
    const pdf = await render(text, { to: "pdf" });
    assert.equal(new TextDecoder().decode(pdf.subarray(0, 5)), "%PDF-");
  });

  test(`${file}: every format it writes, and back from those it reads`, async () => {
    const all = await formats();
    const written = all.filter((f) => f.write);
    assert.ok(written.length >= 10);
    for (const f of written) {
      const out = await convert(text, { to: f.name });
      assert.equal(typeof out, "string");
      assert.ok(out.length > 50, `${f.name}: ${out.length} characters`);
      if (f.read) {
        const problems = await check(out, { format: f.name });
        assert.equal(problems.filter((p) => p.severity === "error").length, 0, `${f.name}: ${JSON.stringify(problems[0])}`);
        // Read back without naming the format: detected as the command line detects it.
        const again = await convert(out, { from: f.name, to: "json" });
        assert.match(again, /"argumap": 1/);
      }
    }
  });

  test(`${file}: locate finds each element's definition and its node`, async () => {
    const places = await locate(text, { format: "json" });
    const lines = text.split("\n");
    const claims = places.filter((p) => p.kind === "claim");
    assert.ok(claims.length > 5);
    for (const p of claims) {
      assert.equal(lines[p.line - 1].slice(p.column - 1, p.endColumn - 1), p.id);
      assert.equal(p.node, p.id);
    }
    const svg = await render(text);
    for (const p of places.filter((p) => p.node)) {
      assert.ok(svg.includes(`<title>${p.node}</title>`), `${p.id}: no node ${p.node}`);
    }
    assert.ok(places.some((p) => p.references.length > 0));
  });
}

test("the encryption map in Argdown: located, checked and drawn", async () => {
  const text = await convert(maps[0].text, { to: "argdown" });
  const places = await locate(text, { format: "argdown" });
  assert.ok(places.length > 5);
  const svg = await render(text, { format: "argdown" });
  assert.ok(svg.startsWith("<?xml") || svg.startsWith("<svg"));
});

test("hostile text stays text in the SVG", async () => {
  const text = JSON.stringify({
    argumap: 1,
    title: "</title><script>alert(1)</script>",
    claims: [
      { id: "a", text: "<script>alert(2)</script>" },
      { id: "b", text: "<img src=x onerror=alert(3)> & \"quotes\"", rebuts: ["a"] },
    ],
  });
  const svg = await render(text);
  assert.ok(!/<script/i.test(svg), "a script element in the SVG");
  assert.ok(!/<img/i.test(svg), "an img element in the SVG");
  assert.ok(svg.includes("&lt;script&gt;alert(2)&lt;/script&gt;"));
  assert.ok(svg.includes("&lt;img src=x onerror=alert(3)&gt;"));
  // In DOT the text stays a quoted string, never an HTML-like label.
  const dot = await convert(text, { to: "dot" });
  assert.ok(dot.includes('label="<script>alert(2)</script>"'), dot);
  assert.ok(!/label=</.test(dot), dot);
});

test("a truncated file gives located problems, and refuses to draw", async () => {
  const text = maps[1].text;
  const cut = text.slice(0, Math.floor(text.length / 2));
  const problems = await check(cut);
  assert.ok(problems.length >= 1);
  const lines = cut.split("\n").length;
  for (const p of problems) {
    assert.equal(p.severity, "error");
    assert.ok(p.line >= 1 && p.line <= lines, JSON.stringify(p));
    assert.ok(p.column >= 1);
    assert.ok(p.message.length > 0);
    for (const key of ["code", "line", "column", "endLine", "endColumn", "severity", "message", "hint", "fix"]) {
      assert.ok(key in p, `${key} missing`);
    }
  }
  await assert.rejects(render(cut), (e) => {
    assert.ok(e instanceof ArgumapError);
    assert.deepEqual(e.problems, problems);
    assert.match(e.message, /error/);
    return true;
  });
});

test("a map error carries every problem, with a fix where the CLI offers one", async () => {
  const text = '{"argumap": 1, "title": "t", "claims": [\n  {"id": "a", "text": "A"},\n  {"id": "b", "text": "B", "suports": ["a"]}\n]}';
  const problems = await check(text);
  assert.ok(problems.length >= 1, JSON.stringify(problems));
  const p = problems.find((q) => q.line === 3);
  assert.ok(p, JSON.stringify(problems));
  assert.ok(p.fix, JSON.stringify(p));
  assert.equal(p.fix.replacement, '"supports"');
  const fixed = text.split("\n");
  fixed[p.fix.line - 1] =
    fixed[p.fix.line - 1].slice(0, p.fix.column - 1) + p.fix.replacement + fixed[p.fix.line - 1].slice(p.fix.endColumn - 1);
  assert.deepEqual(await check(fixed.join("\n")), []);
  await assert.rejects(report(text), (e) => e instanceof ArgumapError && e.problems.length === problems.length);
});

test("a failing call, then a good call: the module stays usable", async () => {
  for (const bad of ["{", "", "not a map at all", "\u0000\uffff", "[".repeat(100000)]) {
    await assert.rejects(render(bad), ArgumapError);
  }
  await assert.rejects(convert(maps[0].text, { to: "sadface" }), /cannot write/);
  await assert.rejects(convert(maps[0].text, { to: "nope" }), /unknown format/);
  await assert.rejects(render(maps[0].text, { colour: "red" }), /unknown option `colour`/);
  await assert.rejects(render(maps[0].text, { theme: "neon" }), /colourblind/);
  await assert.rejects(evaluate(maps[0].text, { semantics: "nope" }), ArgumapError);
  await assert.rejects(check(42), ArgumapError);
  await assert.rejects(check("{}", []), ArgumapError);
  const svg = await render(maps[0].text);
  assert.match(svg, /<svg/);
});

test("lookOptions is the command line's table", async () => {
  const table = await lookOptions();
  const byName = Object.fromEntries(table.map((o) => [o.name, o]));
  assert.deepEqual(byName.theme.values, ["colour", "colourblind", "print"]);
  assert.equal(byName.theme.default, "colour");
  assert.equal(byName["no-legend"].key, "noLegend");
  assert.equal(byName["no-legend"].kind, "switch");
  assert.ok(byName.status.values.includes("grounded") && byName.status.values.includes("dfquad"));
  for (const o of table) {
    assert.ok(o.help.length > 10, o.name);
    // Every option is taken, by its key, with its first value.
    const value = o.kind === "choice" ? o.values[1] : o.kind === "number" ? 20 : true;
    await render(maps[0].text, { [o.key]: value });
  }
});

test("template gives the map argumap new writes, in JSON and Argdown", async () => {
  const json = await template("json");
  assert.match(json, /"title": "This House would \.\.\."/);
  assert.deepEqual(await check(json), []);
  if (expectedDir) assert.equal(json, cli("new.json").toString("utf8"));
  const argdown = await template("argdown");
  assert.deepEqual(await check(argdown, { format: "argdown" }), []);
  assert.ok((await evaluate(argdown, { format: "argdown" })).elements.length >= 4);
});

test("formats and version", async () => {
  const all = await formats();
  const names = all.map((f) => f.name);
  for (const n of ["json", "argdown", "aif", "kialo", "dot", "graphml", "mermaid"]) assert.ok(names.includes(n), n);
  assert.ok(all.find((f) => f.name === "sadface").read && !all.find((f) => f.name === "sadface").write);
  assert.match(await version(), /^\d+\.\d+\.\d+/);
});

test("other tools' files are read, detected by their content: AIF, xAIF, Kialo, SADFace, microtexts", async () => {
  const data = join(here, "../../../../tests/data");
  for (const file of [
    "aif/sample.aif.json",
    "aif/sample.xaif.json",
    "kialo/sample-kialo.txt",
    "sadface/sample.sadface.json",
    "microtexts/sample.microtexts.xml",
  ]) {
    const text = readFileSync(join(data, file), "utf8");
    const problems = await check(text);
    assert.equal(problems.filter((p) => p.severity === "error").length, 0, `${file}: ${JSON.stringify(problems[0])}`);
    const argdown = await convert(text, { to: "argdown" });
    assert.ok((await check(argdown, { format: "argdown" })).every((p) => p.severity !== "error"), file);
    assert.ok((await render(text)).includes("<svg"), file);
  }
});
