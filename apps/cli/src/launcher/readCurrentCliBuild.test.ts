import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI_BUILD_RECORD_VERSION, type CliBuildRecord } from "./cliBuildRecord.ts";
import { readCurrentCliBuild } from "./readCurrentCliBuild.ts";

let dir: string;
let record: string;
let build: CliBuildRecord;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cli-build-record-"));
  for (const name of ["entry.js", "source.ts"]) writeFileSync(join(dir, name), `// ${name}\n`);
  mkdirSync(join(dir, "pkg-1.0.0"));
  mkdirSync(join(dir, "pkg-2.0.0"));
  symlinkSync(join(dir, "pkg-1.0.0"), join(dir, "link"));
  const source = statSync(join(dir, "source.ts"));
  build = {
    version: CLI_BUILD_RECORD_VERSION,
    entry: join(dir, "entry.js"),
    files: [[join(dir, "source.ts"), source.mtimeMs, source.size]],
    links: [[join(dir, "link"), join(dir, "pkg-1.0.0")]],
    summaries: [{ name: "did", term: "did", description: "did:ethr identities (ERC-1056)." }],
  };
  record = join(dir, "build.json");
  writeFileSync(record, JSON.stringify(build));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("readCurrentCliBuild", () => {
  it("returns the record while every source and link is as built", () => {
    expect(readCurrentCliBuild({ record })).toEqual(build);
  });

  it("is stale when a source was edited, even back to an older mtime", () => {
    writeFileSync(join(dir, "source.ts"), "// edited, longer\n");
    expect(readCurrentCliBuild({ record })).toBeUndefined();
    writeFileSync(join(dir, "source.ts"), "// source.ts\n");
    utimesSync(join(dir, "source.ts"), new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(readCurrentCliBuild({ record })).toBeUndefined();
  });

  it("is stale when a source or the bundle is gone", () => {
    rmSync(join(dir, "source.ts"));
    expect(readCurrentCliBuild({ record })).toBeUndefined();
    writeFileSync(join(dir, "source.ts"), "");
    rmSync(join(dir, "entry.js"));
    expect(readCurrentCliBuild({ record })).toBeUndefined();
  });

  it("is stale when an install moved a package link (another version)", () => {
    rmSync(join(dir, "link"));
    symlinkSync(join(dir, "pkg-2.0.0"), join(dir, "link"));
    expect(readCurrentCliBuild({ record })).toBeUndefined();
    rmSync(join(dir, "link"));
    expect(readCurrentCliBuild({ record })).toBeUndefined();
  });

  it("is undefined without a record, with a corrupt one, or one of another format", () => {
    expect(readCurrentCliBuild({ record: join(dir, "none.json") })).toBeUndefined();
    writeFileSync(record, '{"version":');
    expect(readCurrentCliBuild({ record })).toBeUndefined();
    writeFileSync(record, JSON.stringify({ ...build, version: 0 }));
    expect(readCurrentCliBuild({ record })).toBeUndefined();
  });
});
