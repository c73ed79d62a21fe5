// merges.test.mjs: merging two children found to be the same child (R-REC-1: Lantern
// never merges by itself) through POST /api/v1/children/{id}/merges, the list of a
// child's merges and POST /api/v1/merges/{id}/undo: both children's episodes shown under
// the survivor, the merged child gone from search and lists, an undo that restores both,
// and the refusals (self, twice, a child not found, a reason missing, a role that does not
// merge), each writing nothing and audited. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, assertProblem, counts, refusals, one } from './demo.mjs'
import { ago, born } from './dates.mjs'

let srv, officer, mash, sup

async function child (family, dob) {
  const ch = await officer.post('/api/v1/children', { json: { given_names: 'Merle', family_name: family, date_of_birth: dob, confirm_new: true } })
  assert.equal(ch.status, 201, ch.text)
  const ep = await officer.post('/api/v1/episodes', { json: { child_id: ch.json.id, missing_from: 'home', classification: 'absent', reported_at: ago(6, '18:00') } })
  assert.equal(ep.status, 201, ep.text)
  return { id: ch.json.id, episode: ep.json.id }
}

const episodeIds = async (who, id) => {
  const r = await who.get(`/api/v1/children/${id}/episodes`)
  assert.equal(r.status, 200, r.text)
  return r.json.episodes.map((e) => e.id)
}

const searchIds = async (who, family, dob) => {
  const r = await who.post('/api/v1/children/search', { json: { given_names: 'Merle', family_name: family, date_of_birth: dob } })
  assert.equal(r.status, 200, r.text)
  return r.json.results.map((c) => c.id)
}

before(async () => {
  srv = await startDemo()
  officer = await signInAs(srv, 'officer.northbrook')
  mash = await signInAs(srv, 'mash.northbrook')
  sup = await signInAs(srv, 'supervisor.northbrook')
})
after(async () => { await srv?.stop() })

test('R-REC-1: a MASH worker merges two children; both histories show under the survivor; undo restores both', async () => {
  const dob = born(13)
  const a = await child('Okafor-Demo', dob)
  const b = await child('Okafor-Demo', dob)
  assert.ok((await searchIds(mash, 'Okafor-Demo', dob)).includes(b.id))
  const before = await counts(srv.db)
  const m = await mash.post(`/api/v1/children/${a.id}/merges`, { json: { merged_child_id: b.id, reason: 'Same school, same date of birth; checked with the school.' } })
  assert.equal(m.status, 201, m.text)
  assert.equal(m.json.surviving_child_id, a.id)
  assert.equal(m.json.merged_child_id, b.id)
  assert.equal(m.json.undone_at, null)
  // nothing deleted or rewritten: the same rows, both episodes under the survivor
  const after = await counts(srv.db)
  assert.equal(after.children, before.children)
  assert.equal(after.episodes, before.episodes)
  assert.equal(await one(srv.db, `SELECT child_id FROM episodes WHERE id = '${b.episode}'`), b.id)
  const eps = await episodeIds(mash, a.id)
  assert.ok(eps.includes(a.episode) && eps.includes(b.episode), JSON.stringify(eps))
  const view = await mash.get(`/api/v1/children/${a.id}`)
  assert.equal(view.status, 200, view.text)
  assert.deepEqual(view.json.merged_children.map((k) => k.child_id), [b.id])
  assert.equal((await mash.get(`/api/v1/children/${b.id}`)).json.merged_into, a.id)
  // the merged child is no longer found or listed
  assert.ok(!(await searchIds(mash, 'Okafor-Demo', dob)).includes(b.id))
  assert.ok((await searchIds(mash, 'Okafor-Demo', dob)).includes(a.id))
  const list = await mash.get('/api/v1/children?limit=200')
  assert.ok(!list.json.children.some((c) => c.id === b.id))
  // audited on both children
  assert.equal(await one(srv.db, `SELECT count(*) FROM audit_events WHERE action = 'merge' AND entity_id IN ('${a.id}', '${b.id}')`), '2')
  // the list of merges, from either child
  const ms = await officer.get(`/api/v1/children/${b.id}/merges`)
  assert.equal(ms.status, 200, ms.text)
  assert.equal(ms.json.merges.length, 1)
  assert.equal(ms.json.may_merge, false)
  // undo (by a police supervisor): both children as before
  const u = await sup.post(`/api/v1/merges/${m.json.id}/undo`, { json: { reason: 'Two different children: the school has two.' } })
  assert.equal(u.status, 200, u.text)
  assert.ok(u.json.undone_at)
  assert.deepEqual(await episodeIds(mash, a.id), [a.episode])
  assert.deepEqual(await episodeIds(mash, b.id), [b.episode])
  assert.ok((await searchIds(mash, 'Okafor-Demo', dob)).includes(b.id))
  assert.equal((await mash.get(`/api/v1/children/${b.id}`)).json.merged_into, null)
  // undone twice: a conflict
  assertProblem(await sup.post(`/api/v1/merges/${m.json.id}/undo`, { json: { reason: 'Again.' } }), 409, 'conflict')
})

test('R-REC-1: refusals write nothing and are audited where the child is concerned', async () => {
  const dob = born(14)
  const a = await child('Brannagh-Demo', dob)
  const b = await child('Brannagh-Demo', dob)
  const c = await child('Brannagh-Demo', dob)
  const before = await counts(srv.db)
  const merges = () => one(srv.db, 'SELECT count(*) FROM child_merges')
  const n = await merges()
  // into itself
  const self = await mash.post(`/api/v1/children/${a.id}/merges`, { json: { merged_child_id: a.id, reason: 'Same.' } })
  assertProblem(self, 422, undefined, 'R-REC-1')
  assert.ok(self.json.errors.some((e) => e.field === 'merged_child_id'), self.text)
  // reason missing
  const nr = await mash.post(`/api/v1/children/${a.id}/merges`, { json: { merged_child_id: b.id } })
  assertProblem(nr, 422)
  assert.ok(nr.json.errors.some((e) => e.field === 'reason'), nr.text)
  // a child not found (as one not seen): 404, audited
  const ghost = b.id.slice(0, -4) + (b.id.endsWith('aaaa') ? 'bbbb' : 'aaaa')
  const r0 = await refusals(srv.db, ghost)
  assertProblem(await mash.post(`/api/v1/children/${a.id}/merges`, { json: { merged_child_id: ghost, reason: 'Same.' } }), 404, 'not-found')
  assert.equal(await refusals(srv.db, ghost), r0 + 1)
  // a role that does not merge: 403, audited
  const r1 = await refusals(srv.db, a.id)
  assertProblem(await officer.post(`/api/v1/children/${a.id}/merges`, { json: { merged_child_id: b.id, reason: 'Same.' } }), 403, 'forbidden', 'R-REC-1')
  assert.equal(await refusals(srv.db, a.id), r1 + 1)
  assert.equal(await merges(), n)
  assert.deepEqual(await counts(srv.db), before)
  // twice, and a merged child into a third
  const ok = await mash.post(`/api/v1/children/${a.id}/merges`, { json: { merged_child_id: b.id, reason: 'Same child.' } })
  assert.equal(ok.status, 201, ok.text)
  assertProblem(await mash.post(`/api/v1/children/${a.id}/merges`, { json: { merged_child_id: b.id, reason: 'Same child.' } }), 409, 'conflict')
  assertProblem(await mash.post(`/api/v1/children/${c.id}/merges`, { json: { merged_child_id: b.id, reason: 'Same child.' } }), 409, 'conflict')
  assertProblem(await mash.post(`/api/v1/children/${b.id}/merges`, { json: { merged_child_id: c.id, reason: 'Same child.' } }), 409, 'conflict')
  assert.equal(Number(await merges()), Number(n) + 1)
  // undo refused to a role that does not merge
  assertProblem(await officer.post(`/api/v1/merges/${ok.json.id}/undo`, { json: { reason: 'No.' } }), 403, 'forbidden')
  assertProblem(await mash.post(`/api/v1/merges/${ok.json.id}/undo`, { json: {} }), 422)
})
