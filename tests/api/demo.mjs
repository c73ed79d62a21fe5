// demo.mjs: a server seeded with a small synthetic demo borough pair (`lantern demo`),
// plus the one role the demo logins lack (csc_manager), and helpers to act as any demo
// user through the API with the session cookie and the CSRF header. All data is made up.
import assert from 'node:assert/strict'
import { startLantern, sql, viewsSettled } from './helpers.mjs'

export const PROBLEM = 'https://lantern.invalid/problems/'
export const DEMO_PASSWORD = 'lantern-demo-2026'

// One demo login per role (`lantern demo --logins`), Northbrook where there are two.
export const ROLE_USERS = {
  police_officer: 'officer.northbrook',
  police_supervisor: 'supervisor.northbrook',
  assessment_team: 'assessment',
  mash_worker: 'mash.northbrook',
  social_worker: 'social.northbrook',
  csc_manager: 'manager.northbrook',
  health: 'health.northbrook',
  education: 'school.northbrook',
  youth_offending: 'yot.northbrook',
  charity: 'charity.northbrook',
  analyst: 'analyst',
  mase_chair: 'chair.northbrook',
  auditor: 'auditor',
  administrator: 'admin'
}
export const ROLES = Object.keys(ROLE_USERS)

export async function seedDemo ({ run }) {
  await run('demo', '--children', '40', '--boroughs', '2')
  await run('user', 'add', 'manager.northbrook', '--agency', 'Northbrook Children\'s Social Care (demo)',
    '--role', 'csc_manager', '--display-name', 'Demo CSC Manager (Northbrook)', '--password-stdin',
    { input: DEMO_PASSWORD + '\n' })
}

export function startDemo (opts = {}) {
  return startLantern({ seed: seedDemo, ...opts })
}

// slug undefined: a 422 that is either kind (validation or protocol-rule).
export function assertProblem (res, status, slug, rule) {
  assert.equal(res.status, status, `${status} expected: ${res.text}`)
  assert.match(res.headers.get('content-type') || '', /^application\/problem\+json/, res.text)
  if (slug) assert.equal(res.json.type, PROBLEM + slug, res.text)
  else assert.ok([PROBLEM + 'validation', PROBLEM + 'protocol-rule'].includes(res.json.type), res.text)
  assert.equal(res.json.status, status)
  if (rule) assert.equal(res.json.rule, rule, res.text)
}

// Signs in as username; resolves an object with get/post/put/delete that send the
// session cookie and (unless csrf: false) the CSRF header.
export async function signInAs (srv, username, password = DEMO_PASSWORD) {
  const c = srv.client()
  const r = await c.post('/api/v1/session', { json: { username, password } })
  assert.equal(r.status, 201, `sign in ${username}: ${r.text}`)
  const csrf = r.json.csrf_token
  const call = (method) => (path, opts = {}) => {
    const headers = { ...(opts.headers || {}) }
    if (opts.csrf !== false && method !== 'GET' && !('x-csrf-token' in headers)) headers['x-csrf-token'] = csrf
    return c.request(method, path, { ...opts, headers })
  }
  return { client: c, csrf, user: r.json.user, get: call('GET'), post: call('POST'), put: call('PUT'), delete: call('DELETE') }
}

// Row counts of the tables that use cases write: to prove a refusal wrote nothing. The
// audit log is counted without the events a refusal itself writes (`refused`, and the
// `disclose` of candidates shown by a refused filing): those are counted apart, so a test
// can prove that a refusal was audited (R-INFO-2).
const TABLES = ['children', 'child_names', 'child_agencies', 'records', 'referrals', 'record_entries',
  'category_decisions', 'outcomes', 'external_refs', 'record_classifications', 'supervisor_reviews',
  'essential_steps', 'episodes', 'episode_changes', 'safe_and_well_checks', 'return_interviews',
  'forensic_decisions', 'philomena_profiles', 'agencies', 'users', 'access_grants']

export async function counts (db) {
  await viewsSettled(db)
  const q = TABLES.map((t) => `SELECT '${t}', count(*) FROM ${t};`).join(' ') +
    " SELECT 'audit_events', count(*) FROM audit_events WHERE action NOT IN ('refused', 'disclose');"
  const out = await sql(db, q)
  return Object.fromEntries(out.trim().split('\n').map((l) => l.split('|')).map(([k, v]) => [k, Number(v)]))
}

// How many refusals the audit log holds (of `entity`, when given).
export async function refusals (db, entity) {
  await viewsSettled(db)
  const where = entity ? ` AND (entity_id = '${entity}' OR record_ref = '${entity}')` : ''
  return Number((await sql(db, `SELECT count(*) FROM audit_events WHERE action = 'refused'${where}`)).trim())
}

export async function one (db, statement) {
  if (/audit_events/.test(statement)) await viewsSettled(db)
  return (await sql(db, statement)).trim()
}

// A record of a Northbrook child whose case has Northbrook Police and Northbrook
// children's social care as members, and no Riverside agency (not even one that filed).
export async function northbrookRecord (db) {
  return one(db, `SELECT r.reference FROM records r JOIN children c ON c.id = r.child_id
    WHERE r.restricted = 0 AND NOT EXISTS (SELECT 1 FROM child_agencies ca
                      JOIN agencies a ON a.id = ca.agency_id
                      WHERE ca.child_id = c.id AND a.name LIKE 'Riverside%')
      AND EXISTS (SELECT 1 FROM child_agencies ca JOIN agencies a ON a.id = ca.agency_id
                  WHERE ca.child_id = c.id AND a.name = 'Northbrook Police (demo)'
                  AND ca.kind <> 'filed' AND ca.ended_at IS NULL)
      AND EXISTS (SELECT 1 FROM child_agencies ca JOIN agencies a ON a.id = ca.agency_id
                  WHERE ca.child_id = c.id AND a.name = 'Northbrook Children''s Social Care (demo)'
                  AND ca.kind <> 'filed' AND ca.ended_at IS NULL)
    ORDER BY r.reference LIMIT 1`)
}
