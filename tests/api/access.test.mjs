// access.test.mjs: the per-record access model tried as an insider would (R-INFO-2,
// R-INFO-3). Each test reproduces one way a user of another agency could reach a child's
// record (filing a report to become "involved", opening a restricted record without being
// police, reading a referral or an episode beside the record, searching by date of birth,
// the duplicate check's candidates, telling hidden from absent) and shows it refused and
// the refusal audited. Synthetic demo data only.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, assertProblem, refusals, one, northbrookRecord } from './demo.mjs'
import { daysAgo, hoursAgo } from './dates.mjs'

const SIGN = { code: 'gifts_money', evidence: 'New phone and trainers, source not explained.', seen_on: daysAgo(3) }

let srv, ref, childId, name, dob
let officer, supervisor, manager, mash, riversideSchool, riversideOfficer, analyst

before(async () => {
  srv = await startDemo()
  officer = await signInAs(srv, 'officer.northbrook')
  supervisor = await signInAs(srv, 'supervisor.northbrook')
  manager = await signInAs(srv, 'manager.northbrook')
  mash = await signInAs(srv, 'mash.northbrook')
  riversideSchool = await signInAs(srv, 'school.riverside')
  riversideOfficer = await signInAs(srv, 'officer.riverside')
  analyst = await signInAs(srv, 'analyst')
  ref = await northbrookRecord(srv.db)
  childId = await one(srv.db, `SELECT child_id FROM records WHERE reference = '${ref}'`)
  name = await one(srv.db, `SELECT given_names || ' ' || family_name FROM children WHERE id = '${childId}'`)
  dob = await one(srv.db, `SELECT date_of_birth FROM children WHERE id = '${childId}'`)
})
after(async () => { await srv?.stop() })

describe('filing never grants access', () => {
  test('a missing report by another borough\'s school: acknowledged, the record stays hidden, refusals audited', async () => {
    assertProblem(await riversideSchool.get(`/api/v1/records/${ref}`), 404, 'not-found')
    const rep = await riversideSchool.post('/api/v1/episodes', { json: { child_id: childId, missing_from: 'school', classification: 'missing', reported_at: hoursAgo(1) } })
    assert.equal(rep.status, 201, rep.text)
    assert.equal(rep.json.record_visible, false)
    assert.equal(rep.json.record_ref, undefined, 'the answer never names the record')
    assert.equal(rep.json.profile, undefined)
    assert.ok(!/record|exploitation/i.test(rep.json.reason), rep.json.reason)
    const before = await refusals(srv.db, ref)
    assertProblem(await riversideSchool.get(`/api/v1/records/${ref}`), 404, 'not-found')
    assertProblem(await riversideSchool.get(`/api/v1/children/${childId}`), 404, 'not-found')
    assert.equal(await refusals(srv.db, ref), before + 2)
    // the school reads what it reported, and nothing of what others recorded
    const mine = await riversideSchool.get(`/api/v1/episodes/${rep.json.id}`)
    assert.equal(mine.status, 200, mine.text)
    assert.equal(mine.json.status, 'received')
    assert.equal(mine.json.record_ref, undefined)
    assert.equal(mine.json.safe_and_well_checks, undefined)
  })

  test('a referral by another borough\'s officer: acknowledged, not routed to them, the record stays hidden', async () => {
    const r = await riversideOfficer.post('/api/v1/referrals', {
      json: {
        child_id: childId,
        circumstances: 'Seen in a car with older men outside a Riverside takeaway.',
        signs: [SIGN],
        rationale: 'Unexplained gifts and older men.',
        people_involved: ['the child'],
        police: { risk_review: 'Local checks done.', merlin_pac: 'MERLIN 26/009999', other_info: 'None.' }
      }
    })
    assert.equal(r.status, 201, r.text)
    assert.equal(r.json.status, 'received')
    assert.equal(r.json.record_ref, undefined)
    assert.equal(r.json.route, undefined)
    assertProblem(await riversideOfficer.get(`/api/v1/records/${ref}`), 404, 'not-found')
    const mine = await riversideOfficer.get(`/api/v1/referrals/${r.json.referral_id}`)
    assert.equal(mine.status, 200, mine.text)
    assert.equal(mine.json.record_ref, undefined)
  })
})

describe('restricted records (R-INFO-3)', () => {
  let episodeId, referralId
  before(async () => {
    const rep = await officer.post('/api/v1/episodes', { json: { child_id: childId, missing_from: 'home', classification: 'missing', reported_at: hoursAgo(2) } })
    assert.equal(rep.status, 201, rep.text)
    episodeId = rep.json.id
    referralId = await one(srv.db, `SELECT id FROM referrals WHERE child_id = '${childId}' ORDER BY submitted_at LIMIT 1`)
    const r = await supervisor.put(`/api/v1/records/${ref}/restriction`, { json: { restricted: true, reason: 'Linked to a covert operation.' } })
    assert.equal(r.status, 200, r.text)
  })
  after(async () => {
    await supervisor.put(`/api/v1/records/${ref}/restriction`, { json: { restricted: false } })
  })

  test('only entitled police open it, and only with a reason', async () => {
    const why = { headers: { 'lantern-purpose': 'Strategy discussion this afternoon.' } }
    assertProblem(await manager.get(`/api/v1/records/${ref}`, why), 403, 'forbidden', 'R-INFO-3')
    assertProblem(await mash.get(`/api/v1/records/${ref}`, why), 403, 'forbidden', 'R-INFO-3')
    assertProblem(await officer.get(`/api/v1/records/${ref}`), 403, 'forbidden', 'R-INFO-3')
    const openings = Number(await one(srv.db, `SELECT count(*) FROM restricted_access a JOIN records r ON r.id = a.record_id WHERE r.reference = '${ref}'`))
    const ok = await officer.get(`/api/v1/records/${ref}`, why)
    assert.equal(ok.status, 200, ok.text)
    assert.equal(Number(await one(srv.db, `SELECT count(*) FROM restricted_access a JOIN records r ON r.id = a.record_id WHERE r.reference = '${ref}'`)), openings + 1)
  })

  test('no side doors: the referral and the episode of a restricted record pass the same gate', async () => {
    const before = await refusals(srv.db)
    assertProblem(await officer.get(`/api/v1/referrals/${referralId}`), 403, 'forbidden', 'R-INFO-3')
    assertProblem(await officer.get(`/api/v1/episodes/${episodeId}`), 403, 'forbidden', 'R-INFO-3')
    assertProblem(await manager.get(`/api/v1/episodes/${episodeId}`, { headers: { 'lantern-purpose': 'Return interview planning.' } }), 403, 'forbidden', 'R-INFO-3')
    assertProblem(await officer.get(`/api/v1/children/${childId}/episodes`), 403, 'forbidden', 'R-INFO-3')
    assert.equal(await refusals(srv.db), before + 4)
    const why = { headers: { 'lantern-purpose': 'Arrest enquiry needs the referral.' } }
    assert.equal((await officer.get(`/api/v1/referrals/${referralId}`, why)).status, 200)
    assert.equal((await officer.get(`/api/v1/episodes/${episodeId}`, why)).status, 200)
  })
})

describe('search and the duplicate check (R-INFO-3, R-REC-1)', () => {
  test('a date of birth alone is refused to a practitioner; a narrow search shows only what is needed', async () => {
    assertProblem(await riversideSchool.post('/api/v1/children/search', { json: { date_of_birth: dob } }), 422, 'protocol-rule', 'R-INFO-3')
    const r = await riversideSchool.post('/api/v1/children/search', { json: { name, date_of_birth: dob } })
    assert.equal(r.status, 200, r.text)
    const hit = r.json.results.find((x) => x.id === childId)
    assert.ok(hit, r.text)
    assert.deepEqual(Object.keys(hit).sort().filter((k) => !['id', 'given_names', 'family_name', 'date_of_birth', 'gender', 'strength', 'band', 'reasons', 'visible', 'exact'].includes(k)), [])
    assert.equal(hit.visible, false)
    // audited with what it disclosed
    assert.ok(Number(await one(srv.db, `SELECT count(*) FROM audit_events WHERE action = 'search' AND fields LIKE '%${childId}%' AND user_id = (SELECT id FROM users WHERE username = 'school.riverside')`)) >= 1)
    // the partnership-wide analyst may search by date of birth and sees the reference
    const wide = await analyst.post('/api/v1/children/search', { json: { date_of_birth: dob } })
    assert.equal(wide.status, 200, wide.text)
    assert.equal(wide.json.results.find((x) => x.id === childId)?.record_ref, ref)
  })

  test('the candidates of a refused duplicate are cut and their disclosure audited', async () => {
    const [given, family] = [await one(srv.db, `SELECT given_names FROM children WHERE id = '${childId}'`), await one(srv.db, `SELECT family_name FROM children WHERE id = '${childId}'`)]
    const disclosed = Number(await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'disclose'"))
    const r = await riversideSchool.post('/api/v1/children', { json: { given_names: given, family_name: family, date_of_birth: dob } })
    assertProblem(r, 409, 'possible-duplicate', 'R-REC-1')
    const c = r.json.candidates.find((x) => x.id === childId)
    assert.ok(c, r.text)
    assert.equal(c.record_ref, undefined)
    assert.equal(c.residence_borough, undefined)
    assert.equal(Number(await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'disclose'")), disclosed + 1)
  })

  test('searches are throttled for practitioners', async () => {
    let last
    for (let i = 0; i < 61; i++) {
      last = await riversideOfficer.post('/api/v1/children/search', { json: { name, date_of_birth: dob } })
      if (last.status !== 200) break
    }
    assertProblem(last, 429, 'rate-limited', 'R-INFO-3')
  })
})

describe('refusals', () => {
  test('a refused read is audited with the user, the target and the reason (R-INFO-2)', async () => {
    const before = await refusals(srv.db, ref)
    assertProblem(await riversideOfficer.get(`/api/v1/records/${ref}/timeline`), 404, 'not-found')
    assert.equal(await refusals(srv.db, ref), before + 1)
    const row = await one(srv.db, `SELECT u.username || '|' || e.fields FROM audit_events e JOIN users u ON u.id = e.user_id
      WHERE e.action = 'refused' AND e.record_ref = '${ref}' ORDER BY e.seq DESC LIMIT 1`)
    assert.equal(row, 'officer.riverside|not a member of the child\'s case')
  })

  test('hidden and absent answer the same', async () => {
    const hiddenEp = await one(srv.db, `SELECT e.id FROM episodes e WHERE e.child_id = '${childId}' LIMIT 1`)
    const a = await riversideSchool.get(`/api/v1/episodes/${hiddenEp}`.replace(hiddenEp, hiddenEp))
    const b = await riversideOfficer.get(`/api/v1/episodes/${hiddenEp}`)
    const c = await riversideOfficer.get('/api/v1/episodes/mep_00000000000000000000')
    assert.ok(a.status === 200 || a.status === 404) // the school may have filed it
    assert.equal(b.status, 404)
    assert.deepEqual(b.json, c.json)
    const d = await riversideOfficer.get(`/api/v1/children/${childId}`)
    const e = await riversideOfficer.get('/api/v1/children/ch_00000000000000000000')
    assert.deepEqual(d.json, e.json)
    const f = await riversideOfficer.get(`/api/v1/records/${ref}`)
    const g = await riversideOfficer.get('/api/v1/records/LAN-2000-000001')
    assert.deepEqual(f.json, g.json)
  })
})
