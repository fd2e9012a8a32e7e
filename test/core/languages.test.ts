/**
 * Declarations, visibility and annotation scope on real grammars, one realistic sample per language.
 * Each case lists the declarations the tags query must find (kind, name, exported) and which of them a
 * trace covers after SPEC 1 scope rules (own comment, doc comment/docstring, enclosing, file header).
 */
import * as assert from 'assert';
import { analyzeText } from '../../server/src/core/engine/analyzeFile';
import type { FileFacts } from '../../server/src/core/engine/fileFacts';
import { languageById, type LanguageId } from '../../server/src/core/language/languages';
import { buildTraceGraph } from '../../server/src/core/trace/graph';
import { testGrammars } from '../helpers/assets';

interface Case {
  lang: LanguageId;
  path: string;
  src: string;
  /** `kind name` or `kind name +` when exported/public. */
  decls: string[];
  /** Names of declarations that end up traced. */
  traced: string[];
}

const CASES: Case[] = [
  {
    lang: 'c',
    path: 'fw/dose.c',
    src: `/* Copyright 2026 */
#include "dose.h"

/** Clamp the rate. @implements SRS-1 */
int clamp_rate(int r) { return r > 10 ? 10 : r; }

static int helper(void) { return 1; }

// @mitigates RC-1
static unsigned char *crc_buf(void) { return 0; }

struct pump_state { int rate; };
`,
    decls: ['function clamp_rate +', 'function helper', 'function crc_buf', 'struct pump_state'],
    traced: ['clamp_rate', 'crc_buf'],
  },
  {
    lang: 'cpp',
    path: 'fw/alarm.cpp',
    src: `// @unit SU-ALARM
namespace pump {
/// @implements SRS-2
class Alarm {
 public:
  Alarm();
  void raise(int level) { level_ = level; }
 private:
  int check() const { return level_; }
  int level_;
};

template <typename T>
T max_of(T a, T b) { return a > b ? a : b; }
}
`,
    decls: ['class Alarm +', 'method raise +', 'method check', 'function max_of +'],
    traced: ['Alarm', 'raise', 'check'],
  },
  {
    lang: 'csharp',
    path: 'svc/Telemetry.cs',
    src: `namespace Svc;

/// <summary>Receives readings.</summary>
/// @implements SRS-3
public class Telemetry
{
    public Telemetry() {}
    public void Store(int v) {}
    private int Count() => 0;
}

internal interface IStore { void Put(); }
`,
    decls: ['class Telemetry +', 'constructor Telemetry +', 'method Store +', 'method Count', 'interface IStore', 'method Put'],
    traced: ['Telemetry', 'Telemetry', 'Store', 'Count'],
  },
  {
    lang: 'java',
    path: 'svc/src/main/java/Dose.java',
    src: `package svc;

public class Dose {
    /**
     * Checks the limit.
     * @implements SRS-4
     */
    @Override
    public boolean check(int rate) {
        return rate < 10;
    }

    Dose() {}

    private void log() {
        // @implements SRS-5
        System.out.println("x");
    }
}

interface Store { void put(); }
`,
    decls: ['class Dose +', 'method check +', 'constructor Dose', 'method log', 'interface Store', 'method put'],
    traced: ['check', 'log'],
  },
  {
    lang: 'javascript',
    path: 'app/util.js',
    src: `'use strict';

// @implements SRS-6
export function format(v) { return String(v); }

export const toMl = (v) => v / 1000;

class Cache {
  get(k) { return k; }
  #secret() {}
}
`,
    decls: ['function format +', 'function toMl +', 'class Cache', 'method get', 'method #secret'],
    traced: ['format'],
  },
  {
    lang: 'typescript',
    path: 'app/api.ts',
    src: `/**
 * API client of the companion app.
 * @implements SRS-7
 */

import { x } from './x';

export interface Reading { value: number }

export class Api {
  constructor(private base: string) {}
  async fetch(): Promise<Reading> { return { value: x }; }
  private retry(): void {}
}

export enum Mode { A, B }
`,
    decls: ['interface Reading +', 'class Api +', 'method constructor +', 'method fetch +', 'method retry', 'enum Mode +'],
    traced: ['Reading', 'Api', 'constructor', 'fetch', 'retry', 'Mode'],
  },
  {
    lang: 'tsx',
    path: 'app/Status.tsx',
    src: `import React from 'react';

/** @implements SRS-8 */
export const Status = ({ rate }: { rate: number }) => <div>{rate}</div>;

export function Banner(): JSX.Element { return <b>hi</b>; }
`,
    decls: ['function Status +', 'function Banner +'],
    traced: ['Status'],
  },
  {
    lang: 'python',
    path: 'service/store.py',
    src: `"""Telemetry store.

@unit SU-SVC
"""
import hashlib


class Store:
    """Keeps readings. @implements SRS-9"""

    def put(self, r):
        return r

    def _key(self, r):
        return hashlib.sha256(r).hexdigest()


@app.route("/x")
def handler():
    # @implements SRS-10
    return 1


def _private():
    pass
`,
    decls: ['class Store +', 'method put +', 'method _key', 'function handler +', 'function _private'],
    traced: ['Store', 'put', '_key', 'handler'],
  },
  {
    lang: 'go',
    path: 'gw/gw.go',
    src: `package gw

// Forward sends data. @implements SRS-11
func Forward() error { return nil }

func helper() {}

type Client struct{ n int }

// @mitigates RC-2
func (c *Client) Send() {}

type Sender interface{ Send() }
`,
    decls: ['function Forward +', 'function helper', 'struct Client +', 'method Send +', 'interface Sender +'],
    traced: ['Forward', 'Send'],
  },
  {
    lang: 'rust',
    path: 'fw/src/lib.rs',
    src: `//! Dose engine.

/// Limits the rate.
/// @implements SRS-12
#[inline]
pub fn limit(r: u32) -> u32 { r.min(10) }

fn internal() {}

pub struct Pump { rate: u32 }

impl Pump {
    pub fn new() -> Self { Pump { rate: 0 } }
}

pub trait Sensor { fn read(&self) -> u32; }
`,
    decls: ['function limit +', 'function internal', 'struct Pump +', 'method new +', 'interface Sensor +', 'method read +'],
    traced: ['limit'],
  },
  {
    lang: 'kotlin',
    path: 'app/Main.kt',
    src: `package app

/** @implements SRS-13 */
class Monitor(val id: Int) {
    private fun tick(): Int { return 1 }
    constructor(s: String) : this(1) {}
}

internal fun helper() = 1

interface Sink { fun put(): Int }
`,
    decls: ['class Monitor +', 'method tick', 'constructor constructor +', 'function helper', 'interface Sink +', 'method put +'],
    traced: ['Monitor', 'tick', 'constructor'],
  },
  {
    lang: 'swift',
    path: 'ios/Pump.swift',
    src: `import Foundation

/// @implements SRS-14
public class PumpView {
    private func draw() -> Int { return 1 }
    init() {}
}

struct Reading {}

func helper() {}
`,
    decls: ['class PumpView +', 'method draw', 'constructor constructor', 'struct Reading', 'function helper'],
    traced: ['PumpView', 'draw', 'constructor'],
  },
];

async function facts(c: Case): Promise<FileFacts> {
  const r = await analyzeText(testGrammars(), c.path, languageById(c.lang)!, c.src, { analyzers: [], isTest: false, maxFileBytes: 1 << 22 });
  assert.ok(!('reason' in r), `${c.lang} sample was skipped`);
  return r as FileFacts;
}

describe('declarations and annotation scope, per language', () => {
  for (const c of CASES) {
    it(`${c.lang}: finds declarations with kind and visibility`, async () => {
      const f = await facts(c);
      assert.deepStrictEqual(
        f.declarations.map((d) => `${d.kind} ${d.name}${d.exported ? ' +' : ''}`),
        c.decls,
      );
      assert.deepStrictEqual(f.problems, []);
    });
    it(`${c.lang}: applies SPEC 1 scope rules`, async () => {
      const f = await facts(c);
      const g = buildTraceGraph(undefined, [f]);
      const traced = f.declarations.filter((_, i) => g.files.get(f.path)!.traced[i]).map((d) => d.name);
      assert.deepStrictEqual(traced, c.traced);
    });
  }

  it('reads a .h header written in C++ with the C++ grammar, and a C header with C\'s', async () => {
    const cpp = await facts({ lang: 'c', path: 'gdcmSHA1.h', src: 'namespace gdcm {\nclass SHA1 {\npublic:\n  SHA1();\n  ~SHA1();\n  static bool Compute(const char *b, unsigned long n);\n};\n}\n', decls: [], traced: [] });
    assert.strictEqual(cpp.languageId, 'cpp');
    assert.ok(cpp.declarations.some((d) => d.name === 'SHA1' && d.kind === 'class'), 'the class is a declaration, not an error');
    const c = await facts({ lang: 'c', path: 'io.h', src: '#ifdef __cplusplus\nextern "C" {\n#endif\nstruct buf { int n; };\nint read_buf(struct buf *b);\n#ifdef __cplusplus\n}\n#endif\n', decls: [], traced: [] });
    assert.strictEqual(c.languageId, 'c');
  });

  it('gives exact ranges for tags and ids (UTF-16 columns)', async () => {
    const src = `// héllo 😀 @implements SRS-1, SRS-2 rate limiting\nint f(void) { return 0; }\n`;
    const f = await facts({ lang: 'c', path: 'a.c', src, decls: [], traced: [] });
    const a = f.annotations[0];
    assert.strictEqual(a.tag, 'implements');
    const line = src.split('\n')[0];
    assert.strictEqual(a.tagRange.start.character, line.indexOf('@implements'));
    assert.deepStrictEqual(a.ids.map((i) => [i.id, i.range.start.character, i.range.end.character]), [
      ['SRS-1', line.indexOf('SRS-1'), line.indexOf('SRS-1') + 5],
      ['SRS-2', line.indexOf('SRS-2'), line.indexOf('SRS-2') + 5],
    ]);
    assert.strictEqual(a.text, 'rate limiting');
    assert.deepStrictEqual(a.scope, { kind: 'declaration', declaration: 0 });
  });

  it('continues an id list on the next comment line after a trailing comma', async () => {
    const src = `/**\n * @implements SRS-1,\n *   SRS-2\n */\nint f(void) { return 0; }\n`;
    const f = await facts({ lang: 'c', path: 'a.c', src, decls: [], traced: [] });
    assert.deepStrictEqual(f.annotations[0].ids.map((i) => [i.id, i.range.start.line, i.range.start.character]), [
      ['SRS-1', 1, 15],
      ['SRS-2', 2, 5],
    ]);
  });

  it('reports malformed annotations at their position', async () => {
    const src = `// @implements\n// @untraced\n// @implements 42abc\n// @implement SRS-1\n// medtrace-ignore crypto/weak-hash\n// mail me at x@implements.com\nint f(void) { return 0; }\n`;
    const f = await facts({ lang: 'c', path: 'a.c', src, decls: [], traced: [] });
    assert.deepStrictEqual(
      f.problems.map((p) => p.range.start.line),
      [0, 1, 2, 3, 4],
    );
    assert.match(f.problems[0].message, /needs at least one id/);
    assert.match(f.problems[1].message, /justification/);
    assert.match(f.problems[3].message, /did you mean '@implements'/);
  });

  it('never reads tags inside strings', async () => {
    const src = `const s = "// @implements SRS-1";\n`;
    const f = await facts({ lang: 'javascript', path: 'a.js', src, decls: [], traced: [] });
    assert.deepStrictEqual(f.annotations, []);
  });

  it('targets medtrace-ignore at the next code line, or its own line after code', async () => {
    const src = `// medtrace-ignore crypto/weak-hash: cache key only\n\n// another comment\nconst h = md5(x);\nconst y = sha1(z); // medtrace-ignore crypto/weak-hash: git object id\n`;
    const f = await facts({ lang: 'javascript', path: 'a.js', src, decls: [], traced: [] });
    assert.deepStrictEqual(f.ignores.map((i) => [i.ruleId, i.targetLine, i.justification]), [
      ['crypto/weak-hash', 3, 'cache key only'],
      ['crypto/weak-hash', 4, 'git object id'],
    ]);
  });
});
