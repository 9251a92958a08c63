// Twenty rules of lexgate's standard library (rules/), written three times over the contract's
// deployment profiles (design §3, as produced by tests/bench/generator):
//   check(f)  plain JavaScript predicate (the reference oracle)
//   cedar     a Cedar `forbid` policy
//   jre       json-rules-engine conditions
// A rule "fires" when the profile VIOLATES it. The three encodings must agree on every profile;
// each benchmark cross-checks its engine against check(f).
//
// Neither Cedar nor json-rules-engine quantifies over a list of records (`any m in
// product.models: m.provider == "DeepSeek" and m.hosting == "provider-api"`), so `facts()`
// flattens each profile first: list-of-record facts become sets of keys ("DeepSeek|provider-api").
// That conversion is part of every engine's measured cost. Unlike lexgate, these encodings are
// two-valued: a fact the profile omits counts as false / "none" (a missing fact passes silently
// here; lexgate reports it as indeterminate). Rules are those in force on 2025-06-01.

// ---- value universes ----
export const EU = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
];
const GENERATIVE = ['chat', 'text-generation', 'image-generation', 'audio-generation', 'video-generation', 'code-generation'];
const COMPLIANCE_FLAGS = [
  'content_labeling', 'implicit_labeling', 'content_moderation', 'complaint_channel', 'terms_of_service',
  'identity_verification', 'age_verification', 'ai_literacy', 'au_exemption_approved',
];

// ---- the contract profile, flattened into the facts all three encodings read ----
export function facts(p) {
  const pr = p.product ?? {};
  const d = p.deployment ?? {};
  const da = p.data ?? {};
  const c = p.compliance ?? {};
  const compliance = {
    cn_algorithm_filing: c.cn_algorithm_filing ?? 'none',
    cn_security_assessment: c.cn_security_assessment ?? 'none',
    au_exemption_function: c.au_exemption_function ?? 'none',
  };
  for (const k of COMPLIANCE_FLAGS) compliance[k] = c[k] ?? false;
  return {
    id: pr.id,
    product: {
      vendor_name: pr.vendor?.name ?? '',
      capabilities: pr.capabilities ?? [],
      model_keys: (pr.models ?? []).map((m) => `${m.provider ?? ''}|${m.hosting ?? ''}`),
      public_opinion: pr.public_opinion_attributes ?? false,
      social_mobilization: pr.social_mobilization ?? false,
      medical_uses: pr.medical_uses ?? [],
    },
    deployment: {
      markets: d.markets ?? [],
      audiences: d.audiences ?? [],
      device_classes: d.device_classes ?? [],
      channels: d.channels ?? [],
      sectors: d.sectors ?? [],
      us_federal_bodies: d.us_federal_bodies ?? [],
      // `deployment.government_bodies[market]`: the market's own list, else the `default` one.
      kr_government_bodies: d.government_bodies?.KR ?? d.government_bodies?.default ?? [],
      internet_diagnosis: d.internet_diagnosis ?? false,
    },
    data: {
      personal_data: da.personal_data ?? false,
      transfer_keys: (da.transfers ?? []).map(
        (t) => `${t.from}|${t.to === t.from ? 'same' : 'out'}|${t.mechanism ?? 'none'}`,
      ),
    },
    compliance,
    infrastructure: {
      accelerator_keys: (p.infrastructure?.accelerators ?? []).map(
        (a) => `${a.location ?? ''}|${a.eccn ?? ''}|${a.export_license ?? false}`,
      ),
    },
  };
}

// ---- helpers ----
const any = (arr, set) => arr.some((x) => set.includes(x));
const cset = (arr) => `[${arr.map((s) => JSON.stringify(s)).join(', ')}]`;
const c = (fact, path, operator, value) => ({ fact, path: `$.${path}`, operator, value });

const DS_SERVICE = (f) => f.product.vendor_name === 'DeepSeek' || f.product.model_keys.includes('DeepSeek|provider-api');
const DS_SERVICE_CEDAR = '(principal.vendor_name == "DeepSeek" || principal.model_keys.contains("DeepSeek|provider-api"))';
const DS_SERVICE_JRE = {
  any: [c('product', 'vendor_name', 'equal', 'DeepSeek'), c('product', 'model_keys', 'contains', 'DeepSeek|provider-api')],
};
const GOV = (f) => f.deployment.device_classes.includes('government') || f.deployment.audiences.includes('government');
const GOV_CEDAR = '(resource.device_classes.contains("government") || resource.audiences.contains("government"))';
const GOV_JRE = {
  any: [c('deployment', 'device_classes', 'contains', 'government'), c('deployment', 'audiences', 'contains', 'government')],
};
const CN_PUBLIC = (f) => f.deployment.markets.includes('CN') && f.deployment.audiences.includes('public');
const CN_PUBLIC_CEDAR = 'resource.markets.contains("CN") && resource.audiences.contains("public")';
const CN_PUBLIC_JRE = [c('deployment', 'markets', 'contains', 'CN'), c('deployment', 'audiences', 'contains', 'public')];
const GEN = (f) => any(f.product.capabilities, GENERATIVE);
const GEN_CEDAR = `principal.capabilities.containsAny(${cset(GENERATIVE)})`;
const GEN_JRE = c('product', 'capabilities', 'someFact:in', GENERATIVE);
const OPINION = (f) => f.product.public_opinion || f.product.social_mobilization;
const OPINION_CEDAR = '(principal.public_opinion || principal.social_mobilization)';
const OPINION_JRE = { any: [c('product', 'public_opinion', 'equal', true), c('product', 'social_mobilization', 'equal', true)] };

const forbid = (body) => `forbid (principal, action == Action::"deploy", resource) when {\n  ${body}\n};`;

// A CN public-service rule that requires one compliance flag.
function cnRequires(id, title, flag, generative) {
  return {
    id,
    title,
    check: (f) => CN_PUBLIC(f) && (!generative || GEN(f)) && !f.compliance[flag],
    cedar: forbid(`${CN_PUBLIC_CEDAR} && ${generative ? `${GEN_CEDAR} && ` : ''}!context.compliance.${flag}`),
    jre: { all: [...CN_PUBLIC_JRE, ...(generative ? [GEN_JRE] : []), c('compliance', flag, 'equal', false)] },
  };
}

// A government-devices ban on DeepSeek's service in one market.
function govBan(id, title, market, reach) {
  const gov = reach === 'devices' ? (f) => f.deployment.device_classes.includes('government') : GOV;
  const govCedar = reach === 'devices' ? 'resource.device_classes.contains("government")' : GOV_CEDAR;
  const govJre = reach === 'devices' ? c('deployment', 'device_classes', 'contains', 'government') : GOV_JRE;
  return {
    id,
    title,
    check: (f) => f.deployment.markets.includes(market) && gov(f) && DS_SERVICE(f),
    cedar: forbid(`resource.markets.contains("${market}") && ${govCedar} && ${DS_SERVICE_CEDAR}`),
    jre: { all: [c('deployment', 'markets', 'contains', market), govJre, DS_SERVICE_JRE] },
  };
}

const KR_MINISTRIES = ['foreign-affairs', 'industry'];
const CHINA = ['CN', 'MO', 'HK'];
const CONTROLLED = CHINA.flatMap((m) => ['3A090', '4A090'].map((e) => `${m}|${e}|false`));

export const RULES = [
  {
    id: 'R01',
    title: 'au.pspf_direction_001_2025.deepseek_on_government_systems',
    check: (f) => f.deployment.markets.includes('AU') && GOV(f) && DS_SERVICE(f) &&
      !(f.compliance.au_exemption_approved && ['national-security', 'regulatory'].includes(f.compliance.au_exemption_function)),
    cedar: forbid(`resource.markets.contains("AU") && ${GOV_CEDAR} && ${DS_SERVICE_CEDAR} && !(context.compliance.au_exemption_approved && ["national-security", "regulatory"].contains(context.compliance.au_exemption_function))`),
    jre: {
      all: [
        c('deployment', 'markets', 'contains', 'AU'), GOV_JRE, DS_SERVICE_JRE,
        { any: [c('compliance', 'au_exemption_approved', 'equal', false), c('compliance', 'au_exemption_function', 'notIn', ['national-security', 'regulatory'])] },
      ],
    },
  },
  {
    id: 'R02',
    title: 'cn.genai_interim_measures.art17_algorithm_filing',
    check: (f) => CN_PUBLIC(f) && OPINION(f) && f.compliance.cn_algorithm_filing !== 'completed',
    cedar: forbid(`${CN_PUBLIC_CEDAR} && ${OPINION_CEDAR} && context.compliance.cn_algorithm_filing != "completed"`),
    jre: { all: [...CN_PUBLIC_JRE, OPINION_JRE, c('compliance', 'cn_algorithm_filing', 'notEqual', 'completed')] },
  },
  {
    id: 'R03',
    title: 'cn.genai_interim_measures.art17_security_assessment',
    check: (f) => CN_PUBLIC(f) && OPINION(f) && f.compliance.cn_security_assessment !== 'completed',
    cedar: forbid(`${CN_PUBLIC_CEDAR} && ${OPINION_CEDAR} && context.compliance.cn_security_assessment != "completed"`),
    jre: { all: [...CN_PUBLIC_JRE, OPINION_JRE, c('compliance', 'cn_security_assessment', 'notEqual', 'completed')] },
  },
  cnRequires('R04', 'cn.deep_synthesis_2023.art17_conspicuous_labels', 'content_labeling', true),
  cnRequires('R05', 'cn.deep_synthesis_2023.art16_implicit_marks', 'implicit_labeling', true),
  cnRequires('R06', 'cn.deep_synthesis_2023.art9_identity_verification', 'identity_verification', true),
  cnRequires('R07', 'cn.genai_interim_measures.art4_content_safety', 'content_moderation', false),
  cnRequires('R08', 'cn.genai_interim_measures.art15_complaints', 'complaint_channel', false),
  {
    id: 'R09',
    title: 'cn.pipl.art38_transfer_mechanism',
    check: (f) => f.deployment.markets.includes('CN') && f.data.personal_data &&
      any(f.data.transfer_keys, ['CN|out|none', 'CN|out|adequacy', 'CN|out|consent']),
    cedar: forbid(`resource.markets.contains("CN") && context.data.personal_data && context.data.transfer_keys.containsAny(${cset(['CN|out|none', 'CN|out|adequacy', 'CN|out|consent'])})`),
    jre: { all: [c('deployment', 'markets', 'contains', 'CN'), c('data', 'personal_data', 'equal', true), c('data', 'transfer_keys', 'someFact:in', ['CN|out|none', 'CN|out|adequacy', 'CN|out|consent'])] },
  },
  {
    id: 'R10',
    title: 'it.garante_deepseek_2025.limit_processing',
    check: (f) => f.deployment.markets.includes('IT') && f.data.personal_data && DS_SERVICE(f),
    cedar: forbid(`resource.markets.contains("IT") && context.data.personal_data && ${DS_SERVICE_CEDAR}`),
    jre: { all: [c('deployment', 'markets', 'contains', 'IT'), c('data', 'personal_data', 'equal', true), DS_SERVICE_JRE] },
  },
  {
    id: 'R11',
    title: 'eu.ai_act.art4_ai_literacy',
    check: (f) => any(f.deployment.markets, EU) && !f.compliance.ai_literacy,
    cedar: forbid(`resource.markets.containsAny(${cset(EU)}) && !context.compliance.ai_literacy`),
    jre: { all: [c('deployment', 'markets', 'someFact:in', EU), c('compliance', 'ai_literacy', 'equal', false)] },
  },
  {
    id: 'R12',
    title: 'kr.ministries_deepseek_2025.foreign_affairs_and_industry',
    check: (f) => f.deployment.markets.includes('KR') && f.deployment.device_classes.includes('government') &&
      any(f.deployment.kr_government_bodies, KR_MINISTRIES) && DS_SERVICE(f),
    cedar: forbid(`resource.markets.contains("KR") && resource.device_classes.contains("government") && resource.kr_government_bodies.containsAny(${cset(KR_MINISTRIES)}) && ${DS_SERVICE_CEDAR}`),
    jre: {
      all: [
        c('deployment', 'markets', 'contains', 'KR'), c('deployment', 'device_classes', 'contains', 'government'),
        c('deployment', 'kr_government_bodies', 'someFact:in', KR_MINISTRIES), DS_SERVICE_JRE,
      ],
    },
  },
  govBan('R13', 'tw.moda_deepseek_2025.no_deepseek_in_government', 'TW', 'government'),
  {
    id: 'R14',
    title: 'tw.moda_deepseek_critical_infrastructure_2025.no_deepseek_in_critical_infrastructure',
    check: (f) => f.deployment.markets.includes('TW') && f.deployment.sectors.includes('critical-infrastructure') && DS_SERVICE(f),
    cedar: forbid(`resource.markets.contains("TW") && resource.sectors.contains("critical-infrastructure") && ${DS_SERVICE_CEDAR}`),
    jre: { all: [c('deployment', 'markets', 'contains', 'TW'), c('deployment', 'sectors', 'contains', 'critical-infrastructure'), DS_SERVICE_JRE] },
  },
  govBan('R15', 'us_tx.prohibited_technologies_2025.listed_apps_on_state_devices', 'US-TX', 'devices'),
  {
    id: 'R16',
    title: 'us.navy_deepseek_2025.no_deepseek',
    check: (f) => f.deployment.markets.includes('US') && f.deployment.device_classes.includes('government') &&
      f.deployment.us_federal_bodies.includes('navy') && (DS_SERVICE(f) || f.product.model_keys.includes('DeepSeek|self-hosted')),
    cedar: forbid(`resource.markets.contains("US") && resource.device_classes.contains("government") && resource.us_federal_bodies.contains("navy") && (${DS_SERVICE_CEDAR} || principal.model_keys.contains("DeepSeek|self-hosted"))`),
    jre: {
      all: [
        c('deployment', 'markets', 'contains', 'US'), c('deployment', 'device_classes', 'contains', 'government'),
        c('deployment', 'us_federal_bodies', 'contains', 'navy'),
        { any: [DS_SERVICE_JRE, c('product', 'model_keys', 'contains', 'DeepSeek|self-hosted')] },
      ],
    },
  },
  {
    id: 'R17',
    title: 'us.ear_advanced_computing.licence_for_controlled_chips',
    check: (f) => any(f.deployment.markets, CHINA) &&
      f.infrastructure.accelerator_keys.some((k) => CONTROLLED.includes(k) && f.deployment.markets.includes(k.slice(0, 2))),
    // Cedar and json-rules-engine cannot tie the chip's location to a market of the profile
    // without a quantifier; the keys are filtered to the profile's markets in `requestFacts`.
    cedar: forbid(`context.infrastructure.accelerator_keys_here.containsAny(${cset(CONTROLLED)})`),
    jre: { all: [c('infrastructure', 'accelerator_keys_here', 'someFact:in', CONTROLLED)] },
  },
  {
    id: 'R18',
    title: 'it.garante_chatbot_conditions_2023.age_gate',
    check: (f) => f.deployment.markets.includes('IT') && f.data.personal_data && f.product.capabilities.includes('chat') &&
      f.deployment.audiences.includes('public') && !f.compliance.age_verification,
    cedar: forbid('resource.markets.contains("IT") && context.data.personal_data && principal.capabilities.contains("chat") && resource.audiences.contains("public") && !context.compliance.age_verification'),
    jre: {
      all: [
        c('deployment', 'markets', 'contains', 'IT'), c('data', 'personal_data', 'equal', true),
        c('product', 'capabilities', 'contains', 'chat'), c('deployment', 'audiences', 'contains', 'public'),
        c('compliance', 'age_verification', 'equal', false),
      ],
    },
  },
  {
    id: 'R19',
    title: 'cn.nhc_internet_diagnosis_2022.no_ai_prescriptions',
    check: (f) => f.deployment.markets.includes('CN') && f.deployment.sectors.includes('healthcare') &&
      f.deployment.internet_diagnosis && f.product.medical_uses.includes('prescription'),
    cedar: forbid('resource.markets.contains("CN") && resource.sectors.contains("healthcare") && resource.internet_diagnosis && principal.medical_uses.contains("prescription")'),
    jre: {
      all: [
        c('deployment', 'markets', 'contains', 'CN'), c('deployment', 'sectors', 'contains', 'healthcare'),
        c('deployment', 'internet_diagnosis', 'equal', true), c('product', 'medical_uses', 'contains', 'prescription'),
      ],
    },
  },
  {
    id: 'R20',
    title: 'us.disa_deepseek_2025.no_deepseek_service',
    check: (f) => f.deployment.markets.includes('US') && f.deployment.device_classes.includes('government') &&
      f.deployment.us_federal_bodies.includes('defense') && DS_SERVICE(f),
    cedar: forbid(`resource.markets.contains("US") && resource.device_classes.contains("government") && resource.us_federal_bodies.contains("defense") && ${DS_SERVICE_CEDAR}`),
    jre: {
      all: [
        c('deployment', 'markets', 'contains', 'US'), c('deployment', 'device_classes', 'contains', 'government'),
        c('deployment', 'us_federal_bodies', 'contains', 'defense'), DS_SERVICE_JRE,
      ],
    },
  },
];

// The facts as the engines receive them: `facts()` plus the accelerator keys located in one of
// the profile's own markets (see R17).
export function requestFacts(p) {
  const f = facts(p);
  f.infrastructure.accelerator_keys_here = f.infrastructure.accelerator_keys.filter((k) =>
    f.deployment.markets.includes(k.split('|')[0]),
  );
  return f;
}

// Reference oracle: sorted list of violated rule ids.
export function violationsPlain(f, rules = RULES) {
  const out = [];
  for (const r of rules) if (r.check(f)) out.push(r.id);
  return out;
}

// Scaling aid: the rule set repeated k times (20*k rules). Copy j>0 of rule R07 gets the
// id "R07x<j>"; baseId() maps it back so verdicts can be compared with the oracle.
export function replicateRules(k = 1) {
  const out = [];
  for (let j = 0; j < k; j++) for (const r of RULES) out.push(j === 0 ? r : { ...r, id: `${r.id}x${j}` });
  return out;
}
export const baseId = (id) => id.replace(/x\d+$/, '');
