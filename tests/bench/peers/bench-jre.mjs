// json-rules-engine evaluating the 20 compliance rules of rules.mjs over generated
// deployment profiles. The five profile sections (product, deployment, data,
// compliance, infrastructure) are passed as runtime facts; every rule emits a `violation` event.
//
// Modes:
//   engine.run/jsonpath      default path resolution (jsonpath-plus), as documented
//   engine.run/simple-path   a plain dotted-property pathResolver (engine option)
//
// json-rules-engine's run() is Promise-based, so profiles are evaluated one after
// another with await (a CI gate / batch scanner would do the same per profile).
//
// Run: node bench-jre.mjs [--n 1000] [--seed 42] [--runs 7] [--replicate k] [--json]
//   --replicate k  evaluate the rule set repeated k times (20*k rules)

import { parseArgs, loadProfiles, timeRuns, latencyPass, summarizeMode, crossCheck, report, nowNs } from './bench-common.mjs';
import { replicateRules } from './rules.mjs';

const tImport0 = nowNs();
const { Engine } = await import('json-rules-engine');
const importMs = Number(nowNs() - tImport0) / 1e6;

const args = parseArgs(process.argv);
const profiles = loadProfiles(args);
const rules = replicateRules(args.replicate);

// "$.a.b" -> value.a.b
function simplePathResolver(value, path) {
  let v = value;
  const parts = path.startsWith('$.') ? path.slice(2).split('.') : path.split('.');
  for (const k of parts) {
    if (v === null || v === undefined) return undefined;
    v = v[k];
  }
  return v;
}

function buildEngine(options = {}) {
  const engine = new Engine([], { allowUndefinedFacts: false, ...options });
  engine.addOperator('startsWith', (a, b) => typeof a === 'string' && a.startsWith(b));
  engine.addOperator('nonEmpty', (a, b) => Array.isArray(a) && (a.length > 0) === b);
  for (const r of rules) {
    engine.addRule({ name: r.id, conditions: r.jre, event: { type: 'violation', params: { id: r.id } } });
  }
  return engine;
}

const tBuild0 = nowNs();
const engines = {
  'engine.run/jsonpath': buildEngine(),
  'engine.run/simple-path': buildEngine({ pathResolver: simplePathResolver }),
};
const buildMs = Number(nowNs() - tBuild0) / 1e6 / 2;

const facts = profiles.map((p) => ({
  product: p.product,
  deployment: p.deployment,
  data: p.data,
  compliance: p.compliance,
  infrastructure: p.infrastructure,
}));

async function evalOne(engine, f) {
  const { events } = await engine.run(f);
  return events.map((e) => e.params.id).sort();
}

const tFirst0 = nowNs();
await evalOne(engines['engine.run/jsonpath'], facts[0]);
const firstDecisionUs = Number(nowNs() - tFirst0) / 1e3;
const uptimeAtFirstDecisionMs = process.uptime() * 1e3;

let check = null;
for (const [name, engine] of Object.entries(engines)) {
  const verdicts = [];
  for (const f of facts) verdicts.push(await evalOne(engine, f));
  const c = crossCheck(profiles, verdicts, args.replicate);
  if (!check) check = c;
  else if (c.mismatches) {
    check.mismatches += c.mismatches;
    check.examples.push({ mode: name, ...c.examples[0] });
  }
}

const results = [];
for (const [name, engine] of Object.entries(engines)) {
  const totals = await timeRuns(async () => {
    for (let i = 0; i < facts.length; i++) await engine.run(facts[i]);
  }, args);
  const lat = await latencyPass(facts.length, (i) => engine.run(facts[i]));
  results.push(summarizeMode(name, facts.length, totals, lat));
}

const { createRequire } = await import('node:module');
const jreVersion = createRequire(import.meta.url)('json-rules-engine/package.json').version;
report(
  `json-rules-engine ${jreVersion}`,
  args,
  {
    cold: {
      import_ms: +importMs.toFixed(1),
      build_engine_ms: +buildMs.toFixed(2),
      first_decision_us: +firstDecisionUs.toFixed(1),
      process_uptime_at_first_decision_ms: +uptimeAtFirstDecisionMs.toFixed(1),
    },
  },
  results,
  check,
);
