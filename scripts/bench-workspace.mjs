// Deterministic benchmark workspace: realistic-looking code in 12 languages with annotations, crypto
// calls and logging, plus a manifest. Same seed → byte-identical files, so figures compare across runs.
import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = ['dose', 'rate', 'alarm', 'pump', 'sensor', 'flow', 'limit', 'battery', 'valve', 'occlusion', 'reading', 'patient', 'session', 'event', 'queue', 'config'];

const LANGS = {
  c: { ext: 'c', fn: (n, tag, body) => `${tag ? `/** ${tag} */\n` : ''}int ${n}(int value)\n{\n${body.map((b) => `    ${b}\n`).join('')}    return value;\n}\n`, stmt: (r) => [`value = value * ${r} + 1;`, `if (value > ${r * 10}) { value = ${r}; }`, `printf("%d\\n", value);`, `MD5_Init(&ctx);`] },
  cpp: { ext: 'cpp', fn: (n, tag, body) => `${tag ? `// ${tag}\n` : ''}int Controller::${n}(int value) {\n${body.map((b) => `  ${b}\n`).join('')}  return value;\n}\n`, stmt: (r) => [`value += ${r};`, `std::cout << value << std::endl;`, `if (value > ${r}) value = ${r};`, `auto h = EVP_md5();`] },
  java: { ext: 'java', wrap: (name, body) => `package bench;\n\npublic class ${name} {\n${body}}\n`, fn: (n, tag, body) => `    ${tag ? `/** ${tag} */\n    ` : ''}public int ${n}(int value) {\n${body.map((b) => `        ${b}\n`).join('')}        return value;\n    }\n`, stmt: (r) => [`value = value * ${r};`, `log.info("value {}", value);`, `MessageDigest md = MessageDigest.getInstance("SHA-256");`, `if (value > ${r}) { value = ${r}; }`] },
  python: { ext: 'py', fn: (n, tag, body) => `def ${n}(value):\n${tag ? `    """${tag}"""\n` : ''}${body.map((b) => `    ${b}\n`).join('')}    return value\n`, stmt: (r) => [`value = value * ${r}`, `logger.info("value %s", value)`, `digest = hashlib.sha256(value).hexdigest()`, `if value > ${r}:\n        value = ${r}`, `logger.info("patient %s diagnosis %s", patient.name, record.diagnosis)`] },
  typescript: { ext: 'ts', fn: (n, tag, body) => `${tag ? `/** ${tag} */\n` : ''}export function ${n}(value: number): number {\n${body.map((b) => `  ${b}\n`).join('')}  return value;\n}\n`, stmt: (r) => [`value = value * ${r};`, `console.log('value', value);`, `console.log('patient', patient.dateOfBirth);`, `const h = createHash('sha256').update(String(value)).digest('hex');`, `if (value > ${r}) { value = ${r}; }`] },
  tsx: { ext: 'tsx', fn: (n, tag, body) => `${tag ? `/** ${tag} */\n` : ''}export function ${n}(props: { value: number }) {\n  let value = props.value;\n${body.map((b) => `  ${b}\n`).join('')}  return <div className="v">{value}</div>;\n}\n`, stmt: (r) => [`value = value + ${r};`, `console.debug(value);`, `if (value > ${r}) { value = ${r}; }`] },
  javascript: { ext: 'js', fn: (n, tag, body) => `${tag ? `// ${tag}\n` : ''}function ${n}(value) {\n${body.map((b) => `  ${b}\n`).join('')}  return value;\n}\n`, stmt: (r) => [`value = value * ${r};`, `console.log(value);`, `const t = Math.random() * ${r};`, `if (value > ${r}) { value = ${r}; }`] },
  go: { ext: 'go', wrap: (_n, body) => `package bench\n\nimport "fmt"\n\n${body}`, fn: (n, tag, body) => `${tag ? `// ${tag}\n` : ''}func ${n[0].toUpperCase() + n.slice(1)}(value int) int {\n${body.map((b) => `\t${b}\n`).join('')}\treturn value\n}\n`, stmt: (r) => [`value = value * ${r}`, `fmt.Println(value)`, `if value > ${r} {\n\t\tvalue = ${r}\n\t}`] },
  rust: { ext: 'rs', fn: (n, tag, body) => `${tag ? `/// ${tag}\n` : ''}pub fn ${n}(mut value: i64) -> i64 {\n${body.map((b) => `    ${b}\n`).join('')}    value\n}\n`, stmt: (r) => [`value = value * ${r};`, `println!("{}", value);`, `if value > ${r} { value = ${r}; }`] },
  csharp: { ext: 'cs', wrap: (name, body) => `namespace Bench;\n\npublic class ${name}\n{\n${body}}\n`, fn: (n, tag, body) => `    ${tag ? `/// ${tag}\n    ` : ''}public int ${n[0].toUpperCase() + n.slice(1)}(int value)\n    {\n${body.map((b) => `        ${b}\n`).join('')}        return value;\n    }\n`, stmt: (r) => [`value = value * ${r};`, `Console.WriteLine(value);`, `if (value > ${r}) { value = ${r}; }`] },
  kotlin: { ext: 'kt', fn: (n, tag, body) => `${tag ? `/** ${tag} */\n` : ''}fun ${n}(input: Int): Int {\n    var value = input\n${body.map((b) => `    ${b}\n`).join('')}    return value\n}\n`, stmt: (r) => [`value = value * ${r}`, `println(value)`, `if (value > ${r}) { value = ${r} }`] },
  swift: { ext: 'swift', fn: (n, tag, body) => `${tag ? `/// ${tag}\n` : ''}public func ${n}(_ input: Int) -> Int {\n    var value = input\n${body.map((b) => `    ${b}\n`).join('')}    return value\n}\n`, stmt: (r) => [`value = value * ${r}`, `print(value)`, `if value > ${r} { value = ${r} }`] },
};

export function generateWorkspace(dir, { files = 2000, seed = 42, linesPerFile = 150 } = {}) {
  const stamp = join(dir, '.bench-stamp');
  const key = `${files}:${seed}:${linesPerFile}:v1`;
  const counts = { files: 0, lines: 0, bytes: 0 };
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').startsWith(key)) {
    Object.assign(counts, JSON.parse(readFileSync(stamp, 'utf8').slice(key.length + 1)));
    return counts;
  }
  rmSync(dir, { recursive: true, force: true });
  const rand = rng(seed);
  const langs = Object.keys(LANGS);
  const reqs = 200;
  let manifest = `version: 1\nsystem: { name: Bench pump, safetyClass: C }\nunits:\n`;
  for (const l of langs) manifest += `  - { id: SU-${l.toUpperCase()}, name: ${l} unit, safetyClass: ${rand() < 0.5 ? 'C' : 'B'}, paths: ["src/${l}/**"] }\n`;
  manifest += 'requirements:\n';
  for (let i = 1; i <= reqs; i++) manifest += `  - { id: SRS-${i}, title: Requirement ${i}, text: The pump shall do ${i}., kind: functional }\n`;
  manifest += 'riskControls:\n  - { id: RC-1, title: Limit, type: protective, requirements: [SRS-1] }\nrisks:\n  - { id: RISK-1, hazard: Overdose, severity: 5, probability: 2, controls: [RC-1] }\n';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'medtrace.yaml'), manifest);
  for (let f = 0; f < files; f++) {
    const lang = langs[f % langs.length];
    const L = LANGS[lang];
    const folder = join(dir, 'src', lang, `m${Math.floor(f / 100)}`);
    mkdirSync(folder, { recursive: true });
    const name = `${words[f % words.length]}${f}`;
    let body = '';
    let lines = 0;
    let k = 0;
    while (lines < linesPerFile - 12) {
      const tagged = rand() < 0.8;
      const tag = tagged ? `@implements SRS-${1 + Math.floor(rand() * reqs)}` : '';
      const stmts = [];
      const n = 4 + Math.floor(rand() * 8);
      for (let s = 0; s < n; s++) {
        const opts = L.stmt(1 + Math.floor(rand() * 9));
        stmts.push(opts[Math.floor(rand() * opts.length)]);
      }
      const fnName = `${words[(f + k) % words.length]}Step${k}`;
      const text = L.fn(fnName, tag, stmts) + '\n';
      body += text;
      lines += text.split('\n').length - 1;
      k++;
    }
    const cls = `${name[0].toUpperCase()}${name.slice(1)}`;
    const content = L.wrap ? L.wrap(cls, body) : `${L.ext === 'py' ? '#' : '//'} Generated benchmark file ${f}\n\n${body}`;
    writeFileSync(join(folder, `${name}.${L.ext}`), content);
    counts.files++;
    counts.lines += content.split('\n').length;
    counts.bytes += Buffer.byteLength(content);
  }
  writeFileSync(stamp, `${key}\n${JSON.stringify(counts)}`);
  return counts;
}
