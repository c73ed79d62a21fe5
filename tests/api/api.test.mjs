// api.test.mjs: every JSON API endpoint against a real server on a small synthetic demo
// database: success, then bad input (malformed JSON, wrong types, missing and unknown
// fields, oversized bodies, unknown ids, another agency's record, wrong role, missing
// CSRF token), each a 4xx problem+json with the right type and never a 5xx, and nothing
// written. Protocol refusals carry their rule ID (R-REC-1, R-CAT-3, R-PATH-5, R-PATH-6,
// R-MISS-2...). All people and places are made up.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, assertProblem, counts, refusals, one, northbrookRecord } from './demo.mjs'
import { daysAgo, ago, born, hoursAgo } from './dates.mjs'

const SIGN = { code: 'gifts_money', evidence: 'Two new phones and expensive trainers, source not explained.', seen_on: daysAgo(65) }
const RATIONALE = 'Receipt of unexplained gifts: two new phones, source not explained.'

function referralFor (childId) {
  return {
    child_id: childId,
    circumstances: 'School noticed the child collected by an unknown adult in a car after lessons.',
    signs: [SIGN],
    rationale: RATIONALE,
    people_involved: ['the child', 'form tutor']
  }
}

const REVIEW = {
  items: [1, 2, 3, 4, 5, 6].map((i) => ({ ticked: true, note: `Item S${i} reviewed with the team.` }))
}

let srv, officer, supervisor, social, health, auditor, admin, analyst, riverside, riversideHealth
let ref, childId

before(async () => {
  srv = await startDemo()
  officer = await signInAs(srv, 'officer.northbrook')
  supervisor = await signInAs(srv, 'supervisor.northbrook')
  social = await signInAs(srv, 'social.northbrook')
  health = await signInAs(srv, 'health.northbrook')
  auditor = await signInAs(srv, 'auditor')
  admin = await signInAs(srv, 'admin')
  analyst = await signInAs(srv, 'analyst')
  riverside = await signInAs(srv, 'officer.riverside')
  riversideHealth = await signInAs(srv, 'health.riverside')
  ref = await northbrookRecord(srv.db)
  childId = await one(srv.db, `SELECT child_id FROM records WHERE reference = '${ref}'`)
})
after(async () => { await srv?.stop() })

// Refusals that every state-changing JSON endpoint shares; the route's use case must not
// have written anything afterwards.
async function refusesBadBodies (who, method, path) {
  const before = await counts(srv.db)
  const call = (opts) => who[method](path, opts)
  assertProblem(await call({ json: '{"a":' }), 400, 'malformed-request')
  assertProblem(await call({ json: '[1, 2]' }), 400, 'malformed-request')
  assertProblem(await call({ json: '{"a": 1, "a": 2}' }), 400, 'malformed-request')
  assertProblem(await call({ json: '{"a":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}' }), 400, 'malformed-request')
  assertProblem(await call({ body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported-media-type')
  assertProblem(await call({ json: JSON.stringify({ text: 'x'.repeat((1 << 20) + 16) }) }), 413, 'too-large')
  const unknown = await call({ json: { zz_not_a_field: 1 } })
  assert.ok(unknown.status === 422 || unknown.status === 404, unknown.text)
  assert.ok(!unknown.text.includes('zz_not_a_field'), 'an unknown key is never echoed')
  assertProblem(await call({ json: {}, csrf: false }), 403, 'csrf')
  assertProblem(await call({ json: {}, headers: { 'x-csrf-token': 'x'.repeat(43) } }), 403, 'csrf')
  assertProblem(await call({ json: {}, headers: { origin: 'https://elsewhere.example' } }), 403, 'csrf')
  assert.deepEqual(await counts(srv.db), before, `${method} ${path} wrote something while refusing`)
}

describe('children', () => {
  test('search is a POST with the personal data in the body', async () => {
    const name = await one(srv.db, `SELECT given_names || ' ' || family_name FROM children WHERE id = '${childId}'`)
    const dob = await one(srv.db, `SELECT date_of_birth FROM children WHERE id = '${childId}'`)
    const r = await officer.post('/api/v1/children/search', { json: { name, date_of_birth: dob } })
    assert.equal(r.status, 200, r.text)
    assert.ok(r.json.results.some((x) => x.id === childId))
    const hit = r.json.results.find((x) => x.id === childId)
    for (const k of Object.keys(hit)) assert.ok(['id', 'given_names', 'family_name', 'date_of_birth', 'gender', 'residence_borough', 'record_ref', 'strength', 'band', 'probability', 'reasons', 'visible'].includes(k), k)
    assert.equal(hit.record_ref, ref, 'a member of the case is shown the record reference')
    // R-INFO-3: a practitioner needs more than a date of birth (or a name alone)
    assertProblem(await officer.post('/api/v1/children/search', { json: { date_of_birth: dob } }), 422, 'protocol-rule')
    assertProblem(await officer.post('/api/v1/children/search', { json: { name } }), 422, 'protocol-rule')
    const wide = await analyst.post('/api/v1/children/search', { json: { date_of_birth: dob } })
    assert.equal(wide.status, 200, wide.text)
    // another borough's officer is shown only what is needed to refer the right child
    const other = await riverside.post('/api/v1/children/search', { json: { name, date_of_birth: dob } })
    assert.equal(other.status, 200, other.text)
    const seen = other.json.results.find((x) => x.id === childId)
    assert.ok(seen, other.text)
    assert.equal(seen.record_ref, undefined)
    assert.equal(seen.residence_borough, undefined)
    assert.equal(seen.visible, false)
    // every search is audited with the children it disclosed
    assert.equal(await one(srv.db, `SELECT count(*) FROM audit_events WHERE action = 'search' AND fields LIKE '%${childId}%'`) >= '2', true)
    // the list takes no personal data in its query string: a name there is refused
    assertProblem(await officer.get('/api/v1/children?name=Someone'), 400, 'malformed-request')
    assertProblem(await officer.post('/api/v1/children/search', { json: { name: 7 } }), 422, 'validation')
    assertProblem(await auditor.post('/api/v1/children/search', { json: { name } }), 403, 'forbidden')
    await refusesBadBodies(officer, 'post', '/api/v1/children/search')
  })

  test('the list holds only the children the user may see, a page at a time', async () => {
    const all = await analyst.get('/api/v1/children?limit=200')
    assert.equal(all.status, 200, all.text)
    assert.ok(all.json.children.length > 0)
    for (const k of Object.keys(all.json.children[0])) assert.ok(['id', 'given_names', 'family_name', 'date_of_birth', 'residence_borough', 'record_ref'].includes(k), k)
    // a Riverside health user sees fewer children than the partnership-wide analyst
    const mine = await riversideHealth.get('/api/v1/children?limit=200')
    assert.equal(mine.status, 200, mine.text)
    assert.ok(mine.json.children.length < all.json.children.length)
    // paging: the next page starts after the last id of this one
    const p1 = await analyst.get('/api/v1/children?limit=2')
    assert.equal(p1.json.children.length, 2)
    const p2 = await analyst.get(`/api/v1/children?limit=2&after=${p1.json.next}`)
    assert.ok(p2.json.children[0].id > p1.json.children[1].id)
    assertProblem(await analyst.get('/api/v1/children?limit=0'), 400, 'malformed-request')
    assertProblem(await analyst.get('/api/v1/children?after=not-an-id'), 422, 'validation')
    assertProblem(await auditor.get('/api/v1/children'), 403, 'forbidden')
  })

  test('R-REC-1: adding a child that may exist is a 409 with candidates; confirm_new adds', async () => {
    const c = JSON.parse(await one(srv.db, `SELECT json_object('given_names', given_names, 'family_name', family_name, 'date_of_birth', date_of_birth) FROM children WHERE id = '${childId}'`))
    const before = await counts(srv.db)
    const disclosed = await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'disclose'")
    const r = await officer.post('/api/v1/children', { json: { ...c, gender: 'female' } })
    assertProblem(r, 409, 'possible-duplicate')
    assert.equal(r.json.rule, 'R-REC-1')
    assert.ok(r.json.candidates.some((x) => x.id === childId), r.text)
    assert.ok(r.json.candidates[0].reasons.length > 0)
    assert.deepEqual(await counts(srv.db), before)
    // nothing written, but the candidates shown are audited (R-INFO-2)
    assert.equal(Number(await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'disclose'")), Number(disclosed) + 1)
    const made = await officer.post('/api/v1/children', { json: { given_names: 'Quillon', family_name: 'Ashwater-Demo', date_of_birth: born(15), gender: 'male', confirm_new: true } })
    assert.equal(made.status, 201, made.text)
    assert.ok(made.json.id)
    assert.equal(made.json.record_visible, false)
    // R-INFO-3: typing a child's details in does not open them to the officer's agency
    assertProblem(await officer.get(`/api/v1/children/${made.json.id}`), 404, 'not-found')
    const shown = await analyst.get(`/api/v1/children/${made.json.id}`)
    assert.equal(shown.status, 200)
    assert.equal(shown.json.family_name, 'Ashwater-Demo')
  })

  test('adding a child: wrong types, missing fields, a birth date that is not a child, wrong role', async () => {
    const before = await counts(srv.db)
    let r = await officer.post('/api/v1/children', { json: { given_names: 5, family_name: true } })
    assertProblem(r, 422, 'validation')
    r = await officer.post('/api/v1/children', { json: { confirm_new: true } })
    assertProblem(r, 422, 'validation')
    assert.ok(r.json.errors.some((e) => e.field === 'given_names'))
    r = await officer.post('/api/v1/children', { json: { given_names: 'Old', family_name: 'Enough-Demo', date_of_birth: '1990-01-01', confirm_new: true } })
    assert.equal(r.status, 422, r.text)
    r = await officer.post('/api/v1/children', { json: { given_names: 'Bad', family_name: 'Date-Demo', date_of_birth: '2012-02-30', confirm_new: true } })
    assertProblem(r, 422, 'validation')
    assertProblem(await auditor.post('/api/v1/children', { json: { given_names: 'A', family_name: 'B', confirm_new: true } }), 403, 'forbidden')
    assert.deepEqual(await counts(srv.db), before)
    await refusesBadBodies(officer, 'post', '/api/v1/children')
  })

  test('show, episodes and profile: another agency or an unknown id is a 404', async () => {
    assert.equal((await social.get(`/api/v1/children/${childId}`)).status, 200)
    assertProblem(await riverside.get(`/api/v1/children/${childId}`), 404, 'not-found')
    assertProblem(await social.get('/api/v1/children/ch_nosuchchild0000000000'), 404, 'not-found')
    assertProblem(await social.get(`/api/v1/children/${'x'.repeat(200)}`), 404, 'not-found')
    assertProblem(await auditor.get(`/api/v1/children/${childId}`), 404, 'not-found')
    const eps = await social.get(`/api/v1/children/${childId}/episodes`)
    assert.equal(eps.status, 200, eps.text)
    assert.ok(Array.isArray(eps.json.episodes))
    assert.ok('days_30' in eps.json.repeat)
    assertProblem(await riverside.get(`/api/v1/children/${childId}/episodes`), 404, 'not-found')
    assertProblem(await social.get('/api/v1/children/ch_nosuchchild0000000000/episodes'), 404, 'not-found')
  })

  test('profile: get, replace, refusals', async () => {
    const path = `/api/v1/children/${childId}/profile`
    assert.equal((await social.get(path)).status, 200)
    const put = await social.put(path, { json: { description: 'Slim build, often wears a grey hooded top.', places: ['Demo Park skate area'], phone_numbers: ['07700 900123'] } })
    assert.equal(put.status, 200, put.text)
    const got = await social.get(path)
    assert.deepEqual(got.json.places, ['Demo Park skate area'])
    const before = await counts(srv.db)
    assertProblem(await social.put(path, { json: { places: 'not a list' } }), 422, 'validation')
    assertProblem(await riverside.put(path, { json: { description: 'x' } }), 404, 'not-found')
    assertProblem(await analyst.put(path, { json: { description: 'x' } }), 403, 'forbidden')
    assertProblem(await social.put('/api/v1/children/ch_nosuchchild0000000000/profile', { json: { description: 'x' } }), 404, 'not-found')
    assert.deepEqual(await counts(srv.db), before)
    await refusesBadBodies(social, 'put', path)
  })
})

describe('referrals', () => {
  test('a referral for a known child is filed (201) and can be read back', async () => {
    const r = await health.post('/api/v1/referrals', { json: referralFor(childId) })
    assert.equal(r.status, 201, r.text)
    const id = r.json.referral_id
    const got = await health.get(`/api/v1/referrals/${id}`)
    assert.equal(got.status, 200, got.text)
    assertProblem(await riverside.get(`/api/v1/referrals/${id}`), 404, 'not-found')
    assertProblem(await health.get('/api/v1/referrals/ref_nosuchreferral00000'), 404, 'not-found')
  })

  test('R-REC-1: a new child who may already exist is a 409 with candidates, nothing written', async () => {
    const c = JSON.parse(await one(srv.db, `SELECT json_object('given_names', given_names, 'family_name', family_name, 'date_of_birth', date_of_birth) FROM children WHERE id = '${childId}'`))
    const before = await counts(srv.db)
    const body = referralFor(null)
    delete body.child_id
    body.child = { ...c, gender: 'female' }
    const r = await social.post('/api/v1/referrals', { json: body })
    assertProblem(r, 409, 'possible-duplicate', 'R-REC-1')
    assert.ok(r.json.candidates.some((x) => x.id === childId), r.text)
    assert.deepEqual(await counts(srv.db), before)
  })

  test('rules and bad input: R-SIGN-2, R-REC-2, R-PATH-5, wrong types, wrong role', async () => {
    const before = await counts(srv.db)
    let r = await social.post('/api/v1/referrals', { json: { ...referralFor(childId), signs: [], rationale: undefined } })
    assertProblem(r, 422, 'protocol-rule', 'R-SIGN-2')
    r = await social.post('/api/v1/referrals', { json: { ...referralFor(childId), rationale: '  ' } })
    assertProblem(r, 422, 'protocol-rule', 'R-REC-2')
    // A police referral with signs needs the App G template items (R-PATH-5).
    r = await officer.post('/api/v1/referrals', { json: { ...referralFor(childId), police: { risk_review: '' } } })
    assertProblem(r, 422, 'protocol-rule', 'R-PATH-5')
    r = await social.post('/api/v1/referrals', { json: { ...referralFor(childId), signs: 'gifts' } })
    assertProblem(r, 422, 'validation')
    r = await social.post('/api/v1/referrals', { json: { circumstances: 'x' } })
    assertProblem(r, 422, 'validation')
    assertProblem(await riversideHealth.post('/api/v1/referrals', { json: { ...referralFor(childId), child_id: 'ch_nosuchchild0000000000' } }), 404, 'not-found')
    assertProblem(await auditor.post('/api/v1/referrals', { json: referralFor(childId) }), 403, 'forbidden')
    assert.deepEqual(await counts(srv.db), before)
    await refusesBadBodies(social, 'post', '/api/v1/referrals')
  })
})

describe('records', () => {
  test('show: the full view; another agency, the auditor and unknown refs get 404', async () => {
    const r = await social.get(`/api/v1/records/${ref}`)
    assert.equal(r.status, 200, r.text)
    assert.equal(r.json.reference, ref)
    assert.ok(Array.isArray(r.json.chronology))
    assertProblem(await riverside.get(`/api/v1/records/${ref}`), 404, 'not-found')
    assertProblem(await auditor.get(`/api/v1/records/${ref}`), 404, 'not-found')
    assertProblem(await social.get('/api/v1/records/LAN-1999-999999'), 404, 'not-found')
    assertProblem(await social.get(`/api/v1/records/${'R'.repeat(128)}`), 404, 'not-found')
    // a view is audited
    const n = await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'view' AND entity_type = 'record'")
    assert.ok(Number(n) >= 1)
  })

  test('timeline: cursor pages cover the chronology once, newest first', async () => {
    for (let i = 0; i < 3; i++) {
      const e = await social.post(`/api/v1/records/${ref}/entries`, { json: { occurred_at: ago(57 - i), nature: 'fact', people_involved: ['the child'], text: `Home visit ${i}: the child was at home and spoke with the worker.` } })
      assert.equal(e.status, 201, e.text)
    }
    const all = await social.get(`/api/v1/records/${ref}/timeline?limit=200`)
    assert.equal(all.status, 200, all.text)
    const ids = all.json.entries.map((e) => e.id)
    assert.equal(all.json.next, null)
    assert.ok(ids.length >= 4)
    const seen = []
    let cursor = null
    for (let pages = 0; pages < 100; pages++) {
      const r = await social.get(`/api/v1/records/${ref}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      assert.equal(r.status, 200, r.text)
      assert.ok(r.json.entries.length <= 2)
      seen.push(...r.json.entries.map((e) => e.id))
      if (!r.json.next) break
      assert.match(r.json.next, /^[A-Za-z0-9_-]+$/)
      cursor = r.json.next
    }
    assert.deepEqual(seen, ids)
    assertProblem(await social.get(`/api/v1/records/${ref}/timeline?limit=0`), 400, 'malformed-request')
    assertProblem(await social.get(`/api/v1/records/${ref}/timeline?limit=x`), 400, 'malformed-request')
    assertProblem(await social.get(`/api/v1/records/${ref}/timeline?cursor=%%%`), 400, 'malformed-request')
    assertProblem(await social.get(`/api/v1/records/${ref}/timeline?cursor=bm90LWEtY3Vyc29y`), 400, 'malformed-request')
    assertProblem(await social.get(`/api/v1/records/${ref}/timeline?name=Someone`), 400, 'malformed-request')
    assertProblem(await riverside.get(`/api/v1/records/${ref}/timeline`), 404, 'not-found')
  })

  test('entries: R-REC-3 fact/opinion, corrections, refusals', async () => {
    const path = `/api/v1/records/${ref}/entries`
    const before = await counts(srv.db)
    assertProblem(await social.post(path, { json: { occurred_at: ago(66, '10:00'), nature: 'rumour', text: 'x', people_involved: [] } }), 422)
    const r = await social.post(path, { json: { occurred_at: ago(66, '10:00'), nature: 'opinion', text: 'x', people_involved: [7] } })
    assert.equal(r.status, 422, r.text)
    assertProblem(await social.post(path, { json: { nature: 'fact' } }), 422)
    assertProblem(await riverside.post(path, { json: { occurred_at: ago(66, '10:00'), nature: 'fact', text: 'Seen at the park.', people_involved: ['the child'] } }), 404, 'not-found')
    assertProblem(await analyst.post(path, { json: { occurred_at: ago(66, '10:00'), nature: 'fact', text: 'Seen at the park.', people_involved: ['the child'] } }), 403, 'forbidden')
    assertProblem(await social.post('/api/v1/records/LAN-1999-999999/entries', { json: { occurred_at: ago(66, '10:00'), nature: 'fact', text: 'Seen at the park.', people_involved: ['the child'] } }), 404, 'not-found')
    assert.deepEqual(await counts(srv.db), before)
    await refusesBadBodies(social, 'post', path)
  })

  test('category decisions: R-CAT-3 role, R-CAT-1 range, success', async () => {
    const path = `/api/v1/records/${ref}/category-decisions`
    const before = await counts(srv.db)
    assertProblem(await social.post(path, { json: { category: 2, contact: 'contact', rationale: 'Evidence of grooming by an older person.' } }), 403, 'forbidden', 'R-CAT-3')
    assertProblem(await officer.post(path, { json: { category: 7, rationale: 'x' } }), 422, 'validation')
    assertProblem(await officer.post(path, { json: { category: '2', rationale: 'x' } }), 422, 'validation')
    const noContact = await officer.post(path, { json: { category: 2, rationale: 'Evidence of grooming by an older person.' } })
    assert.equal(noContact.status, 422, noContact.text)
    assert.match(noContact.json.rule || '', /^R-CAT-/)
    assertProblem(await riverside.post(path, { json: { category: 1, rationale: 'Some concerns.' } }), 404, 'not-found')
    assert.deepEqual(await counts(srv.db), before)
    const ok = await officer.post(path, { json: { category: 2, contact: 'contact', rationale: 'Evidence of grooming by an older person.', indicators: [] } })
    assert.equal(ok.status, 201, ok.text)
    await refusesBadBodies(officer, 'post', path)
  })

  test('supervisor review: R-PATH-6 (a police supervisor, all six items), success', async () => {
    const path = `/api/v1/records/${ref}/supervisor-review`
    const before = await counts(srv.db)
    assertProblem(await social.post(path, { json: REVIEW }), 422, 'protocol-rule', 'R-PATH-6')
    const five = { items: REVIEW.items.map((it, i) => ({ ...it, ticked: i < 5 })) }
    assertProblem(await supervisor.post(path, { json: five }), 422, 'protocol-rule', 'R-PATH-6')
    assertProblem(await supervisor.post(path, { json: { items: REVIEW.items.slice(0, 3) } }), 422, 'validation')
    assertProblem(await supervisor.post(path, { json: { items: 'all' } }), 422, 'validation')
    assertProblem(await supervisor.post('/api/v1/records/LAN-1999-999999/supervisor-review', { json: REVIEW }), 404, 'not-found')
    assert.deepEqual(await counts(srv.db), before)
    const ok = await supervisor.post(path, { json: REVIEW })
    assert.equal(ok.status, 201, ok.text)
    await refusesBadBodies(supervisor, 'post', path)
  })

  test('essential steps: R-PATH-7, success and refusals', async () => {
    const path = `/api/v1/records/${ref}/essential-steps`
    const before = await counts(srv.db)
    const e4 = await social.post(path, { json: { declined_to_intervene_or_refer: true } })
    assert.equal(e4.status, 422, e4.text)
    assert.equal(e4.json.rule, 'R-PATH-7')
    assertProblem(await social.post(path, { json: { immediate_risk: 'yes' } }), 422, 'validation')
    assertProblem(await auditor.post(path, { json: { pnc_marker_done: true } }), 403, 'forbidden')
    assertProblem(await riverside.post(path, { json: { pnc_marker_done: true } }), 404, 'not-found')
    assert.deepEqual(await counts(srv.db), before)
    const ok = await officer.post(path, { json: { pnc_marker_done: true, mase_referred_or_updated: true } })
    assert.equal(ok.status, 200, ok.text)
    await refusesBadBodies(officer, 'post', path)
  })

  test('outcomes: R-OUT-1 codes and dates', async () => {
    const path = `/api/v1/records/${ref}/outcomes`
    const before = await counts(srv.db)
    assertProblem(await social.post(path, { json: { code: 'ZZ', achieved_on: daysAgo(66) } }), 422)
    assertProblem(await social.post(path, { json: { code: 'MI', achieved_on: '2026-02-30' } }), 422)
    assertProblem(await social.post(path, { json: { code: 'MI', achieved_on: daysAgo(-3650) } }), 422)
    assertProblem(await auditor.post(path, { json: { code: 'MI', achieved_on: daysAgo(66) } }), 403, 'forbidden')
    assert.deepEqual(await counts(srv.db), before)
    const ok = await social.post(path, { json: { code: 'MI', achieved_on: daysAgo(66), note: 'Multi-agency plan agreed at the strategy meeting.' } })
    assert.equal(ok.status, 201, ok.text)
    await refusesBadBodies(social, 'post', path)
  })

  test('external references: R-REC-4/R-REC-5 kinds and values', async () => {
    const path = `/api/v1/records/${ref}/references`
    const before = await counts(srv.db)
    assertProblem(await officer.post(path, { json: { kind: 'passport', value: '123456' } }), 422)
    assertProblem(await officer.post(path, { json: { kind: 'crime_number', value: 'no digits' } }), 422)
    assertProblem(await officer.post(path, { json: { kind: 'crime_number' } }), 422)
    assertProblem(await auditor.post(path, { json: { kind: 'csc_case', value: 'CSC-77120' } }), 403, 'forbidden')
    assert.deepEqual(await counts(srv.db), before)
    const ok = await officer.post(path, { json: { kind: 'crime_number', value: 'CAD 4471/26' } })
    assert.equal(ok.status, 201, ok.text)
    await refusesBadBodies(officer, 'post', path)
  })

  test('classification: R-DEF-3 types and models', async () => {
    const path = `/api/v1/records/${ref}/classification`
    const before = await counts(srv.db)
    assertProblem(await social.put(path, { json: { models: ['astrology'] } }), 422)
    assertProblem(await social.put(path, { json: { models: 'boyfriend' } }), 422)
    // a fact that is not a boolean refuses the whole change (nothing half-written)
    assertProblem(await social.put(path, { json: { exploitation_types: ['sexual'], online: 'yes' } }), 422, 'validation')
    assertProblem(await social.put(path, { json: { gang: 1 } }), 422, 'validation')
    assertProblem(await analyst.put(path, { json: { exploitation_types: ['sexual'] } }), 403, 'forbidden')
    assert.deepEqual(await counts(srv.db), before)
    const ok = await social.put(path, { json: { exploitation_types: ['sexual'], models: ['boyfriend'], online: true } })
    assert.equal(ok.status, 200, ok.text)
    await refusesBadBodies(social, 'put', path)
  })
})

describe('restricted records (R-INFO-3)', () => {
  test('restrict, open only with a reason (Lantern-Purpose), review the opening', async () => {
    const other = await one(srv.db, `SELECT reference FROM records WHERE reference <> '${ref}' AND child_id IN
      (SELECT child_id FROM child_agencies WHERE agency_id = (SELECT id FROM agencies WHERE name = 'Northbrook Police (demo)')) LIMIT 1`)
    const path = `/api/v1/records/${other}/restriction`
    const before = await counts(srv.db)
    assertProblem(await officer.put(path, { json: { restricted: true, reason: 'Covert operation.' } }), 403, 'forbidden')
    assertProblem(await supervisor.put(path, { json: { restricted: true } }), 422)
    assertProblem(await supervisor.put(path, { json: { restricted: 'yes', reason: 'x' } }), 422)
    assertProblem(await supervisor.put('/api/v1/records/LAN-1999-999999/restriction', { json: { restricted: false } }), 404, 'not-found')
    assert.deepEqual(await counts(srv.db), before)
    await refusesBadBodies(supervisor, 'put', path)
    const r = await supervisor.put(path, { json: { restricted: true, reason: 'Covert police operation in progress.' } })
    assert.equal(r.status, 200, r.text)
    assertProblem(await officer.get(`/api/v1/records/${other}`), 403, 'forbidden', 'R-INFO-3')
    assertProblem(await officer.get(`/api/v1/records/${other}`, { headers: { 'lantern-purpose': 'p'.repeat(300) } }), 400, 'malformed-request')
    const opened = await officer.get(`/api/v1/records/${other}`, { headers: { 'lantern-purpose': 'Preparing the strategy meeting.' } })
    assert.equal(opened.status, 200, opened.text)
    const opening = await one(srv.db, `SELECT id FROM restricted_access WHERE record_id = (SELECT id FROM records WHERE reference = '${other}') LIMIT 1`)
    const rpath = `/api/v1/restricted-access/${opening}/review`
    assertProblem(await social.post(rpath, { json: { note: 'Seen.' } }), 403, 'forbidden')
    assertProblem(await supervisor.post('/api/v1/restricted-access/rax_nosuchopening0000000/review', { json: { note: 'Seen.' } }), 404, 'not-found')
    await refusesBadBodies(supervisor, 'post', rpath)
    const rv = await supervisor.post(rpath, { json: { note: 'Reason checked with the officer; appropriate.' } })
    assert.equal(rv.status, 201, rv.text)
    assertProblem(await supervisor.post(rpath, { json: { note: 'Again.' } }), 409, 'conflict')
    assert.equal((await supervisor.put(path, { json: { restricted: false } })).status, 200)
  })
})

describe('work, audit and administration', () => {
  test('work queue and deadlines', async () => {
    const w = await social.get('/api/v1/work')
    assert.equal(w.status, 200, w.text)
    assert.ok(Array.isArray(w.json.sections))
    assert.equal(typeof w.json.total, 'number')
    assertProblem(await social.get('/api/v1/work?x=1'), 400, 'malformed-request')
    const d = await supervisor.get('/api/v1/deadlines')
    assert.equal(d.status, 200, d.text)
    assert.ok(Array.isArray(d.json.sections))
    assertProblem(await social.get('/api/v1/deadlines?x=1'), 400, 'malformed-request')
  })

  test('audit: auditors only; filters as query parameters; reading is audited', async () => {
    const refused = "SELECT count(*) FROM audit_events WHERE action = 'refused' AND entity_type = 'audit_log'"
    assert.equal((await auditor.get('/api/v1/audit?limit=1')).status, 200) // folds the view log
    const refusedBefore = Number(await one(srv.db, refused))
    assertProblem(await social.get('/api/v1/audit'), 403, 'forbidden')
    assertProblem(await admin.get('/api/v1/audit'), 403, 'forbidden')
    // each refusal is itself audited: an auditor's read folds the view log first
    assert.equal((await auditor.get('/api/v1/audit?limit=1')).status, 200)
    assert.equal(Number(await one(srv.db, refused)), refusedBefore + 2)
    const before = Number(await one(srv.db, 'SELECT count(*) FROM audit_events'))
    const r = await auditor.get('/api/v1/audit?limit=5&verify=true')
    assert.equal(r.status, 200, r.text)
    assert.equal(r.json.events.length, 5)
    assert.equal(r.json.chain.intact, true)
    assertProblem(await auditor.get('/api/v1/audit?verify=maybe'), 400, 'malformed-request')
    assert.equal(Number(await one(srv.db, 'SELECT count(*) FROM audit_events')), before + 1)
    assert.equal((await auditor.get('/api/v1/audit?limit=1')).json.chain, null)
    const page2 = await auditor.get(`/api/v1/audit?limit=5&before_seq=${r.json.next}`)
    assert.equal(page2.status, 200)
    assert.ok(page2.json.events.every((e) => e.seq < r.json.next))
    const byRecord = await auditor.get(`/api/v1/audit?record_ref=${ref}&action=view&limit=200`)
    assert.equal(byRecord.status, 200)
    assert.ok(byRecord.json.events.length >= 1)
    // a date range, in days (the event's own day give or take one: no clock here)
    const day = (at, n) => new Date(Date.parse(at) + n * 86400000).toISOString().slice(0, 10)
    const at = r.json.events[0].at
    const ranged = await auditor.get(`/api/v1/audit?from=${day(at, -1)}&to=${day(at, 1)}&limit=200`)
    assert.equal(ranged.status, 200, ranged.text)
    assert.ok(ranged.json.events.some((e) => e.seq === r.json.events[0].seq))
    const later = await auditor.get(`/api/v1/audit?from=${day(at, 2)}`)
    assert.equal(later.status, 200, later.text)
    assert.ok(later.json.events.every((e) => e.at >= day(at, 1)))
    // the first and last days kept are bounds like any other
    const edge = await auditor.get('/api/v1/audit?from=2200-12-31&to=2200-12-31')
    assert.equal(edge.status, 200, edge.text)
    assert.equal(edge.json.events.length, 0)
    assert.equal((await auditor.get('/api/v1/audit?from=1900-01-01&limit=1')).status, 200)
    assertProblem(await auditor.get(`/api/v1/audit?from=${day(at, 1)}&to=${day(at, -1)}`), 422, 'validation')
    assertProblem(await auditor.get('/api/v1/audit?limit=1000'), 422, 'validation')
    assertProblem(await auditor.get('/api/v1/audit?limit=abc'), 400, 'malformed-request')
    assertProblem(await auditor.get('/api/v1/audit?name=Someone'), 400, 'malformed-request')
    assertProblem(await auditor.get('/api/v1/audit?limit=1&limit=2'), 400, 'malformed-request')
  })

  test('agencies and users: administrators add, list and disable', async () => {
    assert.equal((await admin.get('/api/v1/agencies')).status, 200)
    // the list of agencies is directory information every signed-in user may read
    assert.equal((await social.get('/api/v1/agencies')).status, 200)
    const a = await admin.post('/api/v1/agencies', { json: { name: 'Northbrook Sports Trust (demo)', type: 'charity', borough: 'Northbrook' } })
    assert.equal(a.status, 201, a.text)
    const before = await counts(srv.db)
    assertProblem(await admin.post('/api/v1/agencies', { json: { name: 'X', type: 'bakery' } }), 422, 'validation')
    assertProblem(await social.post('/api/v1/agencies', { json: { name: 'Y (demo)', type: 'charity' } }), 403, 'forbidden')
    const users = await admin.get('/api/v1/users')
    assert.equal(users.status, 200)
    assert.ok(users.json.users.some((x) => x.username === 'admin'))
    assert.ok(!users.text.includes('argon2'), 'no password hashes in the list')
    assertProblem(await social.get('/api/v1/users'), 403, 'forbidden')
    assertProblem(await admin.post('/api/v1/users', { json: { username: 'short.pw', agency: 'Northbrook Sports Trust (demo)', roles: ['charity'], password: 'short' } }), 422, 'validation')
    assertProblem(await admin.post('/api/v1/users', { json: { username: 'bad.role', agency: 'Northbrook Sports Trust (demo)', roles: ['wizard'], password: 'a-long-enough-pass-phrase' } }), 422, 'validation')
    assertProblem(await social.post('/api/v1/users', { json: { username: 'by.social', agency: 'Northbrook Sports Trust (demo)', roles: ['charity'], password: 'a-long-enough-pass-phrase' } }), 403, 'forbidden')
    assert.deepEqual(await counts(srv.db), before)
    const u = await admin.post('/api/v1/users', { json: { username: 'coach.demo', display_name: 'Demo Coach', agency: 'Northbrook Sports Trust (demo)', roles: ['charity'], password: 'a-long-enough-pass-phrase' } })
    assert.equal(u.status, 201, u.text)
    assert.ok(!u.text.includes('a-long-enough-pass-phrase'))
    const coach = await signInAs(srv, 'coach.demo', 'a-long-enough-pass-phrase')
    assert.equal((await coach.get('/api/v1/work')).status, 200)
    assertProblem(await social.post('/api/v1/users/coach.demo/disable'), 403, 'forbidden')
    assertProblem(await admin.post('/api/v1/users/coach.demo/disable', { csrf: false }), 403, 'csrf')
    assertProblem(await admin.post('/api/v1/users/coach.demo/disable', { json: { why: 1 } }), 422, 'validation')
    assertProblem(await admin.post('/api/v1/users/nobody.here/disable'), 404, 'not-found')
    const d = await admin.post('/api/v1/users/coach.demo/disable')
    assert.equal(d.status, 200, d.text)
    assertProblem(await coach.get('/api/v1/work'), 401, 'unauthenticated')
    await refusesBadBodies(admin, 'post', '/api/v1/agencies')
    await refusesBadBodies(admin, 'post', '/api/v1/users')
  })
})

describe('missing episodes (issue 5)', () => {
  let teen, young, episode

  before(async () => {
    const t = await officer.post('/api/v1/children', { json: { given_names: 'Rowan', family_name: 'Fernhill-Demo', date_of_birth: born(15), gender: 'female', confirm_new: true } })
    assert.equal(t.status, 201, t.text)
    teen = t.json.id
    const y = await officer.post('/api/v1/children', { json: { given_names: 'Pip', family_name: 'Marbleton-Demo', date_of_birth: born(10), gender: 'male', confirm_new: true } })
    assert.equal(y.status, 201, y.text)
    young = y.json.id
  })

  test('R-MISS-2: absent for a child under 13 is refused with the rule; nothing written', async () => {
    const before = await counts(srv.db)
    const r = await officer.post('/api/v1/episodes', { json: { child_id: young, missing_from: 'home', classification: 'absent' } })
    assertProblem(r, 422, 'protocol-rule', 'R-MISS-2')
    assert.deepEqual(await counts(srv.db), before)
    const fixed = await officer.post('/api/v1/episodes', { json: { child_id: young, missing_from: 'home', classification: 'absent', auto_correct: true } })
    assert.equal(fixed.status, 201, fixed.text)
    assert.equal(fixed.json.classification, 'missing')
    assert.equal(fixed.json.corrected, true)
  })

  test('report -> escalate -> risk -> return -> safe and well -> return interview -> forensic decision', async () => {
    // reported two hours ago: an absence dated past its managed timeframe would be missing at once (R-MISS-4)
    const rep = await officer.post('/api/v1/episodes', { json: { child_id: teen, missing_from: 'home', classification: 'absent', reported_at: hoursAgo(2), last_seen_where: 'Demo Road bus stop' } })
    assert.equal(rep.status, 201, rep.text)
    assert.equal(rep.json.classification, 'absent')
    episode = rep.json.id
    const path = `/api/v1/episodes/${episode}`
    assert.equal((await officer.get(path)).status, 200)
    const esc = await officer.post(`${path}/escalation`, { json: { reason: 'Not seen at the usual places.' } })
    assert.equal(esc.status, 200, esc.text)
    assertProblem(await officer.post(`${path}/escalation`, { json: { reason: 'again' } }), 409, 'conflict')
    const risk = await officer.put(`${path}/risk`, { json: { risk_level: 'medium', reason: 'Seen with older males.' } })
    assert.equal(risk.status, 200, risk.text)
    assertProblem(await officer.put(`${path}/risk`, { json: { risk_level: 'extreme', reason: 'x' } }), 422)
    // a return before the report, or in the future, is refused
    assertProblem(await officer.post(`${path}/return`, { json: { returned_at: hoursAgo(3) } }), 422)
    assertProblem(await officer.post(`${path}/return`, { json: { returned_at: ago(-3650) } }), 422)
    // an interview before the return is refused
    const early = await officer.post(`${path}/return-interview`, { json: { interviewer: 'Demo Youth Worker', child_asked: true, child_preference: 'Someone from the charity' } })
    assert.ok(early.status === 409 || early.status === 422, early.text)
    const ret = await officer.post(`${path}/return`, { json: { returned_at: hoursAgo(1), where: 'Demo Shopping Centre', with: ['Demo Friend'] } })
    assert.equal(ret.status, 200, ret.text)
    assertProblem(await officer.post(`${path}/safe-and-well`, { json: { where_found: 'Demo Shopping Centre', what_happened: 'Stayed with a friend; no harm reported.' } }), 422, 'protocol-rule', 'R-MISS-5')
    const sw = await officer.post(`${path}/safe-and-well`, { json: { where_found: 'Demo Shopping Centre', found_with: ['Demo Friend'], what_happened: 'Stayed with a friend; no harm reported.' } })
    assert.equal(sw.status, 201, sw.text)
    // R-MISS-6: the officer who did the Safe and Well Check cannot do the interview
    const same = await officer.post(`${path}/return-interview`, { json: { interviewer: 'officer.northbrook', child_asked: true, child_preference: 'No preference' } })
    assertProblem(same, 422, 'protocol-rule', 'R-MISS-6')
    const offer = await officer.post(`${path}/return-interview`, { json: { interviewer: 'Demo Youth Worker', interviewer_agency: 'Northbrook Young People\'s Charity (demo)', child_asked: true, child_preference: 'Someone from the charity' } })
    assert.equal(offer.status, 201, offer.text)
    const acc = await officer.post(`${path}/return-interview`, { json: { status: 'accepted' } })
    assert.equal(acc.status, 200, acc.text)
    assertProblem(await officer.post(`${path}/return-interview`, { json: { status: 'completed' } }), 422)
    const done = await officer.post(`${path}/return-interview`, { json: { status: 'completed', findings: 'Spent the night at a friend\'s flat; will talk to the youth worker again.' } })
    assert.equal(done.status, 200, done.text)
    // R-MISS-9: every forensic question answered
    assertProblem(await officer.post(`${path}/forensic-decision`, { json: { decision: 'no_forensic_action', rationale: 'x' } }), 422, 'protocol-rule', 'R-MISS-9')
    const fd = await officer.post(`${path}/forensic-decision`, { json: { clothing: false, early_evidence_kit: false, devices: 'not_applicable', decision: 'no_forensic_action', rationale: 'No allegation of an offence; nothing to preserve.' } })
    assert.equal(fd.status, 201, fd.text)
    const shown = await officer.get(path)
    assert.equal(shown.status, 200)
  })

  test('episode refusals: unknown ids, other agency, wrong role, bad bodies', async () => {
    const before = await counts(srv.db)
    assertProblem(await officer.get('/api/v1/episodes/ep_nosuchepisode00000000'), 404, 'not-found')
    assertProblem(await riverside.get(`/api/v1/episodes/${episode}`), 404, 'not-found')
    assertProblem(await analyst.post(`/api/v1/episodes/${episode}/escalation`, { json: { reason: 'x' } }), 403, 'forbidden')
    assertProblem(await auditor.post('/api/v1/episodes', { json: { child_id: teen, missing_from: 'home' } }), 403, 'forbidden')
    assertProblem(await officer.post('/api/v1/episodes', { json: { child_id: teen, missing_from: 'moon' } }), 422, 'validation')
    assertProblem(await officer.post('/api/v1/episodes', { json: { missing_from: 'home' } }), 422, 'validation')
    assert.deepEqual(await counts(srv.db), before)
    await refusesBadBodies(officer, 'post', '/api/v1/episodes')
    for (const p of ['escalation', 'return', 'safe-and-well', 'return-interview', 'forensic-decision']) {
      await refusesBadBodies(officer, 'post', `/api/v1/episodes/${episode}/${p}`)
    }
    await refusesBadBodies(officer, 'put', `/api/v1/episodes/${episode}/risk`)
  })

  test('exports: CSV attachments for analysts and managers, audited; refusals', async () => {
    const before = Number(await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'export'"))
    const s = await analyst.get(`/api/v1/exports/ssda903?from=${daysAgo(339)}&to=${daysAgo(8)}`)
    assert.equal(s.status, 200, s.text)
    assert.match(s.headers.get('content-type'), /^text\/csv/)
    assert.match(s.headers.get('content-disposition'), new RegExp(`^attachment; filename="ssda903-missing-${daysAgo(339)}-${daysAgo(8)}\\.csv"$`))
    assert.match(s.text, /^CHILD,MISSING,MIS_START,MIS_END/)
    const a = await analyst.get(`/api/v1/exports/annex-a?from=${daysAgo(339)}&to=${daysAgo(8)}`)
    assert.equal(a.status, 200, a.text)
    assert.match(a.headers.get('content-disposition'), /^attachment; filename="annex-a-missing-/)
    assert.equal(Number(await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'export'")), before + 2)
    assertProblem(await social.get(`/api/v1/exports/ssda903?from=${daysAgo(339)}&to=${daysAgo(8)}`), 403, 'forbidden')
    assertProblem(await analyst.get(`/api/v1/exports/ssda903?from=2026-13-01&to=${daysAgo(8)}`), 422, 'validation')
    assertProblem(await analyst.get(`/api/v1/exports/ssda903?from=${daysAgo(188)}&to=${daysAgo(339)}`), 422, 'validation')
    assertProblem(await analyst.get(`/api/v1/exports/annex-a?from=${daysAgo(339)}&to=${daysAgo(-3650)}`), 422, 'validation')
    assertProblem(await analyst.get('/api/v1/exports/annex-a'), 422, 'validation')
    assertProblem(await analyst.get(`/api/v1/exports/annex-a?from=${daysAgo(339)}&to=${daysAgo(308)}&name=x`), 400, 'malformed-request')
    assert.equal(Number(await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'export'")), before + 2)
  })
})

test('no API answer in this file was a 5xx', () => {
  assert.doesNotMatch(srv.logs(), /status=5\d\d/)
})
