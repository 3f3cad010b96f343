#!/usr/bin/env node
// gen-locations.mjs — development-time generator of lib/grammars/gazetteers/locations.tsv
//
// Reads the CSV files of the npm package `idn-area-data` (Kemendagri's codes of
// Indonesia's administrative areas; data under the Open Database License 1.0)
// and writes one line per province, regency, city and district:
//
//     code <TAB> type <TAB> name <TAB> parent_code
//
// Usage (Node >= 18, standard library only):
//
//     mkdir -p /tmp/idn && cd /tmp/idn && npm init -y >/dev/null && npm install idn-area-data@4.0.1
//     node tools/gen-locations.mjs /tmp/idn/node_modules/idn-area-data \
//          [--out lib/grammars/gazetteers/locations.tsv] \
//          [--aliases lib/grammars/gazetteers/location-aliases.tsv]
//
// The first argument is the package directory (holding package.json and data/).
// --out defaults to lib/grammars/gazetteers/locations.tsv next to this script's
// repository; --aliases (default: location-aliases.tsv next to --out, if it
// exists) is only checked: every code it names must exist in the output.
// Villages (data/villages.csv, ~84,000 rows) are deliberately left out: they
// would make the embedded file several megabytes.
//
// Names are normalised to the title case news uses; see normaliseName() and the
// FIXES table. The script prints the counts per type and exits non-zero when the
// input looks wrong (duplicate codes, missing parents, unknown alias codes).

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------- arguments
const argv = process.argv.slice(2);
let pkgDir = null;
const here = dirname(fileURLToPath(import.meta.url));
let outPath = resolve(here, '..', 'lib', 'grammars', 'gazetteers', 'locations.tsv');
let aliasPath = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--out') outPath = resolve(argv[++i]);
  else if (a === '--aliases') aliasPath = resolve(argv[++i]);
  else if (a === '-h' || a === '--help') { usage(0); }
  else if (a.startsWith('-')) { console.error(`unknown option ${a}`); usage(2); }
  else if (pkgDir === null) pkgDir = resolve(a);
  else { console.error(`unexpected argument ${a}`); usage(2); }
}
if (pkgDir === null) usage(2);
if (!existsSync(join(pkgDir, 'data')) && existsSync(join(pkgDir, 'provinces.csv'))) {
  pkgDir = dirname(pkgDir);  // given the data/ directory itself
}
if (aliasPath === null) {
  const p = join(dirname(outPath), 'location-aliases.tsv');
  if (existsSync(p)) aliasPath = p;
}

function usage(code) {
  (code ? console.error : console.log)(
    'usage: node tools/gen-locations.mjs <idn-area-data package dir> [--out FILE] [--aliases FILE]');
  process.exit(code);
}

function fail(msg) {
  console.error(`gen-locations: ${msg}`);
  process.exit(1);
}

// ---------------------------------------------------------------- package metadata
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
if (pkg.name !== 'idn-area-data') fail(`${pkgDir} is not the idn-area-data package (name: ${pkg.name})`);
const dataLicence = readFileSync(join(pkgDir, 'data', 'LICENSE.md'), 'utf8');
if (!/Open Database License/.test(dataLicence)) fail('data/LICENSE.md is no longer the Open Database License: check the licence before regenerating');
const repoUrl = String(pkg.repository?.url ?? pkg.homepage ?? '')
  .replace(/^git\+/, '').replace(/\.git$/, '');

// ---------------------------------------------------------------- CSV (RFC 4180)
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  if (text.charCodeAt(0) === 0xfeff) i = 1;  // BOM
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const header = rows.shift();
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h.trim(), (r[k] ?? '').trim()])));
}

function readCsv(name) {
  return parseCsv(readFileSync(join(pkgDir, 'data', name), 'utf8'));
}

// ---------------------------------------------------------------- names
// Upper-case tokens kept as they are (the data set's upper-case versions <= 3.x
// cannot tell an acronym from a word, so they are listed).
const ACRONYMS = new Set(['DKI', 'DI', 'DIY', 'STL', 'BTS', 'NTB', 'NTT']);
// Words written in lower case inside a name.
const LOWER_WORDS = new Set(['dan']);
// Abbreviated words expanded everywhere (upper-cased key).
const EXPAND = new Map([
  ['KEP.', 'Kepulauan'],
  ['GN.', 'Gunung'],
  ['ADM.', 'Administrasi'],
  ['BTS.', 'BTS'],  // "BTS. Ulu" (Musi Rawas): the acronym, without the stray dot
]);
// Per-area corrections: code -> [name as in the source (after title-casing), corrected name].
// A fix whose source name no longer matches is reported (and not applied).
const FIXES = new Map([
  ['32.05.38', ['Bl. Limbangan', 'Balubur Limbangan']],  // Garut: "Bl." = Balubur
  ['11.08.14', ['T. Jambo Aye', 'Tanah Jambo Aye']],     // Aceh Utara (source <= 3.x)
  ['53.02.20', ['Kot Olin', "Kot'olin"]],                // Timor Tengah Selatan: apostrophe lost in the source
]);
const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;

function capitalise(part) {
  // First letter upper, the rest lower (also after an apostrophe: Ma'u, Sa'dan, O'o'u).
  const lower = part.toLocaleLowerCase('id');
  const m = /\p{L}/u.exec(lower);
  if (!m) return lower;
  return lower.slice(0, m.index) + lower[m.index].toLocaleUpperCase('id') + lower.slice(m.index + 1);
}

function caseWord(part, isFirst) {
  if (part === '') return part;
  const upper = part.toLocaleUpperCase('id');
  if (EXPAND.has(upper)) return EXPAND.get(upper);
  if (ACRONYMS.has(upper)) return upper;
  if (ROMAN.test(upper)) return upper;                    // II, IV, XIII, XXIV
  const lower = part.toLocaleLowerCase('id');
  if (!isFirst && LOWER_WORDS.has(lower)) return lower;
  return capitalise(part);
}

function normaliseName(raw) {
  let s = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  s = s.replace(/"/g, "'");            // Ra"as -> Ra'as (a quote for an apostrophe)
  s = s.replace(/[\u2018\u2019`]/g, "'");
  s = s.replace(/ ?- ?/g, '-');        // "Na IX - X" -> "Na IX-X"
  s = s.replace(/ ?\/ ?/g, '/');       // "Konda/ Kondaga" -> "Konda/Kondaga"
  // Split into words and word parts (hyphen, slash, parentheses), keeping the separators.
  const pieces = s.split(/([ \-/()])/);
  let first = true;
  return pieces.map((p, k) => {
    if (/^[ \-/()]$/.test(p) || p === '') return p;
    // "2 x 11 Kayu Tanam": a times sign between numbers stays lower case.
    if (/^x$/i.test(p) && /^\d+$/.test(pieces[k - 2] ?? '') && /^\d+$/.test(pieces[k + 2] ?? '')) return 'x';
    const out = caseWord(p, first);
    first = false;
    return out;
  }).join('');
}

function provinceName(raw) {
  let n = normaliseName(raw);
  n = n.replace(/^Daerah Khusus Ibu ?[Kk]ota /, 'DKI ');
  n = n.replace(/^Daerah Istimewa /, 'DI ');
  return n;
}

// "Kabupaten Aceh Selatan" -> ['regency', 'Aceh Selatan'];
// "Kota Administrasi Jakarta Pusat" -> ['city', 'Jakarta Pusat'].
function regencyTypeAndName(raw) {
  const n = normaliseName(raw);
  let m = /^(Kabupaten|Kab\.)( Administrasi)? (.+)$/.exec(n);
  if (m) return ['regency', m[3]];
  m = /^Kota( Administrasi)? (.+)$/.exec(n);
  if (m) return ['city', m[2]];
  return [null, n];
}

// ---------------------------------------------------------------- build
const areas = new Map();  // code -> {code, type, name, parent}
const problems = [];
const stats = { fixes: 0, changedCase: 0 };

function add(code, type, name, parent) {
  if (!/^\d{2}(\.\d{2}){0,2}$/.test(code)) problems.push(`bad code ${JSON.stringify(code)} (${name})`);
  if (areas.has(code)) problems.push(`duplicate code ${code}: ${areas.get(code).name} / ${name}`);
  if (parent && !areas.has(parent)) problems.push(`${code} ${name}: parent ${parent} missing`);
  if (parent && !code.startsWith(parent + '.')) problems.push(`${code} ${name}: code does not extend parent ${parent}`);
  if (/[\t\n]/.test(name) || name === '') problems.push(`${code}: bad name ${JSON.stringify(name)}`);
  areas.set(code, { code, type, name, parent });
}

function applyFix(code, name) {
  const fix = FIXES.get(code);
  if (!fix) return name;
  if (fix[0] === name) { stats.fixes++; return fix[1]; }
  if (fix[1] !== name) console.error(`note: fix for ${code} not applied: source now says "${name}" (expected "${fix[0]}")`);
  return name;
}

for (const r of readCsv('provinces.csv')) {
  add(r.code, 'province', applyFix(r.code, provinceName(r.name)), '');
}
for (const r of readCsv('regencies.csv')) {
  const [type, name] = regencyTypeAndName(r.name);
  if (type === null) { problems.push(`${r.code}: regency name without Kabupaten/Kota: ${r.name}`); continue; }
  add(r.code, type, applyFix(r.code, name), r.province_code);
}
for (const r of readCsv('districts.csv')) {
  const name = applyFix(r.code, normaliseName(r.name));
  if (name !== r.name) stats.changedCase++;
  add(r.code, 'district', name, r.regency_code);
}

if (problems.length) {
  for (const p of problems.slice(0, 50)) console.error(`error: ${p}`);
  fail(`${problems.length} problem(s) in the input`);
}

// ---------------------------------------------------------------- write
const codes = [...areas.keys()].sort();  // zero-padded dotted codes: string order = code order, parents first
const lines = [
  `# locations.tsv: Indonesia's administrative areas (Kemendagri codes), generated by tools/gen-locations.mjs from the npm package ${pkg.name} ${pkg.version} (${repoUrl}); this file is under the Open Database License (ODbL) 1.0 (https://opendatacommons.org/licenses/odbl/1-0/), see NOTICE and docs/data-licences.md`,
  '# code\ttype\tname\tparent_code   (type: province | regency | city | district; parent_code empty for provinces)',
];
for (const c of codes) {
  const a = areas.get(c);
  lines.push(`${a.code}\t${a.type}\t${a.name}\t${a.parent}`);
}
const text = lines.join('\n') + '\n';
if (text.includes(')warta_embed"')) fail('output contains the embedding delimiter');
writeFileSync(outPath, text, 'utf8');

// ---------------------------------------------------------------- report
const count = { province: 0, regency: 0, city: 0, district: 0 };
for (const a of areas.values()) count[a.type]++;
console.log(`source: ${pkg.name} ${pkg.version} (${repoUrl}), data licence ODbL 1.0`);
console.log(`wrote ${outPath}: ${Buffer.byteLength(text)} bytes, ${codes.length} areas`);
console.log(`provinces ${count.province}, regencies+cities ${count.regency + count.city} ` +
            `(regencies ${count.regency}, cities ${count.city}), districts ${count.district}`);
console.log(`per-area fixes applied: ${stats.fixes}; district names changed by normalisation: ${stats.changedCase}`);
if (count.province !== 38) console.log(`WARNING: expected 38 provinces, got ${count.province}`);
if (count.regency !== 416 || count.city !== 98) console.log('WARNING: expected 416 regencies and 98 cities');

// Names shared by several areas of one level (the matcher must disambiguate them).
const byName = new Map();
for (const a of areas.values()) {
  const k = `${a.type === 'city' ? 'regency' : a.type}:${a.name}`;
  byName.set(k, (byName.get(k) ?? 0) + 1);
}
const shared = (t) => [...byName].filter(([k, n]) => k.startsWith(t + ':') && n > 1).length;
console.log(`names shared within a level: regency/city ${shared('regency')}, district ${shared('district')}`);

// ---------------------------------------------------------------- aliases check
if (aliasPath) {
  let bad = 0, n = 0;
  for (const [i, line] of readFileSync(aliasPath, 'utf8').split('\n').entries()) {
    if (line === '' || line.startsWith('#')) continue;
    n++;
    const cols = line.split('\t');
    if (cols.length !== 2 || cols[0] === '' || !areas.has(cols[1])) {
      console.error(`${aliasPath}:${i + 1}: bad alias line (unknown code or not 2 columns): ${line}`);
      bad++;
    }
  }
  console.log(`aliases: ${n} lines checked in ${aliasPath}${bad ? `, ${bad} BAD` : ', all codes exist'}`);
  if (bad) process.exit(1);
}
