// Cedar (Rust evaluator compiled to WebAssembly, @cedar-policy/cedar-wasm) evaluating
// the 20 compliance rules of rules.mjs over generated deployment profiles.
//
// Mapping: profile.product -> principal Product::"<id>", profile.deployment ->
// resource Deployment::"<id>", action Action::"deploy", {data, compliance} -> context.
// Policy set = one catch-all `permit` plus one `forbid` per rule, so a profile is
// compliant iff the decision is allow, and on deny diagnostics.reason lists exactly
// the violated rules.
//
// Modes:
//   isAuthorized/reparse   policy text passed and re-parsed on every call (stateless API)
//   stateful/preparsed     policies parsed once (preparsePolicySet + statefulIsAuthorized)
//   stateful+schema        as above, plus schema-validated request/entities
// Probes (no rules, to split the cost): a permit-only policy set with a bare request
// (fixed cost of one JS->WASM call) and with the full request (cost of marshalling the
// profile's context and entities into Cedar values).
//
// Run: node bench-cedar.mjs [--n 1000] [--seed 42] [--runs 7] [--replicate k] [--json]
//   --replicate k  evaluate the rule set repeated k times (20*k policies)

import { parseArgs, loadProfiles, timeRuns, latencyPass, summarizeMode, crossCheck, report, nowNs } from './bench-common.mjs';
import { replicateRules } from './rules.mjs';

const tImport0 = nowNs();
const cedar = await import('@cedar-policy/cedar-wasm/nodejs');
const importMs = Number(nowNs() - tImport0) / 1e6;
const uptimeAfterImportMs = process.uptime() * 1e3;

const args = parseArgs(process.argv);
const profiles = loadProfiles(args);
const rules = replicateRules(args.replicate);

const SCHEMA = `
entity Product = {
  vendor_name: String, capabilities: Set<String>, model_keys: Set<String>,
  public_opinion: Bool, social_mobilization: Bool, medical_uses: Set<String>,
};
entity Deployment = {
  markets: Set<String>, audiences: Set<String>, device_classes: Set<String>, channels: Set<String>,
  sectors: Set<String>, us_federal_bodies: Set<String>, kr_government_bodies: Set<String>,
  internet_diagnosis: Bool,
};
type DataInfo = { personal_data: Bool, transfer_keys: Set<String> };
type Compliance = {
  cn_algorithm_filing: String, cn_security_assessment: String, au_exemption_function: String,
  content_labeling: Bool, implicit_labeling: Bool, content_moderation: Bool, complaint_channel: Bool,
  terms_of_service: Bool, identity_verification: Bool, age_verification: Bool, ai_literacy: Bool,
  au_exemption_approved: Bool,
};
type Infrastructure = { accelerator_keys: Set<String>, accelerator_keys_here: Set<String> };
action deploy appliesTo {
  principal: Product, resource: Deployment,
  context: { data: DataInfo, compliance: Compliance, infrastructure: Infrastructure },
};
`;

const staticPolicies = { base: 'permit (principal, action, resource);' };
for (const r of rules) staticPolicies[r.id] = r.cedar;
const policySet = { staticPolicies };

// One-time checks: policies parse, and type-check against the schema.
const parsed = cedar.checkParsePolicySet(policySet);
if (parsed.type !== 'success') throw new Error('policy parse failed: ' + JSON.stringify(parsed.errors));
const validation = cedar.validate({ schema: SCHEMA, policies: policySet });
if (validation.type !== 'success') throw new Error('validate call failed: ' + JSON.stringify(validation.errors));
if (validation.validationErrors.length) {
  throw new Error('policies do not validate: ' + JSON.stringify(validation.validationErrors.slice(0, 3)));
}

const tPre0 = nowNs();
const pre = cedar.preparsePolicySet('compliance', policySet);
const preparseMs = Number(nowNs() - tPre0) / 1e6;
if (pre.type !== 'success') throw new Error('preparse failed: ' + JSON.stringify(pre.errors));
const preS = cedar.preparseSchema('compliance-schema', SCHEMA);
if (preS.type !== 'success') throw new Error('preparse schema failed: ' + JSON.stringify(preS.errors));

function toRequest(p) {
  const principal = { type: 'Product', id: p.id };
  const resource = { type: 'Deployment', id: p.id };
  return {
    principal,
    action: { type: 'Action', id: 'deploy' },
    resource,
    context: { data: p.data, compliance: p.compliance, infrastructure: p.infrastructure },
    entities: [
      { uid: principal, attrs: p.product, parents: [] },
      { uid: resource, attrs: p.deployment, parents: [] },
    ],
  };
}
const requests = profiles.map(toRequest);

let evalErrors = 0;
function verdict(ans) {
  if (ans.type !== 'success') throw new Error('authorization failed: ' + JSON.stringify(ans.errors));
  if (ans.response.diagnostics.errors.length) evalErrors += ans.response.diagnostics.errors.length;
  if (ans.response.decision === 'allow') return [];
  return ans.response.diagnostics.reason.filter((id) => id !== 'base').sort();
}

// Decomposition probes (not cross-checked: they deliberately evaluate no rules).
cedar.preparsePolicySet('permit-only', { staticPolicies: { base: staticPolicies.base } });
const probes = {
  'probe: permit-only, bare request': (req) =>
    cedar.statefulIsAuthorized({
      principal: req.principal,
      action: req.action,
      resource: req.resource,
      context: {},
      entities: [],
      preparsedPolicySetId: 'permit-only',
    }),
  'probe: permit-only, full request': (req) =>
    cedar.statefulIsAuthorized({ ...req, preparsedPolicySetId: 'permit-only' }),
};

const modes = {
  // re-parsing 20*k policies per call is slow; only measured for the base rule set
  ...(args.replicate === 1 && {
    'isAuthorized/reparse': (req) => cedar.isAuthorized({ ...req, policies: policySet }),
  }),
  'stateful/preparsed': (req) => cedar.statefulIsAuthorized({ ...req, preparsedPolicySetId: 'compliance' }),
  'stateful+schema': (req) =>
    cedar.statefulIsAuthorized({
      ...req,
      preparsedPolicySetId: 'compliance',
      preparsedSchemaName: 'compliance-schema',
      validateRequest: true,
    }),
};

// first decision (cold) and verdicts for the cross-check
const tFirst0 = nowNs();
verdict(modes['stateful/preparsed'](requests[0]));
const firstDecisionUs = Number(nowNs() - tFirst0) / 1e3;
const uptimeAtFirstDecisionMs = process.uptime() * 1e3;

const verdictsByMode = {};
for (const [name, fn] of Object.entries(modes)) verdictsByMode[name] = requests.map((r) => verdict(fn(r)));
const check = crossCheck(profiles, verdictsByMode['stateful/preparsed'], args.replicate);
for (const [name, v] of Object.entries(verdictsByMode)) {
  const c2 = crossCheck(profiles, v, args.replicate);
  if (c2.mismatches) {
    check.mismatches += c2.mismatches;
    check.examples.push({ mode: name, ...c2.examples[0] });
  }
}
if (evalErrors) throw new Error(`${evalErrors} policy evaluation errors`);

const results = [];
for (const [name, fn] of Object.entries({ ...modes, ...probes })) {
  const totals = await timeRuns(
    () => {
      for (let i = 0; i < requests.length; i++) fn(requests[i]);
    },
    args,
  );
  const lat = await latencyPass(requests.length, (i) => fn(requests[i]));
  results.push(summarizeMode(name, requests.length, totals, lat));
}

report(
  `cedar-wasm ${cedar.getCedarVersion()} (lang ${cedar.getCedarLangVersion()})`,
  args,
  {
    policies: Object.keys(staticPolicies).length,
    cold: {
      import_wasm_ms: +importMs.toFixed(1),
      process_uptime_after_import_ms: +uptimeAfterImportMs.toFixed(1),
      preparse_policies_ms: +preparseMs.toFixed(2),
      first_decision_us: +firstDecisionUs.toFixed(1),
      process_uptime_at_first_decision_ms: +uptimeAtFirstDecisionMs.toFixed(1),
    },
  },
  results,
  check,
);
