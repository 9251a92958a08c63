// Shared harness: argument parsing, timing, statistics, cross-checking against the
// plain-JS oracle in rules.mjs, and the result printout.

import fs from 'node:fs';
import os from 'node:os';
import { RULES, violationsPlain, baseId, requestFacts } from './rules.mjs';

export function parseArgs(argv, extra = {}) {
  const args = { n: 1000, seed: 42, runs: 7, warmup: 2, replicate: 1, json: false, profiles: 'profiles.json', ...extra };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--n') args.n = parseInt(argv[++i], 10);
    else if (a === '--seed') args.seed = parseInt(argv[++i], 10);
    else if (a === '--profiles') args.profiles = argv[++i];
    else if (a === '--runs') args.runs = parseInt(argv[++i], 10);
    else if (a === '--warmup') args.warmup = parseInt(argv[++i], 10);
    else if (a === '--replicate') args.replicate = parseInt(argv[++i], 10);
    else if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') {
      console.log('options: --profiles <profiles.json> --n <profiles=1000> --seed <42: recorded only> --runs <7> --warmup <2> --replicate <k: rule set x k> --json');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

// The contract-format profiles written by lexgate_profile_gen --json (a JSON array), as the
// flattened facts every encoding reads (rules.mjs). The flattening is done once, untimed.
export function loadProfiles(args) {
  const raw = JSON.parse(fs.readFileSync(args.profiles, 'utf8'));
  return raw.slice(0, args.n).map(requestFacts);
}

// The same profiles as JSON lines, for the JSON.parse modes.
export function loadProfileLines(args) {
  const raw = JSON.parse(fs.readFileSync(args.profiles, 'utf8'));
  return raw.slice(0, args.n).map((p) => JSON.stringify(p));
}

export const nowNs = () => process.hrtime.bigint();

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[idx];
}

// Compare engine verdicts (array of sorted id arrays) with the plain-JS oracle.
// Ids of replicated rules ("R07x3") are folded back onto their base id; every copy
// must fire exactly when the original does.
export function crossCheck(profiles, verdicts, replicate = 1) {
  let mismatches = 0;
  const perRule = Object.fromEntries(RULES.map((r) => [r.id, 0]));
  let total = 0;
  let clean = 0;
  const examples = [];
  for (let i = 0; i < profiles.length; i++) {
    const want = violationsPlain(profiles[i]);
    const raw = verdicts[i];
    const got = [...new Set(raw.map(baseId))].sort();
    if (raw.length !== got.length * replicate) {
      mismatches++;
      if (examples.length < 3) examples.push({ id: profiles[i].id, replicate, raw });
      continue;
    }
    if (want.join(',') !== got.join(',')) {
      mismatches++;
      if (examples.length < 3) examples.push({ id: profiles[i].id, want, got });
    }
    for (const id of got) perRule[id] = (perRule[id] ?? 0) + 1;
    total += got.length;
    if (got.length === 0) clean++;
  }
  return { mismatches, examples, totalViolations: total, cleanProfiles: clean, perRule };
}

// Time `runOnce` (which evaluates all profiles once) `runs` times after `warmup`
// untimed runs. runOnce may be async. Returns per-run totals in ns.
export async function timeRuns(runOnce, { runs, warmup }) {
  for (let i = 0; i < warmup; i++) await runOnce();
  const totals = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowNs();
    await runOnce();
    totals.push(Number(nowNs() - t0));
  }
  return totals;
}

// Per-evaluation latency distribution: evalOne(i) evaluates profile i.
export async function latencyPass(n, evalOne, { passes = 3 } = {}) {
  const lat = [];
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < n; i++) {
      const t0 = nowNs();
      await evalOne(i);
      lat.push(Number(nowNs() - t0));
    }
  }
  lat.sort((a, b) => a - b);
  return {
    p50_us: percentile(lat, 0.5) / 1e3,
    p90_us: percentile(lat, 0.9) / 1e3,
    p99_us: percentile(lat, 0.99) / 1e3,
    max_us: lat[lat.length - 1] / 1e3,
  };
}

export function summarizeMode(name, n, totalsNs, latency) {
  const medNs = median(totalsNs);
  return {
    mode: name,
    profiles: n,
    runs: totalsNs.length,
    median_run_ms: +(medNs / 1e6).toFixed(3),
    min_run_ms: +(Math.min(...totalsNs) / 1e6).toFixed(3),
    max_run_ms: +(Math.max(...totalsNs) / 1e6).toFixed(3),
    evals_per_sec: Math.round(n / (medNs / 1e9)),
    us_per_profile: +(medNs / 1e3 / n).toFixed(3),
    latency_us: latency
      ? Object.fromEntries(Object.entries(latency).map(([k, v]) => [k.replace('_us', ''), +v.toFixed(3)]))
      : undefined,
  };
}

export function environment() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
  };
}

export function report(engine, args, meta, modes, check) {
  const rules = RULES.length * (args.replicate ?? 1);
  const out = { engine, ...meta, rules, seed: args.seed, env: environment(), check, modes };
  if (args.json) {
    console.log(JSON.stringify(out));
    return;
  }
  console.log(`== ${engine} ==`);
  for (const [k, v] of Object.entries(meta)) console.log(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  console.log(`rules: ${rules}${args.replicate > 1 ? ` (20 x ${args.replicate})` : ''}, profiles: ${modes[0]?.profiles}, seed: ${args.seed}`);
  console.log(`env: ${JSON.stringify(out.env)}`);
  console.log(
    `cross-check vs plain-JS oracle: ${check.mismatches} mismatching profiles; ` +
      `${check.totalViolations} violations total, ${check.cleanProfiles} clean profiles`,
  );
  if (check.mismatches) console.log('  examples:', JSON.stringify(check.examples));
  console.log(`  per-rule hits: ${JSON.stringify(check.perRule)}`);
  console.log(
    'mode'.padEnd(34) + 'evals/s'.padStart(12) + 'us/profile'.padStart(12) +
      'p50 us'.padStart(10) + 'p99 us'.padStart(10) + '  (median of runs; min..max run ms)',
  );
  for (const m of modes) {
    console.log(
      m.mode.padEnd(34) +
        String(m.evals_per_sec).padStart(12) +
        m.us_per_profile.toFixed(2).padStart(12) +
        (m.latency_us ? m.latency_us.p50.toFixed(2) : '-').padStart(10) +
        (m.latency_us ? m.latency_us.p99.toFixed(2) : '-').padStart(10) +
        `  (${m.median_run_ms} ms; ${m.min_run_ms}..${m.max_run_ms})`,
    );
  }
  console.log(JSON.stringify(out));
}
