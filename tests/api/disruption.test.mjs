// disruption.test.mjs: the disruption API against a server with the synthetic demo
// partnership: an order recorded from application to service with the outcome code
// appearing on the person (R-ORD-4, R-OUT-5); bad input refused with the rule and the
// field and nothing written (R-ORD-1 CAWN for an ineligible child, R-ORD-2/R-ORD-3
// durations, R-ORD-4 service before the order, R-ORD-3 a breach before the order); an
// order on a person the user may not see answered 404 and audited (R-INFO-3); a
// tactical options checklist (R-ORD-5); an overdue action in a supervisor's queue
// (R-MASE-7, R-DL-9); criminal justice attrition (R-OUTC-2); an NRM referral's period
// (R-DL-6). All data is made up.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from './helpers.mjs'
import { startDemo, signInAs, assertProblem, one, refusals } from './demo.mjs'
import { daysAgo, ago } from './dates.mjs'

let srv, sup, nurse
const ctx = {}

// Rows of the tables a refused order must leave alone.
async function orderCounts () {
  return one(srv.db, `SELECT (SELECT count(*) FROM disruptions) || '/' || (SELECT count(*) FROM disruption_history)
    || '/' || (SELECT count(*) FROM outcomes) || '/' || (SELECT count(*) FROM record_entries)`)
}

before(async () => {
  srv = await startDemo()
  sup = await signInAs(srv, 'supervisor.northbrook')
  nurse = await signInAs(srv, 'health.riverside')
  // a Northbrook person of concern linked to a child with a record
  ctx.person = await one(srv.db, `SELECT p.id FROM people p JOIN links l ON l.from_id = p.id
    JOIN records r ON r.child_id = l.to_child_id
    WHERE p.agency_id = (SELECT id FROM agencies WHERE name = 'Northbrook Police (demo)')
    ORDER BY p.label LIMIT 1`)
  ctx.ref = await one(srv.db, `SELECT r.reference FROM links l JOIN records r ON r.child_id = l.to_child_id
    WHERE l.from_id = '${ctx.person}' LIMIT 1`)
  // a child of 16 or over, not looked after: no CAWN can protect them
  ctx.olderChild = await one(srv.db, `SELECT id FROM children WHERE looked_after = 0
    AND date_of_birth <= date('now', '-16 years', '-1 month') AND residence_borough_id =
    (SELECT id FROM boroughs WHERE name = 'Northbrook') ORDER BY id LIMIT 1`)
  // a person of Riverside Police's, not linked to anything a Riverside nurse sees
  ctx.riversidePerson = await one(srv.db, `SELECT id FROM people WHERE agency_id =
    (SELECT id FROM agencies WHERE name = 'Riverside Police (demo)') ORDER BY id LIMIT 1`)
})
after(async () => { await srv?.stop() })

test('R-OUT-5: an order from application to service; the outcome code appears on the person', async () => {
  const fpBefore = Number(await one(srv.db, `SELECT count(*) FROM outcomes WHERE person_id = '${ctx.person}' AND code = 'FP'`))
  const applied = await sup.post('/api/v1/orders', { json: { type: 'sro', person_id: ctx.person, applied_on: daysAgo(30) } })
  assert.equal(applied.status, 201, applied.text)
  assert.equal(applied.json.status, 'applied')
  assert.equal(applied.json.outcome_added, null)
  const id = applied.json.id
  const made = await sup.post(`/api/v1/orders/${id}/changes`, { json: { made_on: daysAgo(20), ends_on: daysAgo(20 - 800) } })
  assert.equal(made.status, 200, made.text)
  assert.equal(made.json.status, 'made')
  assert.ok(made.json.deadlines.some((d) => d.kind === 'sro_review'))

  // R-ORD-4: served before the court made it: refused, field named, nothing written
  const before = await orderCounts()
  const early = await sup.post(`/api/v1/orders/${id}/changes`, { json: { served_at: ago(21, '10:00'), serving_officer: 'PC 1001 Demo' } })
  assertProblem(early, 422, 'protocol-rule', 'R-ORD-4')
  assert.ok(early.json.errors.some((e) => e.field === 'served_at'), early.text)
  assert.equal(await orderCounts(), before)

  const served = await sup.post(`/api/v1/orders/${id}/changes`, { json: { served_at: ago(19, '10:00'), serving_officer: 'PC 1001 Demo' } })
  assert.equal(served.status, 200, served.text)
  assert.equal(served.json.status, 'served')
  assert.equal(served.json.outcome_added, 'FP')
  assert.equal(served.json.outcome, 'FP')
  assert.ok(served.json.deadlines.some((d) => d.kind === 'sro_notification' && d.rule === 'R-DL-4'))
  const person = await sup.get(`/api/v1/people/${ctx.person}/orders`)
  assert.equal(person.status, 200, person.text)
  assert.equal(person.json.outcomes.filter((o) => o.code === 'FP').length, fpBefore + 1)
  assert.ok(person.json.orders.some((o) => o.id === id && o.status === 'served'))
  // R-OUT-5: a chronology entry on the linked child's record
  assert.ok(Number(await one(srv.db, `SELECT count(*) FROM record_entries e JOIN records r ON r.id = e.record_id
    WHERE r.reference = '${ctx.ref}' AND e.kind = 'outcome' AND e.text LIKE 'Outcome FP%'`)) >= 1)

  // R-ORD-3: a breach before the order: refused
  const b1 = await orderCounts()
  const breach = await sup.post(`/api/v1/orders/${id}/changes`, { json: { breach_on: daysAgo(25) } })
  assertProblem(breach, 422, 'protocol-rule', 'R-ORD-3')
  assert.ok(breach.json.errors.some((e) => e.field === 'breaches'), breach.text)
  assert.equal(await orderCounts(), b1)
})

test('bad input: CAWN for an ineligible child, SHPO under 5 years, SRO under 2 years', async () => {
  const before = await orderCounts()
  const cawn = await sup.post('/api/v1/orders', { json: { type: 'cawn', person_id: ctx.person, child_id: ctx.olderChild, served_at: ago(2, '10:00'), serving_officer: 'PC 1001 Demo' } })
  assertProblem(cawn, 422, 'protocol-rule', 'R-ORD-1')
  assert.ok(cawn.json.errors.some((e) => e.field === 'child_id'), cawn.text)
  const shpo = await sup.post('/api/v1/orders', { json: { type: 'shpo', person_id: ctx.person, status: 'made', made_on: daysAgo(10), ends_on: daysAgo(10 - 365 * 4) } })
  assertProblem(shpo, 422, 'protocol-rule', 'R-ORD-2')
  assert.ok(shpo.json.errors.some((e) => e.field === 'ends_on'), shpo.text)
  const sro = await sup.post('/api/v1/orders', { json: { type: 'sro', person_id: ctx.person, status: 'made', made_on: daysAgo(10), ends_on: daysAgo(10 - 365) } })
  assertProblem(sro, 422, 'protocol-rule', 'R-ORD-3')
  assert.ok(sro.json.errors.some((e) => e.field === 'ends_on'), sro.text)
  const arrest = await sup.post('/api/v1/orders', { json: { type: 'arrest', person_id: ctx.person, on: daysAgo(3) } })
  assertProblem(arrest, 422, 'protocol-rule', 'R-OUTC-2')
  assert.equal(await orderCounts(), before)
})

test('R-INFO-3: an order on a person the user may not see is 404, audited, nothing written', async () => {
  const before = await orderCounts()
  const refusedBefore = await refusals(srv.db, ctx.person)
  const r = await nurse.post('/api/v1/orders', { json: { type: 'sro', person_id: ctx.person, applied_on: daysAgo(3) } })
  assertProblem(r, 404, 'not-found')
  assert.equal(await refusals(srv.db, ctx.person), refusedBefore + 1)
  assert.equal(await orderCounts(), before)
  const list = await nurse.get(`/api/v1/people/${ctx.person}/orders`)
  assertProblem(list, 404, 'not-found')
  // covert tactics exist only for entitled police
  const covert = await one(srv.db, "SELECT id FROM disruptions WHERE type = 'covert_tactic' LIMIT 1")
  const social = await signInAs(srv, 'social.northbrook')
  assertProblem(await social.get(`/api/v1/orders/${covert}`), 404, 'not-found')
  assert.equal((await sup.get(`/api/v1/orders/${covert}`)).status, 200)
})

test('R-ORD-5: the tactical options checklist of a record', async () => {
  const t = await sup.get(`/api/v1/records/${ctx.ref}/tactics`)
  assert.equal(t.status, 200, t.text)
  assert.equal(t.json.summary.shown, 29)
  const was = t.json.summary.not_considered
  const code = t.json.summary.not_considered_codes[0]
  const bad = await sup.post(`/api/v1/records/${ctx.ref}/tactics`, { json: { code, mark: 'in_place', note: 'In place since the meeting.' } })
  assertProblem(bad, 422, 'protocol-rule', 'R-ORD-5')
  assert.ok(bad.json.errors.some((e) => e.field === 'owner'), bad.text)
  const ok = await sup.post(`/api/v1/records/${ctx.ref}/tactics`, { json: { code, mark: 'in_place', note: 'In place since the meeting.', owner: 'Northbrook Police (demo)' } })
  assert.equal(ok.status, 200, ok.text)
  assert.equal(ok.json.summary.not_considered, was - 1)
  assert.ok(!ok.json.summary.not_considered_codes.includes(code))
  const social = await signInAs(srv, 'analyst')
  const other = await social.get(`/api/v1/records/${ctx.ref}/tactics`)
  assert.equal(other.status, 200)
  assert.equal(other.json.summary.shown, 27) // T14, T15: entitled police only
})

test('R-MASE-7, R-DL-9: an overdue action in the owner\'s and the supervisor\'s queues', async () => {
  const add = await sup.post('/api/v1/actions', { json: { text: 'Check the hotel register with the manager.', owner_person: 'officer.northbrook', record_ref: ctx.ref, agreed_at: ago(10, '10:00'), due_on: daysAgo(2) } })
  assert.equal(add.status, 201, add.text)
  assert.equal(add.json.overdue, true)
  const officer = await signInAs(srv, 'officer.northbrook')
  const mine = await officer.get('/api/v1/work')
  // my work lists what is overdue first, in one section (R-DL-9)
  const due = mine.json.sections.find((s) => s.key === 'overdue')
  assert.ok(due.items.some((i) => i.subject_id === add.json.id && i.state === 'red'), JSON.stringify(due))
  const q = await sup.get('/api/v1/work')
  const over = q.json.sections.find((s) => s.key === 'overdue')
  assert.ok(over && over.items.some((i) => i.subject_id === add.json.id), JSON.stringify(over))
  const noReason = await officer.post(`/api/v1/actions/${add.json.id}/changes`, { json: { status: 'cancelled' } })
  assertProblem(noReason, 422, 'protocol-rule', 'R-MASE-7')
  const done = await officer.post(`/api/v1/actions/${add.json.id}/changes`, { json: { status: 'done' } })
  assert.equal(done.status, 200, done.text)
  assert.equal(done.json.closed_by_name, 'Demo Police Officer (Northbrook)')
  assert.ok(done.json.closed_at)
  const list = await sup.get(`/api/v1/actions?record_ref=${ctx.ref}`)
  assert.equal(list.status, 200, list.text)
  assert.ok(list.json.actions.some((a) => a.id === add.json.id && a.status === 'done'))
})

test('R-OUTC-2: criminal justice cases and attrition; a charge adds FQ', async () => {
  const open = await sup.post('/api/v1/cj-cases', { json: { person_id: ctx.person, arrested_on: daysAgo(40), referred_on: daysAgo(35), network: 'Operation Test (demo)' } })
  assert.equal(open.status, 201, open.text)
  const bad = await sup.post(`/api/v1/cj-cases/${open.json.id}/changes`, { json: { decision: 'charge', decided_on: daysAgo(20), charged_on: daysAgo(20) } })
  assertProblem(bad, 422, 'protocol-rule', 'R-OUTC-2')
  const charged = await sup.post(`/api/v1/cj-cases/${open.json.id}/changes`, { json: { decision: 'charge', decided_on: daysAgo(20), charged_on: daysAgo(20), offence: 'Controlling a child for sexual exploitation' } })
  assert.equal(charged.status, 200, charged.text)
  assert.equal(charged.json.outcome_added, 'FQ')
  const list = await sup.get('/api/v1/cj-cases?network=Operation%20Test%20(demo)')
  assert.equal(list.status, 200, list.text)
  assert.deepEqual([list.json.attrition.referred, list.json.attrition.charged, list.json.attrition.convicted], [1, 1, 0])
  const sum = await sup.get('/api/v1/boroughs/Northbrook/disruption')
  assert.equal(sum.status, 200, sum.text)
  assert.ok(sum.json.orders_total > 0)
  assert.ok(sum.json.actions.overdue >= 1)
})

test('R-DL-6: an NRM referral starts the reflection period in the queue', async () => {
  const child = await one(srv.db, `SELECT child_id FROM records WHERE reference = '${ctx.ref}'`)
  const mash = await signInAs(srv, 'mash.northbrook')
  const r = await mash.post(`/api/v1/children/${child}/nrm-referrals`, { json: { referred_at: ago(3, '09:00'), reference: 'NRM-TEST-1' } })
  assert.equal(r.status, 201, r.text)
  assert.equal(r.json.state, 'ok')
  assert.equal(r.json.rule, 'R-DL-6')
  const q = await mash.get('/api/v1/disruption-deadlines')
  const nrm = q.json.sections.find((s) => s.key === 'nrm_deadlines')
  assert.ok(nrm.items.some((i) => i.subject_id === ctx.ref), JSON.stringify(nrm))
  const d = await mash.post(`/api/v1/nrm-referrals/${r.json.id}/decisions`, { json: { grounds: 'reasonable', decision: 'positive', on: daysAgo(1) } })
  assert.equal(d.status, 200, d.text)
  assert.equal(d.json.reasonable_grounds, 'positive')
  await sql(srv.db, 'SELECT 1')
})
