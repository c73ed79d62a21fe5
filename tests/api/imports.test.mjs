// imports.test.mjs: bulk import and export of children through the API against a server
// with the synthetic demo partnership: a file committed and its report read back; a
// file with refused rows answered 422 with each row's line and reason and nothing
// written; a dry run; a row that may be a child already known held (R-REC-1) and
// resolved as a new child; the wrong media type; the export's columns and formula
// guard; the matching model in words. All data is made up.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, assertProblem, one, counts } from './demo.mjs'
import { born } from './dates.mjs'

const HEADER = 'given_names,family_name,other_names,date_of_birth,gender,nhs_number,school,address,postcode\n'
let srv, admin, manager, nurse

before(async () => {
  srv = await startDemo()
  admin = await signInAs(srv, 'admin')
  manager = await signInAs(srv, 'manager.northbrook')
  nurse = await signInAs(srv, 'health.riverside')
})
after(async () => { await srv?.stop() })

const csv = (who, body, query = '') =>
  who.post(`/api/v1/imports/children${query}`, { body, headers: { 'content-type': 'text/csv' } })

test('a file is imported in one batch and its report can be read back', async () => {
  const res = await csv(manager, HEADER +
    `Quillon,Abernethy-Vance,Quill,${born(12)},M,,Fernbank Academy (demo),4 Larch Walk,N1 9GU\n` +
    `Rosalind,Abernethy-Vance,,${born(9)},F,,,,\n`)
  assert.equal(res.status, 201, res.text)
  assert.equal(res.json.status, 'committed')
  assert.equal(res.json.created, 2)
  assert.equal(Number(await one(srv.db, "SELECT count(*) FROM children WHERE family_name = 'Abernethy-Vance'")), 2)
  const rep = await manager.get(`/api/v1/imports/${res.json.id}`)
  assert.equal(rep.status, 200, rep.text)
  assert.equal(rep.json.created, 2)
  assert.equal(Number(await one(srv.db, `SELECT count(*) FROM audit_events WHERE action = 'import' AND entity_id = '${res.json.id}'`)), 1)
})

test('refused rows are listed with line and reason and nothing of the batch is written', async () => {
  const before = await counts(srv.db)
  const res = await csv(admin, HEADER +
    `Saoirse,Brennan-Oduya,,${born(10)},F,,,,\n` +
    'Tadhg,Brennan-Oduya,,2013-02-30,M,,,,\n' +
    `Saoirse,Brennan-Oduya,,${born(10)},F,,,,\n` +
    'Una,Brennan-Oduya,,,,\n')
  assertProblem(res, 422, 'validation')
  const rows = res.json.report.refused_rows
  assert.deepEqual(rows.map((r) => r.line), [3, 4, 5])
  assert.match(rows[0].reason, /not a date that exists/)
  assert.match(rows[1].reason, /repeats line 2/)
  assert.match(rows[2].reason, /6 fields where the header has 9/)
  const after = await counts(srv.db)
  assert.equal(after.children, before.children)
  assert.equal(Number(await one(srv.db, "SELECT count(*) FROM children WHERE family_name = 'Brennan-Oduya'")), 0)
  // the good rows, committed when asked explicitly
  const good = await csv(admin, HEADER + `Saoirse,Brennan-Oduya,,${born(10)},F,,,,\nTadhg,Brennan-Oduya,,2013-02-30,M,,,,\n`, '?commit_good_rows=true')
  assert.equal(good.status, 201, good.text)
  assert.equal(good.json.created, 1)
  assert.equal(good.json.refused, 1)
})

test('a dry run checks and matches everything and writes nothing', async () => {
  const res = await csv(admin, HEADER + `Ysolde,Kowalczyk-Ames,,${born(11)},F,,,,\n`, '?dry_run=true')
  assert.equal(res.status, 200, res.text)
  assert.equal(res.json.status, 'dry_run')
  assert.equal(res.json.created, 1)
  assert.equal(Number(await one(srv.db, "SELECT count(*) FROM children WHERE family_name = 'Kowalczyk-Ames'")), 0)
})

test('R-REC-1: a row that may be a known child is held, listed and resolved by a person', async () => {
  const [id, given, family, dob] = (await one(srv.db, "SELECT id || '|' || given_names || '|' || family_name || '|' || date_of_birth FROM children WHERE date_of_birth IS NOT NULL AND is_demo = 1 ORDER BY id LIMIT 1")).split('|')
  const res = await csv(manager, HEADER + `${given},${family},,${dob},,,,,\n`)
  assert.equal(res.status, 201, res.text)
  assert.equal(res.json.held, 1)
  assert.equal(res.json.created, 0)
  const heldId = res.json.held_rows[0].id
  const list = await manager.get('/api/v1/import-held')
  assert.equal(list.status, 200, list.text)
  const h = list.json.held.find((x) => x.id === heldId)
  assert.ok(h, list.text)
  assert.ok(h.candidates.some((c) => c.id === id && c.reasons.length > 0 && c.band), JSON.stringify(h.candidates))
  // "same" must name one of its candidates
  const wrong = await manager.post(`/api/v1/import-held/${heldId}/resolution`, { json: { decision: 'same', child_id: 'ch_notacandidate0000000' } })
  assertProblem(wrong, 422, 'validation')
  const nursed = await nurse.post(`/api/v1/import-held/${heldId}/resolution`, { json: { decision: 'new' } })
  assertProblem(nursed, 403, 'forbidden')
  const before = Number(await one(srv.db, `SELECT count(*) FROM children WHERE family_name = '${family.replace(/'/g, "''")}'`))
  const ok = await manager.post(`/api/v1/import-held/${heldId}/resolution`, { json: { decision: 'new' } })
  assert.equal(ok.status, 200, ok.text)
  assert.equal(ok.json.status, 'new')
  assert.equal(Number(await one(srv.db, `SELECT count(*) FROM children WHERE family_name = '${family.replace(/'/g, "''")}'`)), before + 1)
  const again = await manager.post(`/api/v1/import-held/${heldId}/resolution`, { json: { decision: 'new' } })
  assert.equal(again.status, 409, again.text)
})

test('the file must be text/csv and only managers and administrators may import', async () => {
  const res = await admin.post('/api/v1/imports/children', { json: { given_names: 'A' } })
  assertProblem(res, 415, 'unsupported-media-type')
  const refused = await csv(nurse, HEADER + `Wren,Oyelaran,,${born(9)},,,,,\n`)
  assertProblem(refused, 403, 'forbidden')
})

test('the export has the import\'s columns and guards cells a spreadsheet would run', async () => {
  const imp = await csv(manager, HEADER + `=cmd|' /C calc'!A0,Formulaic-Demo,"@SUM(1); +1",${born(12)},,,-Academy,,\n`)
  assert.equal(imp.status, 201, imp.text)
  const res = await manager.get('/api/v1/exports/children')
  assert.equal(res.status, 200, res.text)
  assert.match(res.headers.get('content-type'), /^text\/csv/)
  assert.ok(res.text.startsWith(HEADER.trim()), res.text.slice(0, 200))
  const line = res.text.split('\r\n').find((l) => l.includes('Formulaic-Demo'))
  assert.ok(line, 'the imported child is exported')
  assert.ok(line.startsWith('"\'=cmd|'), line)
  assert.ok(line.includes('"\'@SUM(1); +1"'), line)
  assert.ok(line.includes('"\'-Academy"'), line)
  const denied = await admin.get('/api/v1/exports/children')
  assertProblem(denied, 403, 'forbidden')
})

test('administrators read the matching model in words', async () => {
  const res = await admin.get('/api/v1/matching/model')
  assert.equal(res.status, 200, res.text)
  assert.equal(res.json.source, 'built-in')
  assert.equal(res.json.bands[0].band, 'likely the same child')
  const dob = res.json.fields.find((f) => f.name === 'date_of_birth')
  assert.ok(dob.levels.some((l) => l.meaning && typeof l.weight_bits === 'number'))
  assertProblem(await nurse.get('/api/v1/matching/model'), 403, 'forbidden')
})
