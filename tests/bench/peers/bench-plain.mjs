// Floor for a JavaScript implementation: the same 20 rules as hand-written predicates
// (rules.mjs check functions, which are also the cross-check oracle), with no engine.
//
// Modes:
//   plain predicates           evaluate all 20 predicates on an in-memory profile
//   JSON.parse only            parse one profile from its JSON line (V8 JSON.parse)
//   JSON.parse + predicates    both, i.e. a minimal batch scanner over JSON lines
//
// Run: node bench-plain.mjs [--n 1000] [--seed 42] [--runs 15] [--replicate k] [--json]

import { parseArgs, loadProfiles, loadProfileLines, timeRuns, latencyPass, summarizeMode, crossCheck, report } from './bench-common.mjs';
import { violationsPlain, replicateRules, requestFacts } from './rules.mjs';

const args = parseArgs(process.argv, { runs: 15, warmup: 5 });
const profiles = loadProfiles(args);
const lines = loadProfileLines(args);
const rules = replicateRules(args.replicate);

let sink = 0; // keep results observable so nothing is optimised away
const modes = {
  'plain predicates': (i) => {
    sink += violationsPlain(profiles[i], rules).length;
  },
  'JSON.parse only': (i) => {
    sink += JSON.parse(lines[i]).data.retention_days ?? 0;
  },
  'JSON.parse + predicates': (i) => {
    sink += violationsPlain(requestFacts(JSON.parse(lines[i])), rules).length;
  },
};

const check = crossCheck(profiles, lines.map((l) => violationsPlain(requestFacts(JSON.parse(l)), rules)), args.replicate);

const results = [];
for (const [name, fn] of Object.entries(modes)) {
  const totals = await timeRuns(() => {
    for (let i = 0; i < profiles.length; i++) fn(i);
  }, args);
  const lat = await latencyPass(profiles.length, fn);
  results.push(summarizeMode(name, profiles.length, totals, lat));
}

report(
  'plain JavaScript (no engine)',
  args,
  { avg_json_bytes: Math.round(lines.reduce((s, l) => s + l.length, 0) / lines.length), sink },
  results,
  check,
);
