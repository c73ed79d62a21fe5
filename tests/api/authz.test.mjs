// authz.test.mjs: the table-driven authorisation test. One table lists every API route
// with the expected answer for each of the fourteen roles, signs in as a demo user of
// each role and asserts every cell. Deny by default: a route that the server has (read
// from src/web/routes.c) but the table lacks fails the test, and so does a table row
// for a route the server does not have.
//
// Cells: A = allowed (2xx, or 409 when an earlier allowed role already did the one-off
// change), D = denied (403, or 404 when the per-record rules hide the record), or a rule
// ID = refused by that protocol rule (422 with `rule`), as R-PATH-6 refuses a supervisor
// review by anyone but a police supervisor. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT, sql } from './helpers.mjs'
import { startDemo, signInAs, ROLES, one, northbrookRecord } from './demo.mjs'
import { daysAgo, ago, born } from './dates.mjs'

// Column order of every row (the roles of DESIGN.md's security model).
const COLS = ['police_officer', 'police_supervisor', 'assessment_team', 'mash_worker', 'social_worker',
  'csc_manager', 'health', 'education', 'youth_offending', 'charity', 'analyst', 'mase_chair',
  'auditor', 'administrator']
assert.deepEqual(COLS, ROLES)

const SIGN = { code: 'gifts_money', evidence: 'Two new phones, source not explained.', seen_on: daysAgo(65) }
// R-OUTC-1: the 13 outcomes of a child's review
const OUTCOMES = ['missing_reduced', 'school_attendance', 'substance_use_reduced', 'family_relationship', 'stable_accommodation',
  'recognises_exploitation', 'stays_in_contact', 'sexual_health_knowledge', 'risky_contacts_reduced', 'expresses_feelings',
  'safety_strategies', 'family_support', 'knows_rights']
const POLICE_AGENCY = new Set(['police_officer', 'police_supervisor', 'assessment_team', 'analyst'])

// [method, pattern, cells (one letter or rule per column), request(ctx, role, n)]
//         po  ps  at  mw  sw  cm  he  ed  yo  ch  an  mc  au  ad
const TABLE = [
  ['GET', '/api/v1/session', 'A A A A A A A A A A A A A A', () => ({})],
  ['POST', '/api/v1/session', 'A A A A A A A A A A A A A A', null], // each role's own sign-in
  ['GET', '/api/v1/tokens', 'A A A A A A A A A A A A A A', () => ({})],
  ['POST', '/api/v1/tokens', 'A A A A A A A A A A A A A A', () => ({ json: { label: 'authz test' } })],
  ['DELETE', '/api/v1/tokens/{id}', 'A A A A A A A A A A A A A A', (c) => ({ path: `/api/v1/tokens/${c.token}` })],
  ['GET', '/api/v1/children', 'A A A A A A A A A A A A D D', () => ({ path: '/api/v1/children?limit=5' })],
  ['POST', '/api/v1/children/search', 'A A A A A A A A A A A A D D', (c) => ({ json: { name: c.childName, date_of_birth: c.childDob } })],
  ['POST', '/api/v1/children', 'A A A A A A A A A A D D D D', (c, r, n) => ({ json: { given_names: 'Authz', family_name: `Tester${n}-Demo`, date_of_birth: born(14), confirm_new: true } })],
  ['GET', '/api/v1/children/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/children/${c.childId}` })],
  ['GET', '/api/v1/children/{id}/episodes', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/children/${c.childId}/episodes` })],
  ['GET', '/api/v1/children/{id}/profile', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/children/${c.childId}/profile` })],
  ['PUT', '/api/v1/children/{id}/profile', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/children/${c.childId}/profile`, json: { description: 'Tall, short dark hair.' } })],
  ['GET', '/api/v1/children/{id}/case', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/children/${c.childId}/case` })],
  ['POST', '/api/v1/children/{id}/changes', 'A A A A A A A A A A D D D D', (c, r, n) => ({ path: `/api/v1/children/${c.childId}/changes`, json: { school: `Authz Test Academy ${n} (demo)`, reason: 'Moved school this term.' } })],
  ['GET', '/api/v1/children/{id}/changes', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/children/${c.childId}/changes` })],
  ['POST', '/api/v1/children/{id}/case/members', 'D A A A D A D D D D D D D D', (c) => ({ path: `/api/v1/children/${c.childId}/case/members`, json: { agency: 'Riverside Young People\'s Charity (demo)', reason: 'The charity runs the child\'s mentoring sessions.' } })],
  ['POST', '/api/v1/children/{id}/case/members/end', 'D A A A D A D D D D D D D D', (c) => ({ path: `/api/v1/children/${c.childId}/case/members/end`, json: { agency: 'Riverside Young People\'s Charity (demo)', reason: 'The mentoring sessions have ended now.' } })],
  ['POST', '/api/v1/children/{id}/access-requests', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/children/${c.childId}/access-requests`, json: { reason: 'Preparing the strategy discussion for this child.' } })],
  ['GET', '/api/v1/access-requests', 'A A A A A A A A A A D D D D', () => ({})],
  ['POST', '/api/v1/access-requests/{id}/decision', 'D A D D D A D D D D D D D D', (c, r) => ({ path: `/api/v1/access-requests/${c.requests[r]}/decision`, json: { decision: 'grant', days: 7, note: 'Agreed for the clinic appointment.' } })],
  ['POST', '/api/v1/access-requests/{id}/end', 'D A D D D A D D D D D D D D', (c, r) => ({ path: `/api/v1/access-requests/${c.requests[r]}/end`, json: { note: 'No longer needed.' } })],
  ['POST', '/api/v1/referrals', 'A A A A A A A A A A D D D D', (c, role) => ({
    json: {
      child_id: c.referralChildId,
      circumstances: 'Seen getting into cars with older males after school.',
      signs: [SIGN],
      rationale: 'Receipt of unexplained gifts: two new phones.',
      people_involved: ['the child'],
      ...(POLICE_AGENCY.has(role) ? { police: { risk_review: 'Reviewed by the duty inspector.', merlin_pac: 'MERLIN 26/000123', other_info: 'None.' } } : {})
    }
  })],
  ['GET', '/api/v1/referrals/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/referrals/${c.referralId}` })],
  ['GET', '/api/v1/records/{ref}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/records/${c.ref}` })],
  ['GET', '/api/v1/records/{ref}/timeline', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/records/${c.ref}/timeline?limit=5` })],
  ['POST', '/api/v1/records/{ref}/entries', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/records/${c.ref}/entries`, json: { occurred_at: ago(47, '10:00'), nature: 'fact', people_involved: ['the child'], text: 'Attended the appointment.' } })],
  ['POST', '/api/v1/records/{ref}/category-decisions', 'A A A A D D D D D D D D D D', (c) => ({ path: `/api/v1/records/${c.ref}/category-decisions`, json: { category: 2, contact: 'contact', rationale: 'Older males giving gifts and lifts.' } })],
  ['POST', '/api/v1/records/{ref}/supervisor-review', 'R-PATH-6 A R-PATH-6 R-PATH-6 R-PATH-6 R-PATH-6 R-PATH-6 R-PATH-6 R-PATH-6 R-PATH-6 R-PATH-6 R-PATH-6 D D',
    (c) => ({ path: `/api/v1/records/${c.ref}/supervisor-review`, json: { items: [1, 2, 3, 4, 5, 6].map((i) => ({ ticked: true, note: `S${i} done.` })) } })],
  ['POST', '/api/v1/records/{ref}/essential-steps', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/records/${c.ref}/essential-steps`, json: { pnc_marker_done: true } })],
  ['POST', '/api/v1/records/{ref}/outcomes', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/records/${c.ref}/outcomes`, json: { code: 'MI', achieved_on: daysAgo(66) } })],
  ['POST', '/api/v1/records/{ref}/references', 'A A A A A A A A A A D D D D', (c, r, n) => ({ path: `/api/v1/records/${c.ref}/references`, json: { kind: 'csc_case', value: `CSC-${70000 + n}` } })],
  ['PUT', '/api/v1/records/{ref}/classification', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/records/${c.ref}/classification`, json: { exploitation_types: ['sexual'] } })],
  ['PUT', '/api/v1/records/{ref}/restriction', 'D A D D D A D D D D D D D D', (c) => ({ path: `/api/v1/records/${c.ref}/restriction`, json: { restricted: false } })],
  ['GET', '/api/v1/records/{ref}/restriction', 'D A D D D A D D D D D D D D', (c) => ({ path: `/api/v1/records/${c.ref}/restriction` })],
  ['GET', '/api/v1/restricted-access/{id}', 'D A D D D A D D D D D D D D', (c, r, n) => ({ path: `/api/v1/restricted-access/${c.openings[n]}` })],
  ['POST', '/api/v1/restricted-access/{id}/review', 'D A D D D A D D D D D D D D', (c, r, n) => ({ path: `/api/v1/restricted-access/${c.openings[n]}/review`, json: { note: 'Reason checked with the officer; appropriate.' } })],
  ['GET', '/api/v1/work', 'A A A A A A A A A A A A A A', () => ({})],
  ['GET', '/api/v1/deadlines', 'A A A A A A A A A A A A A A', () => ({})],
  ['GET', '/api/v1/audit', 'D D D D D D D D D D D D A D', () => ({ path: '/api/v1/audit?limit=5' })],
  ['POST', '/api/v1/episodes', 'A A A A A A A A A A D D D D', (c) => ({ json: { child_id: c.childId, missing_from: 'home', classification: 'missing', reported_at: ago(8, '08:00') } })],
  ['GET', '/api/v1/episodes/{id}', 'A A A A A A A A A A A A D D', (c, r) => ({ path: `/api/v1/episodes/${c.episodes[r]}` })],
  ['POST', '/api/v1/episodes/{id}/escalation', 'A A A A A A A A A A D D D D', (c, r) => ({ path: `/api/v1/episodes/${c.episodes[r]}/escalation`, json: { reason: 'Not at the usual places.' } })],
  ['PUT', '/api/v1/episodes/{id}/risk', 'A A A A A A A A A A D D D D', (c, r) => ({ path: `/api/v1/episodes/${c.episodes[r]}/risk`, json: { risk_level: 'medium', reason: 'Seen with older males.' } })],
  ['POST', '/api/v1/episodes/{id}/return', 'A A A A A A A A A A D D D D', (c, r) => ({ path: `/api/v1/episodes/${c.episodes[r]}/return`, json: { returned_at: ago(8, '20:00'), where: 'Demo Library' } })],
  ['POST', '/api/v1/episodes/{id}/safe-and-well', 'A A A A A A A A A A D D D D', (c, r) => ({ path: `/api/v1/episodes/${c.episodes[r]}/safe-and-well`, json: { done_by: 'Demo Duty Officer', where_found: 'Demo Library', found_alone: true, what_happened: 'Went to the library and lost track of time.' } })],
  ['POST', '/api/v1/episodes/{id}/return-interview', 'A A A A A A A A A A D D D D', (c, r) => ({ path: `/api/v1/episodes/${c.episodes[r]}/return-interview`, json: { interviewer: 'Demo Youth Worker', child_asked: true, child_preference: 'The youth worker' } })],
  ['POST', '/api/v1/episodes/{id}/forensic-decision', 'A A A A A A A A A A D D D D', (c, r) => ({ path: `/api/v1/episodes/${c.episodes[r]}/forensic-decision`, json: { clothing: false, early_evidence_kit: false, devices: false, decision: 'no_forensic_action', rationale: 'No offence alleged.' } })],
  ['POST', '/api/v1/orders', 'A A A A A A A A A A D D D D', (c) => ({ json: { type: 'sro', person_id: c.person, applied_on: daysAgo(9) } })],
  ['GET', '/api/v1/orders/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/orders/${c.order}` })],
  ['POST', '/api/v1/orders/{id}/changes', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/orders/${c.order}/changes`, json: { breach_on: daysAgo(4), note: 'Seen with the child again.' } })],
  ['GET', '/api/v1/people/{id}/orders', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/people/${c.person}/orders` })],
  ['GET', '/api/v1/places/{id}/orders', 'A A A A D A D D D D A A D D', (c) => ({ path: `/api/v1/places/${c.place}/orders` })],
  ['GET', '/api/v1/boroughs/{id}/disruption', 'A A A A A A A A A A A A D D', () => ({ path: '/api/v1/boroughs/Northbrook/disruption' })],
  ['GET', '/api/v1/records/{ref}/tactics', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/records/${c.ref}/tactics` })],
  // R-MASE-7: marked and agreed at a meeting (its id given), so those who record meetings
  // (the analyst, the MASE chair) may too; without it only practitioners (tests/api/mase)
  ['POST', '/api/v1/records/{ref}/tactics', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/records/${c.ref}/tactics`, json: { code: 'T12', mark: 'considered', note: 'CCTV staff to be briefed.', owner: 'Northbrook Police (demo)', meeting_id: c.meeting } })],
  ['POST', '/api/v1/actions', 'A A A A A A A A A A A A D D', (c) => ({ json: { text: 'Brief the school safeguarding lead.', owner_agency: 'Northbrook Police (demo)', record_ref: c.ref, due_on: daysAgo(-7), meeting_id: c.meeting } })],
  ['GET', '/api/v1/actions', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/actions?record_ref=${c.ref}` })],
  ['GET', '/api/v1/actions/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/actions/${c.action}` })],
  ['POST', '/api/v1/actions/{id}/changes', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/actions/${c.action}/changes`, json: { due_on: daysAgo(-14) } })],
  ['GET', '/api/v1/disruption-deadlines', 'A A A A A A A A A A A A A A', () => ({})],
  ['POST', '/api/v1/cj-cases', 'A A A A A A A A A A D D D D', (c) => ({ json: { person_id: c.person, referred_on: daysAgo(12) } })],
  ['GET', '/api/v1/cj-cases', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/cj-cases?person_id=${c.person}` })],
  ['GET', '/api/v1/cj-cases/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/cj-cases/${c.cjCase}` })],
  ['POST', '/api/v1/cj-cases/{id}/changes', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/cj-cases/${c.cjCase}/changes`, json: { network: 'Operation Authz (demo)' } })],
  ['POST', '/api/v1/children/{id}/nrm-referrals', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/children/${c.childId}/nrm-referrals`, json: { referred_at: ago(6, '10:00') } })],
  ['GET', '/api/v1/children/{id}/nrm-referrals', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/children/${c.childId}/nrm-referrals` })],
  ['POST', '/api/v1/nrm-referrals/{id}/decisions', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/nrm-referrals/${c.nrm}/decisions`, json: { grounds: 'reasonable', decision: 'positive', on: daysAgo(5) } })],
  ['GET', '/api/v1/exports/ssda903', 'D A D D D A D D D D A D D D', () => ({ path: `/api/v1/exports/ssda903?from=${daysAgo(339)}&to=${daysAgo(8)}` })],
  ['GET', '/api/v1/exports/annex-a', 'D A D D D A D D D D A D D D', () => ({ path: `/api/v1/exports/annex-a?from=${daysAgo(339)}&to=${daysAgo(8)}` })],
  ['GET', '/api/v1/agencies', 'A A A A A A A A A A A A A A', () => ({})],
  ['POST', '/api/v1/agencies', 'D D D D D D D D D D D D D A', () => ({ json: { name: 'Authz Test Trust (demo)', type: 'charity', borough: 'Northbrook' } })],
  ['GET', '/api/v1/users', 'D D D D D D D D D D D D D A', () => ({})],
  ['POST', '/api/v1/users', 'D D D D D D D D D D D D D A', () => ({ json: { username: 'authz.new', agency: 'Northbrook Police (demo)', roles: ['police_officer'], password: 'a-long-enough-pass-phrase' } })],
  ['POST', '/api/v1/users/{username}/disable', 'D D D D D D D D D D D D D A', () => ({ path: '/api/v1/users/authz.spare/disable' })],
  ['GET', '/api/v1/users/{username}', 'D D D D D D D D D D D D D A', () => ({ path: '/api/v1/users/authz.spare' })],
  ['PUT', '/api/v1/users/{username}', 'D D D D D D D D D D D D D A', (c, r, n) => ({ path: '/api/v1/users/authz.spare', json: { display_name: `Authz Spare ${n} (demo)` } })],
  ['POST', '/api/v1/users/{username}/enable', 'D D D D D D D D D D D D D A', () => ({ path: '/api/v1/users/authz.spare/enable' })],
  ['PUT', '/api/v1/users/{username}/roles', 'D D D D D D D D D D D D D A', () => ({ path: '/api/v1/users/authz.spare/roles', json: { roles: ['police_officer', 'police_supervisor'] } })],
  ['POST', '/api/v1/users/{username}/password-reset', 'D D D D D D D D D D D D D A', () => ({ path: '/api/v1/users/authz.spare/password-reset', json: { password: 'another-long-enough-pass-phrase' } })],
  // every role may change its own password (next to last: nothing signs in as it again)
  ['POST', '/api/v1/session/password', 'A A A A A A A A A A A A A A', () => ({ json: { current_password: 'lantern-demo-2026', new_password: 'lantern-demo-2026-changed' } })],
  ['DELETE', '/api/v1/session', 'A A A A A A A A A A A A A A', () => ({})], // last: signs out
  // people of concern, places, vehicles, phones, links and networks
  ['POST', '/api/v1/people', 'A A A A A A A A A A D D D D', (c, r, n) => ({ json: { names: [{ name: `Authz Person${n} Demo`, kind: 'name' }], nature: 'fact', source: 'Authz test (demo)', confirm_new: true } })],
  ['POST', '/api/v1/people/search', 'A A A A A A A A A A A A D D', () => ({ json: { name: 'Authz Person' } })],
  ['GET', '/api/v1/people/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/people/${c.person}` })],
  ['PUT', '/api/v1/people/{id}', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/people/${c.person}`, json: { description: 'Tall, a scar above the left eye.' } })],
  ['POST', '/api/v1/people/{id}/items', 'A A A A A A A A A A D D D D', (c, r, n) => ({ path: `/api/v1/people/${c.person}/items`, json: { names: [{ name: `Authz Alias${n}`, kind: 'alias' }], nature: 'fact', source: 'Authz test (demo)' } })],
  ['PUT', '/api/v1/people/{id}/pnc-marker', 'A A A D D D D D D D D D D D', (c) => ({ path: `/api/v1/people/${c.person}/pnc-marker`, json: { status: 'done' } })],
  ['GET', '/api/v1/children/{id}/pnc-marker', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/children/${c.childId}/pnc-marker` })],
  ['PUT', '/api/v1/children/{id}/pnc-marker', 'A A A D D D D D D D D D D D', (c) => ({ path: `/api/v1/children/${c.childId}/pnc-marker`, json: { status: 'done' } })],
  ['POST', '/api/v1/places', 'A A A A A A A A A A D D D D', (c, r, n) => ({ json: { type: 'takeaway', name: `Authz Chicken ${n} (demo)`, borough: 'Northbrook', confirm_new: true } })],
  ['GET', '/api/v1/places', 'A A A A A A A A A A A A D D', () => ({ path: '/api/v1/places?limit=5' })],
  ['GET', '/api/v1/places/{id}', 'A A A A D A D D D D A A D D', (c) => ({ path: `/api/v1/places/${c.place}` })],
  ['PUT', '/api/v1/places/{id}/hotspot', 'A A A A D A D D D D A A D D', (c) => ({ path: `/api/v1/places/${c.place}/hotspot`, json: { hotspot: true, rationale: 'Several children found here after missing episodes.' } })],
  ['POST', '/api/v1/vehicles', 'A A A A A A A A A A D D D D', () => ({ json: { registration: 'DM21 AZT', make: 'Demo', colour: 'blue' } })],
  ['GET', '/api/v1/vehicles/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/vehicles/${c.vehicle}` })],
  ['POST', '/api/v1/phones', 'A A A A A A A A A A D D D D', () => ({ json: { number: '07700 900555' } })],
  ['GET', '/api/v1/phones/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/phones/${c.phone}` })],
  ['POST', '/api/v1/links', 'A A A A A A A A A A D D D D', (c) => ({ json: { from: c.person, to: c.phone, kind: 'uses', nature: 'fact', source: 'Authz test (demo)' } })],
  ['GET', '/api/v1/links/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/links/${c.link}` })],
  ['POST', '/api/v1/links/{id}/end', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/links/${c.endLink}/end`, json: { reason: 'Recorded against the wrong phone.' } })],
  ['GET', '/api/v1/entities/{id}/links', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/entities/${c.person}/links` })],
  ['GET', '/api/v1/entities/{id}/network', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/entities/${c.childId}/network?hops=2` })],
  ['GET', '/api/v1/children/{id}/network-flag', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/children/${c.childId}/network-flag` })],
  ['GET', '/api/v1/networks', 'A A A A A A A A A A A A D D', () => ({ path: '/api/v1/networks?min_size=2' })],
  ['GET', '/api/v1/exports/network', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/exports/network?entity=${c.childId}&file=nodes` })],
  ['GET', '/api/v1/boroughs/{id}/linked-cases', 'A A A A A A A A A A A A D D', () => ({ path: '/api/v1/boroughs/Northbrook/linked-cases' })],

  // matching, merges and imports
  ['POST', '/api/v1/imports/children', 'D D D D D A D D D D D D D A', (c, r, n) => ({ opts: { body: `given_names,family_name,date_of_birth\nAuthz,Importrole${'abcdefghijklmn'[n]}x,${born(13)}\n`, headers: { 'content-type': 'text/csv' } } })],
  ['GET', '/api/v1/imports/{id}', 'D D D D D A D D D D D D D A', (c) => ({ path: `/api/v1/imports/${c.importId}` })],
  ['GET', '/api/v1/import-held', 'D D D D D A D D D D D D D A', () => ({})],
  ['POST', '/api/v1/import-held/{id}/resolution', 'D D D D D A D D D D D D D A', (c) => ({ path: `/api/v1/import-held/${c.heldId}/resolution`, json: { decision: 'same', child_id: c.childId } })],
  ['GET', '/api/v1/exports/children', 'D D D D D A D D D D D D D D', () => ({})],
  ['GET', '/api/v1/matching/model', 'D D D D D A D D D D D D D A', () => ({})],
  ['POST', '/api/v1/children/{id}/merges', 'D A D A D A D D D D D D D D', (c) => ({ path: `/api/v1/children/${c.mergeA}/merges`, json: { merged_child_id: c.mergeB, reason: 'Same school and date of birth; checked with the school.' } })],
  ['GET', '/api/v1/children/{id}/merges', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/children/${c.childId}/merges` })],
  ['POST', '/api/v1/merges/{id}/undo', 'D A D A D A D D D D D D D D', (c) => ({ path: `/api/v1/merges/${c.mergeId}/undo`, json: { reason: 'Two different children after all.' } })],

  // MASE meetings, outcomes and the board's report
  ['GET', '/api/v1/boroughs/{id}/mase', 'A A A A A A A A A A A A D D', () => ({ path: '/api/v1/boroughs/Northbrook/mase' })],
  ['PUT', '/api/v1/boroughs/{id}/mase/schedule', 'D A D D D A D D D D A A D D', () => ({ path: '/api/v1/boroughs/Northbrook/mase/schedule', json: { rule: 'nth_weekday', nth: 2, weekday: 2, time: '10:00' } })],
  ['GET', '/api/v1/boroughs/{id}/mase/agenda', 'A A A A A A A A A A A A D D', () => ({ path: '/api/v1/boroughs/Northbrook/mase/agenda' })],
  ['POST', '/api/v1/mase/meetings', 'D A D D D A D D D D A A D D', () => ({ json: { borough: 'Northbrook', held_at: ago(3, '10:00'), attendees: [{ name: 'Demo Inspector', member: 'police', rank: 'inspector', chair: true }] } })],
  ['GET', '/api/v1/mase/meetings/{id}', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/mase/meetings/${c.meeting}` })],
  ['POST', '/api/v1/mase/meetings/{id}/cases', 'D A D D D A D D D D A A D D', (c) => ({ path: `/api/v1/mase/meetings/${c.meeting}/cases`, json: { record_ref: c.ref, decision: 'Keep under review.' } })],
  ['POST', '/api/v1/mase/meetings/{id}/duties', 'D R-MASE-8 D D D R-MASE-8 D D D D R-MASE-8 A D D', (c) => ({ path: `/api/v1/mase/meetings/${c.meeting}/duties`, json: { duties: [1, 2, 3, 4, 5].map((i) => ({ done: true, note: i === 1 ? 'Absent members reported to the board.' : undefined })) } })],
  ['GET', '/api/v1/boroughs/{id}/board-report', 'A A A A A A A A A A A A D D', () => ({ path: `/api/v1/boroughs/Northbrook/board-report?from=${daysAgo(90)}&to=${daysAgo(0)}` })],
  ['GET', '/api/v1/boroughs/{id}/board-report/csv', 'A A A A A A A A A A A A D D', () => ({ path: `/api/v1/boroughs/Northbrook/board-report/csv?from=${daysAgo(90)}&to=${daysAgo(0)}` })],
  ['GET', '/api/v1/boroughs/{id}/board-report/xlsx', 'A A A A A A A A A A A A D D', () => ({ path: `/api/v1/boroughs/Northbrook/board-report/xlsx?from=${daysAgo(90)}&to=${daysAgo(0)}` })],
  ['GET', '/api/v1/boroughs/{id}/cin-factors', 'D A D D D A D D D D A D D D', () => ({ path: `/api/v1/boroughs/Northbrook/cin-factors?from=${daysAgo(90)}&to=${daysAgo(0)}` })],
  ['POST', '/api/v1/records/{ref}/outcome-reviews', 'A A A A A A A A A A D D D D', (c) => ({ path: `/api/v1/records/${c.ref}/outcome-reviews`, json: { scores: Object.fromEntries(OUTCOMES.map((o) => [o, 3])) } })],
  ['GET', '/api/v1/records/{ref}/outcome-reviews', 'A A A A A A A A A A A A D D', (c) => ({ path: `/api/v1/records/${c.ref}/outcome-reviews` })],
  ['PUT', '/api/v1/agencies/{id}/contacts', 'D D D D D D D D D D D D D A', () => ({ path: `/api/v1/agencies/${encodeURIComponent('Northbrook Police (demo)')}/contacts`, json: { lead: 'Detective Superintendent Demo', spoc: 'Sexual Exploitation Team duty desk' } })],

  // my work, the MASH and who is missing now
  ['GET', '/api/v1/missing-now', 'A A A A A A A A A A A A D D', () => ({ path: '/api/v1/missing-now?page=1' })],
  ['POST', '/api/v1/referrals/{id}/evaluation', 'D D D A D D D D D D D D D D', (c) => ({ path: `/api/v1/referrals/${c.referralId}/evaluation`, json: { outcome: 'early_help', rationale: 'Information shared with the school nurse.' } })]
]

// The order rows run in: changing the password and signing out come last, after every
// section's rows.
const LAST = new Set(['POST /api/v1/session/password', 'DELETE /api/v1/session'])
const RUN = [...TABLE.filter(([m, p]) => !LAST.has(`${m} ${p}`)), ...TABLE.filter(([m, p]) => LAST.has(`${m} ${p}`))]

// The API routes the server has: every {HTTP_X, "/api/..."} entry of src/web/routes.c.
async function serverRoutes () {
  const text = await readFile(join(ROOT, 'src/web/routes.c'), 'utf8')
  return [...text.matchAll(/\{HTTP_([A-Z]+),\s*"(\/api\/[^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`)
}

let srv
const ctx = { episodes: {}, requests: {} }

before(async () => {
  srv = await startDemo({
    seed: async (args) => {
      const { seedDemo } = await import('./demo.mjs')
      await seedDemo(args)
      await args.run('user', 'add', 'authz.spare', '--agency', 'Northbrook Police (demo)', '--role', 'police_officer',
        '--password-stdin', { input: 'a-long-enough-pass-phrase\n' })
    }
  })
  ctx.ref = await northbrookRecord(srv.db)
  ctx.childId = await one(srv.db, `SELECT child_id FROM records WHERE reference = '${ctx.ref}'`)
  ctx.referralId = await one(srv.db, `SELECT id FROM referrals WHERE child_id = '${ctx.childId}' LIMIT 1`)
  // one request for access per role, by a Riverside nurse who does not see the child
  const nurse = await signInAs(srv, 'health.riverside')
  for (const role of ROLES) {
    const rq = await nurse.post(`/api/v1/children/${ctx.childId}/access-requests`, { json: { reason: `Riverside clinic appointment number ${role}.` } })
    assert.equal(rq.status, 201, rq.text)
    ctx.requests[role] = rq.json.id
  }
  ctx.childName = await one(srv.db, `SELECT given_names || ' ' || family_name FROM children WHERE id = '${ctx.childId}'`)
  ctx.childDob = await one(srv.db, `SELECT date_of_birth FROM children WHERE id = '${ctx.childId}'`)
  // One absent episode per role, on a child without a record whose case every Northbrook
  // agency is a member of, so that each role's episode calls find it in a known state.
  const officer = await signInAs(srv, 'officer.northbrook')
  for (const [n, role] of ROLES.entries()) {
    const ch = await officer.post('/api/v1/children', { json: { given_names: 'Episode', family_name: `Child${n}-Demo`, date_of_birth: born(15), confirm_new: true } })
    assert.equal(ch.status, 201, ch.text)
    const ep = await officer.post('/api/v1/episodes', { json: { child_id: ch.json.id, missing_from: 'home', classification: 'absent', reported_at: ago(8, '18:00') } })
    assert.equal(ep.status, 201, ep.text)
    ctx.episodes[role] = ep.json.id
    await sql(srv.db, `INSERT INTO child_agencies (child_id, agency_id, reason, since, kind)
      SELECT '${ch.json.id}', id, 'authz test', '${ago(8, '18:00')}', 'added' FROM agencies WHERE name LIKE 'Northbrook%'
      ON CONFLICT (child_id, agency_id) DO UPDATE SET kind = 'added', ended_at = NULL`)
  }
  // The child every role files its referral about: not the record's child, so that the
  // police supervisor's own referral never makes it the reporting officer of the record
  // it then reviews (R-PATH-6 refuses that).
  const rc = await officer.post('/api/v1/children', { json: { given_names: 'Referral', family_name: 'Child-Demo', date_of_birth: born(15), confirm_new: true } })
  assert.equal(rc.status, 201, rc.text)
  ctx.referralChildId = rc.json.id
  await sql(srv.db, `INSERT INTO child_agencies (child_id, agency_id, reason, since, kind)
    SELECT '${rc.json.id}', id, 'authz test', '${ago(8, '18:00')}', 'added' FROM agencies WHERE name LIKE 'Northbrook%'
      ON CONFLICT (child_id, agency_id) DO UPDATE SET kind = 'added', ended_at = NULL`)
  // A restricted record opened once with a reason (R-INFO-3), for the review route.
  const other = await one(srv.db, `SELECT reference FROM records WHERE reference <> '${ctx.ref}' AND child_id IN
    (SELECT child_id FROM child_agencies WHERE agency_id = (SELECT id FROM agencies WHERE name = 'Northbrook Police (demo)')) LIMIT 1`)
  const sup = await signInAs(srv, 'supervisor.northbrook')
  const rs = await sup.put(`/api/v1/records/${other}/restriction`, { json: { restricted: true, reason: 'Covert police operation in progress.' } })
  assert.equal(rs.status, 200, rs.text)
  // one opening per role, so that each role's review meets an unreviewed opening
  for (let i = 0; i < ROLES.length; i++) {
    const opened = await officer.get(`/api/v1/records/${other}`, { headers: { 'lantern-purpose': `Preparing strategy meeting number ${i}.` } })
    assert.equal(opened.status, 200, opened.text)
  }
  ctx.openings = (await sql(srv.db, `SELECT id FROM restricted_access WHERE record_id = (SELECT id FROM records WHERE reference = '${other}') ORDER BY rowid`)).trim().split('\n')
  await sql(srv.db, `INSERT INTO child_agencies (child_id, agency_id, reason, since, kind)
    SELECT '${ctx.childId}', id, 'authz test', '${ago(8, '18:00')}', 'added' FROM agencies WHERE name LIKE 'Northbrook%'
      ON CONFLICT (child_id, agency_id) DO UPDATE SET kind = 'added', ended_at = NULL`)
  // Disruption: the Northbrook person whose Sexual Risk Order has been breached, linked to
  // the record's child (so every agency of the child's case sees the person), the
  // borough's hotel, an action and a criminal justice case about them, an NRM referral.
  ctx.order = await one(srv.db, `SELECT d.id FROM disruptions d JOIN agencies a ON a.id = d.agency_id
    WHERE d.type = 'sro' AND d.status = 'breached' AND a.name = 'Northbrook Police (demo)' LIMIT 1`)
  ctx.person = await one(srv.db, `SELECT person_id FROM disruptions WHERE id = '${ctx.order}'`)
  ctx.place = await one(srv.db, `SELECT p.id FROM places p JOIN boroughs b ON b.id = p.borough_id
    WHERE b.name = 'Northbrook' AND p.type = 'hotel' LIMIT 1`)
  await sql(srv.db, `INSERT INTO links (id, kind, from_type, from_id, to_type, to_id, to_child_id, nature, source,
    recorded_at, recorded_by_name) VALUES ('lnk_00000000000000000000', 'associate', 'person', '${ctx.person}', 'child',
    '${ctx.childId}', '${ctx.childId}', 'fact', 'authz test', '${ago(8, '18:00')}', 'authz test')`)
  const act = await sup.post('/api/v1/actions', { json: { text: 'Visit the address with the licensing officer.', owner_agency: 'Northbrook Police (demo)', record_ref: ctx.ref, due_on: daysAgo(-3) } })
  assert.equal(act.status, 201, act.text)
  ctx.action = act.json.id
  const cj = await sup.post('/api/v1/cj-cases', { json: { person_id: ctx.person, arrested_on: daysAgo(30), referred_on: daysAgo(20) } })
  assert.equal(cj.status, 201, cj.text)
  ctx.cjCase = cj.json.id
  // People of concern: a vehicle, a phone, a link of the person to the phone to read and
  // one to end (once; then 409 for the other allowed roles).
  const car = await sup.post('/api/v1/vehicles', { json: { registration: 'DM20 KJH', make: 'Demo', colour: 'black' } })
  assert.equal(car.status, 200, car.text)
  ctx.vehicle = car.json.id
  const tel = await sup.post('/api/v1/phones', { json: { number: '07700 900123' } })
  assert.equal(tel.status, 200, tel.text)
  ctx.phone = tel.json.id
  for (const key of ['link', 'endLink']) {
    const l = await sup.post('/api/v1/links', { json: { from: ctx.person, to: ctx.vehicle, kind: 'uses', nature: 'fact', source: 'ANPR check (demo)' } })
    assert.equal(l.status, 201, l.text)
    ctx[key] = l.json.id
  }
  const nrm = await sup.post(`/api/v1/children/${ctx.childId}/nrm-referrals`, { json: { referred_at: ago(7, '10:00'), reference: 'NRM-AUTHZ-1' } })
  assert.equal(nrm.status, 201, nrm.text)
  ctx.nrm = nrm.json.id
  // Import: a file whose one row is the record's child, held for a person to resolve
  const admin = await signInAs(srv, 'admin')
  const [given, family] = (await sql(srv.db, `SELECT given_names || '|' || family_name FROM children WHERE id = '${ctx.childId}'`)).trim().split('|')
  const imp = await admin.post('/api/v1/imports/children', { body: `given_names,family_name,date_of_birth\n${given},${family},${ctx.childDob}\n`, headers: { 'content-type': 'text/csv' } })
  assert.equal(imp.status, 201, imp.text)
  ctx.importId = imp.json.id
  ctx.heldId = imp.json.held_rows[0].id
  // MASE: a meeting the chair chaired, held after the record's referral (R-MASE-4, R-MASE-8)
  const chair = await signInAs(srv, 'chair.northbrook')
  const mtg = await chair.post('/api/v1/mase/meetings', { json: { borough: 'Northbrook', held_at: ago(1, '10:00'), attendees: [{ name: 'Demo Chair', username: 'chair.northbrook', member: 'police', rank: 'chief_inspector', chair: true }] } })
  assert.equal(mtg.status, 201, mtg.text)
  ctx.meeting = mtg.json.id
  // R-REC-1: two pairs of children, one pair to merge and one already merged to undo
  const pair = []
  for (const n of [1, 2, 3, 4]) {
    const ch = await sup.post('/api/v1/children', { json: { given_names: 'Merge', family_name: `Pair${n}-Demo`, date_of_birth: born(12), confirm_new: true } })
    assert.equal(ch.status, 201, ch.text)
    pair.push(ch.json.id)
  }
  ctx.mergeA = pair[0]
  ctx.mergeB = pair[1]
  const mg = await sup.post(`/api/v1/children/${pair[2]}/merges`, { json: { merged_child_id: pair[3], reason: 'Same child: same NHS number on the health record.' } })
  assert.equal(mg.status, 201, mg.text)
  ctx.mergeId = mg.json.id
})
after(async () => { await srv?.stop() })

test('the table lists every API route the server has, and only those (deny by default)', async () => {
  const have = new Set(await serverRoutes())
  const listed = new Set(TABLE.map(([m, p]) => `${m} ${p}`))
  for (const r of have) assert.ok(listed.has(r), `route ${r} is not in the authorisation table`)
  for (const r of listed) assert.ok(have.has(r), `table row ${r} is not a route of the server`)
  for (const [m, p, cells] of TABLE) assert.equal(cells.split(/\s+/).length, COLS.length, `${m} ${p}: one cell per role`)
})

test('every role against every route', async () => {
  const failures = []
  for (const [n, role] of COLS.entries()) {
    const who = await signInAs(srv, (await import('./demo.mjs')).ROLE_USERS[role])
    const tok = await who.post('/api/v1/tokens', { json: { label: 'authz table' } })
    ctx.token = tok.json?.id
    for (const [method, pattern, cells, make] of RUN) {
      if (!make) continue // POST /api/v1/session: the sign-in above
      const want = cells.split(/\s+/)[n]
      const spec = make(ctx, role, n)
      const path = spec.path || pattern
      const res = await who[method.toLowerCase()](path, spec.json !== undefined ? { json: spec.json } : (spec.opts || {}))
      const got = res.status
      let ok
      if (want === 'A') ok = (got >= 200 && got < 300) || got === 409
      else if (want === 'D') ok = got === 403 || got === 404
      else ok = got === 422 && res.json?.rule === want
      if (got >= 500) ok = false
      if (!ok) failures.push(`${role} ${method} ${pattern}: expected ${want}, got ${got} ${res.text.slice(0, 200)}`)
    }
  }
  assert.deepEqual(failures, [])
})
