// mase.test.mjs: the monthly multi-agency meeting through the API, against a server with
// the synthetic demo partnership: a borough's schedule and the next meeting due (R-MASE-1,
// R-DL-5) in the chair's work queue; a meeting recorded with a sergeant in the chair and
// members absent, flagged with its gaps (R-MASE-2, R-MASE-3); the generated agenda with
// its seven sections and the linked-case place (R-MASE-6, R-MASE-9), each reader seeing
// only what they may (R-MASE-5); a decision refused for a case not referred before the
// meeting (R-MASE-4); a decision and an action carried into the next agenda's review
// (R-MASE-7); the chair's duties, recorded by the chair only (R-MASE-8); the chair
// recording the meeting's decisions, its actions (owner, due date, tactical option) and
// tactical options with the meeting's id, and no plan outside a meeting (R-MASE-7). All
// data is made up.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from './helpers.mjs'
import { startDemo, signInAs, assertProblem, one } from './demo.mjs'
import { daysAgo, ago } from './dates.mjs'

let srv, chair, officer, nurse

// An .xlsx workbook's sheets, read with Python's standard library (tests/xlsx_sheets.py).
async function readWorkbook (bytes) {
  const dir = await mkdtemp(join(tmpdir(), 'lantern-xlsx-test-'))
  try {
    const file = join(dir, 'book.xlsx')
    await writeFile(file, bytes)
    const { stdout } = await promisify(execFile)('python3', [join(ROOT, 'tests', 'xlsx_sheets.py'), file])
    return JSON.parse(stdout)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
const ctx = {}

const FULL = [
  { name: 'Demo Chair (Northbrook)', username: 'chair.northbrook', member: 'police', rank: 'detective_chief_inspector', chair: true },
  { name: 'Demo DI', member: 'police', rank: 'detective_inspector' },
  { name: 'Demo CSC Manager', member: 'childrens_social_care', role: 'Team manager', co_chair: true, csc_manager: true },
  { name: 'Demo Nurse', member: 'health', role: 'Named nurse' },
  { name: 'Demo Teacher', member: 'education', role: 'Safeguarding lead' },
  { name: 'Demo Worker', member: 'support_service', role: 'Project worker' },
  { name: 'Demo YOS', member: 'youth_offending', role: 'Case manager' }
]

before(async () => {
  srv = await startDemo()
  chair = await signInAs(srv, 'chair.northbrook')
  officer = await signInAs(srv, 'officer.northbrook')
  nurse = await signInAs(srv, 'health.riverside')
  ctx.ref = await one(srv.db, `SELECT r.reference FROM records r JOIN boroughs b ON b.id = r.owning_borough_id
    WHERE b.name = 'Northbrook' AND r.status = 'open' AND r.restricted = 0
    AND EXISTS (SELECT 1 FROM referrals f WHERE f.child_id = r.child_id)
    AND NOT EXISTS (SELECT 1 FROM mase_cases mc WHERE mc.record_id = r.id) ORDER BY r.reference LIMIT 1`)
})
after(async () => { await srv?.stop() })

test('R-MASE-1, R-DL-5: a schedule gives the next meeting due, shown to the chair', async () => {
  const bad = await officer.put('/api/v1/boroughs/Northbrook/mase/schedule', { json: { rule: 'nth_weekday', nth: 2, weekday: 2, time: '10:00' } })
  assert.equal(bad.status, 403, bad.text)
  const wrong = await chair.put('/api/v1/boroughs/Northbrook/mase/schedule', { json: { rule: 'nth_weekday', nth: 9, weekday: 2, time: '10:00' } })
  assertProblem(wrong, 422, null, 'R-MASE-1')
  const res = await chair.put('/api/v1/boroughs/Northbrook/mase/schedule', { json: { rule: 'nth_weekday', nth: 2, weekday: 2, time: '10:00' } })
  assert.equal(res.status, 200, res.text)
  assert.equal(res.json.schedule.rule, 'nth_weekday')
  assert.ok(res.json.next_due.due_at > new Date().toISOString().slice(0, 10) || res.json.next_due.overdue === false, res.text)
  assert.equal(res.json.meeting_name, 'MASE')
  const work = await chair.get('/api/v1/work')
  const sec = work.json.sections.find((s) => s.key === 'mase_next')
  assert.ok(sec && sec.items.length === 1, work.text)
  assert.equal(sec.items[0].subject, 'Northbrook')
  assert.equal(sec.items[0].rule, 'R-DL-5')
})

test('R-MASE-2, R-MASE-3: a meeting chaired below Inspector, without DI and members, is flagged', async () => {
  const res = await chair.post('/api/v1/mase/meetings', {
    json: {
      borough: 'Northbrook',
      held_at: ago(40, '10:00'),
      attendees: [
        { name: 'Demo Sergeant', member: 'police', rank: 'sergeant', chair: true },
        { name: 'Demo Social Worker', member: 'childrens_social_care', role: 'Social worker' },
        { name: 'Demo Nurse', member: 'health', present: false }
      ]
    }
  })
  assert.equal(res.status, 201, res.text)
  assert.equal(res.json.flagged, true)
  const codes = res.json.gaps.map((g) => g.code + (g.member ? ':' + g.member : ''))
  assert.ok(codes.includes('chair_below_inspector'), res.text)
  assert.ok(codes.includes('police_below_di'), res.text)
  assert.ok(codes.includes('missing_member:health'), res.text)
  assert.ok(codes.includes('missing_member:education'), res.text)
  ctx.early = res.json.id
  const noChair = await chair.post('/api/v1/mase/meetings', { json: { borough: 'Northbrook', held_at: ago(39), attendees: [{ name: 'X', member: 'police', rank: 'inspector' }] } })
  assertProblem(noChair, 422, null, 'R-MASE-2')
  const badMember = await chair.post('/api/v1/mase/meetings', { json: { borough: 'Northbrook', held_at: ago(39), attendees: [{ name: 'X', member: 'police', rank: 'inspector', chair: true }, { name: 'Y', member: 'astrology' }] } })
  assertProblem(badMember, 422, null, 'R-MASE-3')
  const future = await chair.post('/api/v1/mase/meetings', { json: { borough: 'Northbrook', held_at: ago(-30), attendees: FULL } })
  assert.equal(future.status, 422, future.text)
})

test('R-MASE-4: a case not referred before the meeting cannot be decided at it', async () => {
  const old = await chair.post('/api/v1/mase/meetings', { json: { borough: 'Northbrook', held_at: ago(3000), attendees: FULL } })
  assert.equal(old.status, 201, old.text)
  assert.equal(old.json.flagged, false, old.text)
  const res = await chair.post(`/api/v1/mase/meetings/${old.json.id}/cases`, { json: { record_ref: ctx.ref, decision: 'Discussed.' } })
  assertProblem(res, 422, null, 'R-MASE-4')
  const n = await one(srv.db, `SELECT count(*) FROM mase_cases WHERE meeting_id = '${old.json.id}'`)
  assert.equal(n, '0')
})

test('R-MASE-6, R-MASE-9: the agenda has its seven sections and the linked cases from network analysis', async () => {
  const res = await chair.get('/api/v1/boroughs/Northbrook/mase/agenda')
  assert.equal(res.status, 200, res.text)
  const codes = res.json.sections.map((s) => s.code)
  assert.deepEqual(codes, ['compliance', 'new_cases', 'review_cases', 'out_of_borough', 'cross_border', 'perpetrators', 'locations', 'linked_cases'])
  const linked = res.json.sections[7]
  // R-MASE-9: the linked cases are network analysis's own list for the borough, as the
  // reader sees it
  const lc = await chair.get('/api/v1/boroughs/Northbrook/linked-cases')
  assert.equal(lc.status, 200, lc.text)
  assert.ok(lc.json.cases.length > 0, 'the demo links low-category children to others (R-CAT-7)')
  assert.deepEqual(linked.items.map((i) => i.child_id), lc.json.cases.map((c) => c.child_id))
  assert.ok(linked.items.every((i) => i.record && i.path.length >= 2 && i.category !== 2 && i.category !== 3))
  assert.match(linked.note, /R-CAT-7/)
  assert.equal(typeof res.json.sections[0].compliance.mismatch, 'boolean')
  assert.ok(res.json.sections[1].items.some((i) => i.record_ref === ctx.ref), 'the case is new')
  assert.equal(res.json.withheld, 0, 'the chair sees every child')
})

test('R-MASE-5: each reader sees only the items they may see', async () => {
  const res = await nurse.get('/api/v1/boroughs/Northbrook/mase/agenda')
  assert.equal(res.status, 200, res.text)
  const shown = res.json.sections.slice(1, 5).flatMap((s) => s.items.map((i) => i.record_ref))
  assert.ok(!shown.includes(ctx.ref), 'a Riverside nurse does not see the Northbrook child')
  assert.ok(res.json.withheld > 0, res.text)
  const admin = await signInAs(srv, 'admin')
  const denied = await admin.get('/api/v1/boroughs/Northbrook/mase/agenda')
  assert.equal(denied.status, 403, denied.text)
})

test('R-MASE-7, R-MASE-8: a decision and an action carried into the next agenda; the chair\'s duties', async () => {
  const m = await chair.post('/api/v1/mase/meetings', { json: { borough: 'Northbrook', held_at: ago(2, '10:00'), attendees: FULL, minutes: 'Quorate.' } })
  assert.equal(m.status, 201, m.text)
  assert.equal(m.json.flagged, false, m.text)
  const d = await chair.post(`/api/v1/mase/meetings/${m.json.id}/cases`, { json: { record_ref: ctx.ref, decision: 'Refer to the support agency; disrupt the address.' } })
  assert.equal(d.status, 200, d.text)
  const sup = await signInAs(srv, 'supervisor.northbrook')
  const a = await sup.post('/api/v1/actions', { json: { text: 'Visit the address with licensing.', owner_agency: 'Northbrook Police (demo)', record_ref: ctx.ref, due_on: daysAgo(-14), meeting_id: m.json.id } })
  assert.equal(a.status, 201, a.text)
  const view = await chair.get(`/api/v1/mase/meetings/${m.json.id}`)
  assert.equal(view.status, 200, view.text)
  assert.equal(view.json.cases[0].record_ref, ctx.ref)
  assert.equal(view.json.cases[0].actions[0].text, 'Visit the address with licensing.')
  const next = await chair.get('/api/v1/boroughs/Northbrook/mase/agenda')
  const review = next.json.sections.find((s) => s.code === 'review_cases')
  const item = review.items.find((i) => i.record_ref === ctx.ref)
  assert.ok(item, next.text)
  assert.equal(item.last_decision, 'Refer to the support agency; disrupt the address.')
  assert.ok(item.actions.some((x) => x.id === a.json.id))
  assert.ok(!next.json.sections[1].items.some((i) => i.record_ref === ctx.ref), 'no longer new')
  const duties = [1, 2, 3, 4, 5].map(() => ({ done: true }))
  const notChair = await sup.post(`/api/v1/mase/meetings/${m.json.id}/duties`, { json: { duties } })
  assertProblem(notChair, 422, null, 'R-MASE-8')
  const gap = await chair.post(`/api/v1/mase/meetings/${m.json.id}/duties`, { json: { duties: [{ done: false }, ...duties.slice(1)] } })
  assertProblem(gap, 422, null, 'R-MASE-8')
  const ok = await chair.post(`/api/v1/mase/meetings/${m.json.id}/duties`, { json: { duties, minutes: 'All members contributed.' } })
  assert.equal(ok.status, 200, ok.text)
  assert.equal(ok.json.duties.length, 5)
  assert.equal(ok.json.minutes, 'All members contributed.')
  const b = await chair.get('/api/v1/boroughs/Northbrook/mase')
  assert.equal(b.json.last_meeting.id, m.json.id)
  assert.ok(b.json.meetings.some((x) => x.id === ctx.early && x.flagged))
})

test('R-MASE-7: the chair records the decision, actions and tactical options the meeting agreed', async () => {
  const m = await chair.post('/api/v1/mase/meetings', { json: { borough: 'Northbrook', held_at: ago(1, '10:00'), attendees: FULL } })
  assert.equal(m.status, 201, m.text)
  const d = await chair.post(`/api/v1/mase/meetings/${m.json.id}/cases`, { json: { record_ref: ctx.ref, decision: 'Disrupt the hotel; the support service to engage.' } })
  assert.equal(d.status, 200, d.text)
  const action = { text: 'Brief the hotel staff with licensing.', owner_agency: 'Northbrook Police (demo)', record_ref: ctx.ref, due_on: daysAgo(-21), tactic: 'T12' }
  const before = await one(srv.db, 'SELECT count(*) FROM plan_actions')
  const outside = await chair.post('/api/v1/actions', { json: action })
  assert.equal(outside.status, 403, outside.text)
  const unknown = await chair.post('/api/v1/actions', { json: { ...action, meeting_id: 'mtg_00000000000000000000' } })
  assertProblem(unknown, 422, 'validation')
  assert.ok(JSON.stringify(unknown.json).includes('meeting_id'), unknown.text)
  assert.equal(await one(srv.db, 'SELECT count(*) FROM plan_actions'), before, 'nothing written')
  const a = await chair.post('/api/v1/actions', { json: { ...action, meeting_id: m.json.id } })
  assert.equal(a.status, 201, a.text)
  assert.equal(a.json.meeting_id, m.json.id)
  assert.equal(a.json.tactic, 'T12')
  assert.equal(a.json.can_close, true, 'the chair may close what the meeting agreed')
  const mark = { code: 'T12', mark: 'considered', note: 'Hotel CCTV staff to be briefed.', owner: 'Northbrook Police (demo)' }
  assert.equal((await chair.post(`/api/v1/records/${ctx.ref}/tactics`, { json: mark })).status, 403)
  const t = await chair.post(`/api/v1/records/${ctx.ref}/tactics`, { json: { ...mark, meeting_id: m.json.id } })
  assert.equal(t.status, 200, t.text)
  const t12 = t.json.options.find((o) => o.code === 'T12')
  assert.equal(t12.mark, 'considered')
  assert.equal(t12.meeting_id, m.json.id)
  const view = await chair.get(`/api/v1/mase/meetings/${m.json.id}`)
  const c = view.json.cases.find((x) => x.record_ref === ctx.ref)
  assert.equal(c.decision, 'Disrupt the hotel; the support service to engage.')
  assert.ok(c.actions.some((x) => x.id === a.json.id && x.tactic === 'T12'), view.text)
  const duties = [1, 2, 3, 4, 5].map(() => ({ done: true }))
  const ok = await chair.post(`/api/v1/mase/meetings/${m.json.id}/duties`, { json: { duties, minutes: 'Actions collated by the chair.' } })
  assert.equal(ok.status, 200, ok.text)
})

test('an unknown meeting or borough is 404, not an error', async () => {
  assert.equal((await chair.get('/api/v1/mase/meetings/mtg_00000000000000000000')).status, 404)
  assert.equal((await chair.get('/api/v1/boroughs/Nowhere/mase/agenda')).status, 404)
})

test('R-RPT-1, R-INFO-1: the board report for a borough and period, with charts and gaps', async () => {
  const res = await chair.get(`/api/v1/boroughs/Northbrook/board-report?from=${daysAgo(365)}&to=${daysAgo(0)}`)
  assert.equal(res.status, 200, res.text)
  assert.deepEqual(res.json.sections.map((s) => s.code), ['volume', 'communities', 'patterns', 'perpetrator_activity', 'agency_performance', 'disruptions'])
  assert.equal(res.json.empty, false)
  const perf = res.json.sections.find((s) => s.code === 'agency_performance')
  const held = perf.figures.find((f) => f.label === 'Meetings held')
  assert.ok(Number(held.value) >= 2, res.text)
  assert.ok(perf.gaps.some((g) => g.text === "The chair's rank was below Inspector"), 'the flagged meeting reaches the board')
  assert.ok(perf.contacts.length > 0)
  for (const s of res.json.sections) for (const t of s.tables) assert.match(t.svg, /^<svg [^>]*role="img"/)
  const vol = res.json.sections[0].figures[0]
  assert.ok(Number(vol.value) > 0)
})

test('R-RPT-1: a period with nothing in it gives an empty report that says so', async () => {
  const res = await chair.get('/api/v1/boroughs/Northbrook/board-report?from=1990-01-01&to=1990-12-31')
  assert.equal(res.status, 200, res.text)
  assert.equal(res.json.empty, true)
  assert.match(res.json.empty_text, /nothing to report/)
  const bad = await chair.get(`/api/v1/boroughs/Northbrook/board-report?from=${daysAgo(0)}&to=${daysAgo(10)}`)
  assertProblem(bad, 422)
  const admin = await signInAs(srv, 'admin')
  assert.equal((await admin.get(`/api/v1/boroughs/Northbrook/board-report?from=${daysAgo(30)}&to=${daysAgo(0)}`)).status, 403)
})

test('the board report CSV and workbook cannot carry a formula; the census factor codes export', async () => {
  const admin = await signInAs(srv, 'admin')
  const ag = await admin.post('/api/v1/agencies', { json: { name: '=HYPERLINK("x") Trust (demo)', type: 'charity', borough: 'Northbrook' } })
  assert.equal(ag.status, 201, ag.text)
  const sup = await signInAs(srv, 'supervisor.northbrook')
  const a = await sup.post('/api/v1/actions', { json: { text: 'Offer mentoring.', owner_agency: '=HYPERLINK("x") Trust (demo)', record_ref: ctx.ref, due_on: daysAgo(0) } })
  assert.equal(a.status, 201, a.text)
  const csv = await chair.get(`/api/v1/boroughs/Northbrook/board-report/csv?from=${daysAgo(365)}&to=${daysAgo(0)}`)
  assert.equal(csv.status, 200, csv.text)
  assert.match(csv.headers.get('content-type'), /^text\/csv/)
  assert.match(csv.text, /^borough,from,to,section,table,label,value\r\n/)
  assert.match(csv.text, /"'=HYPERLINK\(""x""\) Trust \(demo\)"/)
  assert.doesNotMatch(csv.text, /(^|,)=HYPERLINK/m)
  // the same report as a workbook: a sheet of figures and one a table, the CSV's columns
  // on each, the same rows, and the formula-looking name stored as literal text (a
  // shared string), never a formula
  const x = await chair.get(`/api/v1/boroughs/Northbrook/board-report/xlsx?from=${daysAgo(365)}&to=${daysAgo(0)}`)
  assert.equal(x.status, 200, x.text)
  assert.match(x.headers.get('content-type'), /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/)
  assert.match(x.headers.get('content-disposition'), /attachment; filename="board-report-[\d-]+-[\d-]+\.xlsx"/)
  const book = await readWorkbook(x.bytes)
  assert.equal(book.formulas, 0, 'no formula in any sheet')
  assert.equal(book.sheets[0].name, 'Figures')
  const header = csv.text.split('\r\n')[0].split(',')
  for (const s of book.sheets) assert.deepEqual(s.rows[0], header, s.name)
  const rows = book.sheets.flatMap((s) => s.rows.slice(1))
  assert.equal(rows.length, csv.text.trim().split('\r\n').length - 1, 'as many rows as the CSV')
  const owner = rows.find((r) => r[5] === '=HYPERLINK("x") Trust (demo)')
  assert.ok(owner, 'the literal text, without the CSV\'s quote')
  assert.equal(typeof owner[6], 'number')
  assert.deepEqual(Object.keys(book.cell_types).sort(), ['n', 's'], 'text as shared strings, counts as numbers')
  assertProblem(await chair.get(`/api/v1/boroughs/Northbrook/board-report/xlsx?from=${daysAgo(0)}&to=${daysAgo(10)}`), 422)
  assert.equal((await admin.get(`/api/v1/boroughs/Northbrook/board-report/xlsx?from=${daysAgo(30)}&to=${daysAgo(0)}`)).status, 403)
  const cin = await sup.get(`/api/v1/boroughs/Northbrook/cin-factors?from=${daysAgo(365)}&to=${daysAgo(0)}`)
  assert.equal(cin.status, 200, cin.text)
  const lines = cin.text.trim().split('\r\n')
  assert.equal(lines[0], 'child_id,record_ref,factors')
  assert.ok(lines.length > 1, cin.text)
  for (const l of lines.slice(1)) assert.match(l, /^ch_\w+,LAN-\d{4}-\d{6},(10A|11A|12A|13A|24A)(;(10A|11A|12A|13A|24A))*$/)
  const nurse2 = await signInAs(srv, 'health.northbrook')
  assert.equal((await nurse2.get(`/api/v1/boroughs/Northbrook/cin-factors?from=${daysAgo(365)}&to=${daysAgo(0)}`)).status, 403)
})

test('R-INFO-1: each agency\'s senior lead and single point of contact, shown in the report', async () => {
  const admin = await signInAs(srv, 'admin')
  const path = `/api/v1/agencies/${encodeURIComponent('Northbrook Health Trust (demo)')}/contacts`
  const none = await admin.put(path, { json: { lead: 'Dr Demo Lead' } })
  assertProblem(none, 422, null, 'R-INFO-1')
  const ok = await admin.put(path, { json: { lead: 'Dr Demo Lead', spoc: 'Safeguarding duty line' } })
  assert.equal(ok.status, 200, ok.text)
  assert.equal((await chair.put(path, { json: { lead: 'x', spoc: 'y' } })).status, 403)
  const res = await chair.get(`/api/v1/boroughs/Northbrook/board-report?from=${daysAgo(30)}&to=${daysAgo(0)}`)
  const perf = res.json.sections.find((s) => s.code === 'agency_performance')
  const c = perf.contacts.find((x) => x.name === 'Northbrook Health Trust (demo)')
  assert.equal(c.lead, 'Dr Demo Lead')
  assert.equal(c.spoc, 'Safeguarding duty line')
})

test('R-OUTC-1, R-DL-8: outcomes scored at reviews, distance travelled and the next review due', async () => {
  const sw = await signInAs(srv, 'social.northbrook')
  const ref = await one(srv.db, `SELECT r.reference FROM records r JOIN boroughs b ON b.id = r.owning_borough_id
    WHERE b.name = 'Northbrook' AND r.restricted = 0
    AND NOT EXISTS (SELECT 1 FROM outcome_reviews o WHERE o.record_id = r.id) ORDER BY r.reference LIMIT 1`)
  const path = `/api/v1/records/${ref}/outcome-reviews`
  const codes = ['missing_reduced', 'school_attendance', 'substance_use_reduced']
  const rest = ['family_relationship', 'stable_accommodation', 'recognises_exploitation', 'stays_in_contact',
    'sexual_health_knowledge', 'risky_contacts_reduced', 'expresses_feelings', 'safety_strategies', 'family_support', 'knows_rights']
  const others = Object.fromEntries(rest.map((o) => [o, 3]))
  const bad = await sw.post(path, { json: { scores: { ...others, missing_reduced: 7 } } })
  assertProblem(bad, 422)
  const noNote = await sw.post(path, { json: { scores: { missing_reduced: 3 } } })
  assertProblem(noNote, 422, null, 'R-OUTC-1')
  const unknown = await sw.post(path, { json: { scores: { astrology: 3 } } })
  assertProblem(unknown, 422)
  const first = await sw.post(path, { json: { reviewed_at: ago(100), scores: { ...others, [codes[0]]: 1, [codes[1]]: 2, [codes[2]]: 0 }, notes: { [codes[2]]: 'No concern about substances was raised.' } } })
  assert.equal(first.status, 201, first.text)
  const second = await sw.post(path, { json: { reviewed_at: ago(5), scores: { ...others, [codes[0]]: 4, [codes[1]]: 2, [codes[2]]: 0 }, notes: { [codes[2]]: 'Still not raised.' } } })
  assert.equal(second.status, 201, second.text)
  const v = second.json
  assert.equal(v.reviews.length, 2)
  assert.equal(v.distance.improved, 1)
  assert.equal(v.distance.same, 11)
  assert.equal(v.distance.total, 3)
  assert.equal(v.outcomes.find((o) => o.code === codes[0]).change, 3)
  assert.equal(v.next_due.rule, 'R-DL-8')
  assert.equal(v.next_due.overdue, false)
  assert.match(v.svg, /^<svg [^>]*role="img"/)
  const nurse = await signInAs(srv, 'health.riverside')
  assert.equal((await nurse.get(path)).status, 404, 'a reader who may not see the record')
  const chairView = await chair.get(path)
  assert.equal(chairView.status, 200)
  assert.equal((await chair.post(path, { json: { scores: { ...others, [codes[0]]: 3 } } })).status, 403)
})
