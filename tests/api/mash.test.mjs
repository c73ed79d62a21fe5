// mash.test.mjs: the MASH evaluates a referral routed to it (R-PATH-3) through
// POST /api/v1/referrals/{id}/evaluation, within one working day of receipt: the
// decision clock on the referral and in the MASH's work queue, the outcomes, the
// refusal of every other role (audited), and one evaluation per referral. Synthetic
// demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from './helpers.mjs'
import { startDemo, signInAs, assertProblem, one } from './demo.mjs'
import { daysAgo, ago, born } from './dates.mjs'

let srv, nurse, mash, school
const SIGN = { code: 'gifts_money', evidence: 'New trainers and a phone, not explained.', seen_on: daysAgo(3) }

async function fileReferral (who, family) {
  const ch = await who.post('/api/v1/children', { json: { given_names: 'Mash', family_name: family, date_of_birth: born(14), confirm_new: true } })
  assert.equal(ch.status, 201, ch.text)
  const r = await who.post('/api/v1/referrals', {
    json: {
      child_id: ch.json.id,
      circumstances: 'Seen getting into a car with older males after school.',
      signs: [SIGN],
      rationale: 'Unexplained gifts: new trainers and a phone.',
      people_involved: ['the child']
    }
  })
  assert.equal(r.status, 201, r.text)
  return { child: ch.json.id, id: r.json.referral_id, route: await one(srv.db, `SELECT route FROM referrals WHERE id = '${r.json.referral_id}'`) }
}

// The London weekday (0 Sunday .. 6 Saturday) of an ISO instant.
function londonDay (iso) {
  const d = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short' }).format(new Date(iso))
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(d)
}

before(async () => {
  srv = await startDemo()
  nurse = await signInAs(srv, 'health.northbrook')
  mash = await signInAs(srv, 'mash.northbrook')
  school = await signInAs(srv, 'school.northbrook')
})
after(async () => { await srv?.stop() })

test('R-PATH-3: a referral without an allocated social worker waits for the MASH with a one-working-day clock', async () => {
  const f = await fileReferral(nurse, 'Clock-Demo')
  assert.equal(f.route, 'mash')
  const r = await mash.get(`/api/v1/referrals/${f.id}`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.may_evaluate, true)
  const c = r.json.decision_clock
  assert.equal(c.kind, 'mash_decision')
  assert.equal(c.rule, 'R-PATH-3')
  const left = Date.parse(c.due_at) - Date.parse(r.json.submitted_at)
  assert.ok(left >= 23 * 3600e3, `due at least a day after receipt: ${c.due_at}`)
  assert.ok(left <= 6 * 86400e3, `and within the next few days: ${c.due_at}`)
  const wd = londonDay(new Date(Date.parse(c.due_at) - 1000).toISOString())
  assert.ok(wd >= 1 && wd <= 5, `the working day ends on a weekday: ${c.due_at}`)
  // in the MASH's queue, with the clock
  const w = await mash.get('/api/v1/work')
  const sec = w.json.sections.find((s) => s.key === 'referrals_mash')
  const it = sec.items.find((i) => i.id === f.id)
  assert.ok(it, 'the referral is in the MASH queue')
  assert.equal(it.due_at, c.due_at)
  assert.ok(['ok', 'amber', 'red'].includes(it.state))
  // and in no one else's
  const sw = await school.get('/api/v1/work')
  assert.equal(sw.json.sections.find((s) => s.key === 'referrals_mash'), undefined)
})

test('R-PATH-3: other roles are refused, and the refusal is audited', async () => {
  const f = await fileReferral(nurse, 'Refused-Demo')
  const count = () => one(srv.db, `SELECT count(*) FROM audit_events WHERE action = 'refused' AND entity_id = '${f.id}'`)
  const before = Number(await count())
  for (const who of [nurse, school, await signInAs(srv, 'supervisor.northbrook'), await signInAs(srv, 'analyst')]) {
    const res = await who.post(`/api/v1/referrals/${f.id}/evaluation`, { json: { outcome: 'early_help', rationale: 'Not mine to decide.' } })
    assertProblem(res, 403, 'forbidden', 'R-PATH-3')
  }
  assert.equal(Number(await count()), before + 4)
  assert.equal(await one(srv.db, `SELECT status FROM referrals WHERE id = '${f.id}'`), 'awaiting_triage')
})

test('R-PATH-3: bad input names the field; nothing is written', async () => {
  const f = await fileReferral(nurse, 'Invalid-Demo')
  assertProblem(await mash.post(`/api/v1/referrals/${f.id}/evaluation`, { json: { outcome: 'category_3', rationale: 'Because.' } }), 422, undefined, 'R-PATH-3')
  const noReason = await mash.post(`/api/v1/referrals/${f.id}/evaluation`, { json: { outcome: 'early_help', rationale: '  ' } })
  assert.equal(noReason.status, 422, noReason.text)
  assert.ok(JSON.stringify(noReason.json).includes('rationale'), noReason.text)
  const extra = await mash.post(`/api/v1/referrals/${f.id}/evaluation`, { json: { outcome: 'early_help', rationale: 'Fine.', category: 3 } })
  assert.equal(extra.status, 422, extra.text)
  assertProblem(await mash.post('/api/v1/referrals/rfl_nosuchreferral0000000/evaluation', { json: { outcome: 'early_help', rationale: 'Fine.' } }), 404, 'not-found')
  assert.equal(await one(srv.db, `SELECT count(*) FROM mash_evaluations WHERE referral_id = '${f.id}'`), '0')
})

test('R-PATH-3: the evaluation is recorded once, late when past the clock, and leaves the queue', async () => {
  const f = await fileReferral(nurse, 'Evaluated-Demo')
  await sql(srv.db, `UPDATE referrals SET submitted_at = '${ago(10, '09:00')}' WHERE id = '${f.id}'`)
  // overdue: listed first, in my work's "overdue" section, not in the MASH's own
  const w0 = await mash.get('/api/v1/work')
  const it = w0.json.sections.find((s) => s.key === 'overdue').items.find((i) => i.id === f.id)
  assert.equal(w0.json.sections.find((s) => s.key === 'referrals_mash').items.find((i) => i.id === f.id), undefined)
  assert.equal(it.state, 'red')
  assert.ok(it.seconds_left < 0)
  const res = await mash.post(`/api/v1/referrals/${f.id}/evaluation`, { json: { outcome: 'strategy_discussion', rationale: 'Older males and gifts: a strategy discussion with police.' } })
  assert.equal(res.status, 201, res.text)
  assert.equal(res.json.outcome, 'strategy_discussion')
  assert.equal(res.json.outcome_label, 'Strategy discussion')
  assert.equal(res.json.on_time, false)
  assertProblem(await mash.post(`/api/v1/referrals/${f.id}/evaluation`, { json: { outcome: 'early_help', rationale: 'Again.' } }), 409, 'conflict', 'R-PATH-3')
  const r = await mash.get(`/api/v1/referrals/${f.id}`)
  assert.equal(r.json.status, 'triaged')
  assert.equal(r.json.decision_clock, undefined)
  assert.equal(r.json.evaluation.outcome, 'strategy_discussion')
  assert.equal(Number(await one(srv.db, `SELECT count(*) FROM audit_events WHERE action = 'evaluate' AND entity_id = '${f.id}'`)), 1)
  const w1 = await mash.get('/api/v1/work')
  for (const s of w1.json.sections) assert.equal(s.items.find((i) => i.id === f.id), undefined, s.key)
})
