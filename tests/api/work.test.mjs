// work.test.mjs: "My work" puts what is urgent first and lists nothing twice, and the
// missing-now board (R-MISS-5) lists every child missing now that the user sees,
// highest risk and longest missing first, a page at a time; roles that see no child
// are refused, and the refusal is audited. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, assertProblem, one } from './demo.mjs'
import { born, hoursAgo } from './dates.mjs'

let srv, officer
const RANK = { high: 0, medium: 1, low: 2, null: 3, no_apparent_risk: 4 }

before(async () => {
  srv = await startDemo()
  officer = await signInAs(srv, 'officer.northbrook')
  // 30 more children missing now, so that the board has a second page
  for (let i = 0; i < 30; i++) {
    const ch = await officer.post('/api/v1/children', { json: { given_names: 'Board', family_name: `Child${i}-Demo`, date_of_birth: born(14), confirm_new: true } })
    assert.equal(ch.status, 201, ch.text)
    const ep = await officer.post('/api/v1/episodes', { json: { child_id: ch.json.id, missing_from: 'home', classification: 'missing', reported_at: hoursAgo(2 + i), last_seen_at: hoursAgo(3 + i), last_seen_where: 'Northbrook bus station' } })
    assert.equal(ep.status, 201, ep.text)
    if (i % 3 === 0) {
      const r = await officer.put(`/api/v1/episodes/${ep.json.id}/risk`, { json: { risk_level: 'high', reason: 'Seen with older males.' } })
      assert.equal(r.status, 200, r.text)
    }
  }
})
after(async () => { await srv?.stop() })

function inOrder (items) {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]; const b = items[i]
    const ra = RANK[a.risk_level]; const rb = RANK[b.risk_level]
    assert.ok(ra < rb || (ra === rb && a.missing_seconds >= b.missing_seconds), `${a.family_name} before ${b.family_name}`)
  }
}

test('R-MISS-5: the missing-now board, highest risk and longest missing first, a page at a time', async () => {
  const p1 = await officer.get('/api/v1/missing-now')
  assert.equal(p1.status, 200, p1.text)
  assert.ok(p1.json.count >= 30)
  assert.equal(p1.json.items.length, 25)
  assert.equal(p1.json.pages, Math.ceil(p1.json.count / 25))
  inOrder(p1.json.items)
  const first = p1.json.items[0]
  assert.equal(first.risk_level, 'high')
  assert.match(first.missing_for, /hour|day/)
  assert.ok(first.episode_id.startsWith('epi_') || first.episode_id.length > 4)
  const p2 = await officer.get('/api/v1/missing-now?page=2')
  assert.equal(p2.status, 200, p2.text)
  assert.equal(p2.json.page, 2)
  assert.ok(p2.json.items.length >= 5)
  inOrder([p1.json.items.at(-1), ...p2.json.items])
  const ids = new Set(p1.json.items.map((i) => i.episode_id))
  for (const it of p2.json.items) assert.ok(!ids.has(it.episode_id), 'no child on two pages')
  const bad = await officer.get('/api/v1/missing-now?page=zero')
  assert.equal(bad.status, 400, bad.text)
})

test('R-INFO-3: the board shows only the children the user sees; roles that see none are refused, audited', async () => {
  const riverside = await signInAs(srv, 'school.riverside')
  const r = await riverside.get('/api/v1/missing-now')
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.items.filter((i) => /^Child\d+-Demo$/.test(i.family_name)).length, 0)
  const auditor = await signInAs(srv, 'auditor')
  const before = Number(await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'refused' AND entity_type = 'missing_now'"))
  assertProblem(await auditor.get('/api/v1/missing-now'), 403, 'forbidden')
  assert.equal(Number(await one(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'refused' AND entity_type = 'missing_now'")), before + 1)
})

test('R-DL-9: my work puts who is missing now first, then what is overdue, and lists nothing twice', async () => {
  for (const user of ['officer.northbrook', 'supervisor.northbrook', 'social.northbrook', 'mash.northbrook', 'manager.northbrook']) {
    const who = await signInAs(srv, user)
    const w = await who.get('/api/v1/work')
    assert.equal(w.status, 200, w.text)
    const keys = w.json.sections.map((s) => s.key)
    assert.equal(keys[0], 'missing_now', `${user}: ${keys}`)
    const ov = w.json.sections.find((s) => s.key === 'overdue')
    if (ov) {
      assert.equal(keys[1], 'overdue')
      for (const it of ov.items) assert.ok(it.seconds_left <= 0)
      for (let i = 1; i < ov.items.length; i++) assert.ok(ov.items[i - 1].seconds_left <= ov.items[i].seconds_left)
    }
    const seen = new Set()
    for (const s of w.json.sections) {
      if (s.key !== 'overdue') for (const it of s.items) assert.ok(!(it.seconds_left <= 0), `${user} ${s.key}: overdue item outside "overdue"`)
      for (const it of s.items) {
        const k = `${it.kind || ''}|${it.episode_id || it.subject_id || it.reference || it.id}`
        assert.ok(!seen.has(k), `${user}: ${k} listed twice`)
        seen.add(k)
      }
      assert.ok(s.items.length <= 25)
    }
  }
})
