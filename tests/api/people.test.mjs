// people.test.mjs: people of concern, places, vehicles, phones, links and networks
// through the API against a server with the synthetic demo partnership: a phone or a
// plate that does not parse is kept as given and marked (R-POI-1); a link to something
// the user may not see is refused as if it did not exist and audited (R-INFO-3); a
// self-link, an end before its start and a grading outside its scale are refused naming
// the field, with nothing written; a link ended is kept; the R-CAT-7 flag of a category
// 1 child linked through a person of concern to a category 3 child, with its path, for a
// user who sees both and not for one who sees only the first; the borough's linked cases
// for the MASE meeting (R-MASE-9); the network export for i2 and Gephi. All made up.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, assertProblem, one, refusals } from './demo.mjs'
import { daysAgo } from './dates.mjs'

let srv, officer, social
const ctx = {}

const linkCount = () => one(srv.db, 'SELECT count(*) FROM links')
const writes = () => one(srv.db, `SELECT (SELECT count(*) FROM links) || '/' || (SELECT count(*) FROM people)
  || '/' || (SELECT count(*) FROM person_items) || '/' || (SELECT count(*) FROM record_entries)`)

before(async () => {
  srv = await startDemo()
  // a police supervisor: partnership-wide, sees both boroughs' children
  officer = await signInAs(srv, 'supervisor.northbrook')
  social = await signInAs(srv, 'social.northbrook')
  const unlinked = `NOT EXISTS (SELECT 1 FROM links l WHERE l.from_child_id = c.id OR l.to_child_id = c.id)`
  // a Northbrook child with a record in category 1 or none, whose case Northbrook
  // children's social care is a member of, and no link yet
  ctx.low = await one(srv.db, `SELECT c.id FROM children c JOIN records r ON r.child_id = c.id
    WHERE coalesce(r.current_category, 1) = 1 AND r.restricted = 0 AND ${unlinked}
    AND EXISTS (SELECT 1 FROM child_agencies ca JOIN agencies a ON a.id = ca.agency_id
      WHERE ca.child_id = c.id AND a.name = 'Northbrook Children''s Social Care (demo)' AND ca.kind <> 'filed' AND ca.ended_at IS NULL)
    ORDER BY c.id LIMIT 1`)
  // a Riverside child in category 3, no Northbrook agency on the case, no link yet
  ctx.high = await one(srv.db, `SELECT c.id FROM children c JOIN records r ON r.child_id = c.id
    WHERE r.current_category = 3 AND r.restricted = 0 AND ${unlinked}
    AND NOT EXISTS (SELECT 1 FROM child_agencies ca JOIN agencies a ON a.id = ca.agency_id
      WHERE ca.child_id = c.id AND a.name LIKE 'Northbrook%')
    ORDER BY c.id LIMIT 1`)
  assert.ok(ctx.low && ctx.high, 'the demo has a low-category and a category 3 child')
  ctx.lowBorough = await one(srv.db, `SELECT b.name FROM records r JOIN children c ON c.id = r.child_id
    JOIN boroughs b ON b.id = coalesce(r.owning_borough_id, c.residence_borough_id) WHERE c.id = '${ctx.low}'`)
})
after(async () => { await srv?.stop() })

test('R-POI-1: a person of concern with a phone and a plate that do not parse: kept as given and marked', async () => {
  const r = await officer.post('/api/v1/people', {
    json: {
      names: [{ name: 'Kieran Westcott-Demo', kind: 'name' }, { name: 'K-Dog', kind: 'street_name' }],
      phones: ['ring the shop and ask for K', '07700 900461'],
      vehicles: ['silver hatchback, plate not seen'],
      nature: 'intelligence', grading: '2/B/P', source: 'Officer sighting (demo)', confirm_new: true
    }
  })
  assert.equal(r.status, 201, r.text)
  ctx.person = r.json.id
  const phone = r.json.phones.find((p) => p.label === 'ring the shop and ask for K')
  assert.ok(phone, r.text)
  assert.equal(phone.parsed, false)
  assert.ok(r.json.phones.some((p) => p.label === '+447700900461' && p.parsed === true), r.text)
  const car = r.json.vehicles[0]
  assert.equal(car.label, 'silver hatchback, plate not seen')
  assert.equal(car.parsed, false)
  ctx.phone = phone.id
  // found again by the same text, not added twice
  const again = await officer.post('/api/v1/phones', { json: { number: 'ring the shop and ask for K' } })
  assert.equal(again.status, 200, again.text)
  assert.equal(again.json.id, ctx.phone)
  assert.equal(again.json.created, false)
  // searched by street name
  const found = await officer.post('/api/v1/people/search', { json: { name: 'K-Dog' } })
  assert.equal(found.status, 200, found.text)
  assert.ok(found.json.results.some((p) => p.id === ctx.person), found.text)
  // a grading outside its scale names the field; nothing written
  const before = await writes()
  const bad = await officer.post('/api/v1/people', { json: { names: ['Someone Else-Demo'], nature: 'intelligence', grading: '4/F/X', source: 'Officer sighting (demo)', confirm_new: true } })
  assertProblem(bad, 422)
  assert.ok(bad.json.errors.some((e) => e.field.endsWith('grading')), bad.text)
  assert.equal(await writes(), before)
})

test('links: a self-link, an end before its start and a grading outside its scale are refused, naming the field, nothing written', async () => {
  const before = await writes()
  const self = await officer.post('/api/v1/links', { json: { from: ctx.person, to: ctx.person, kind: 'associate', nature: 'fact', source: 'Officer sighting (demo)' } })
  assertProblem(self, 422)
  assert.ok(self.json.errors.some((e) => e.field === 'to'), self.text)
  const dates = await officer.post('/api/v1/links', { json: { from: ctx.person, to: ctx.low, kind: 'seen_with', from_date: daysAgo(5), to_date: daysAgo(10), nature: 'fact', source: 'Officer sighting (demo)' } })
  assertProblem(dates, 422)
  assert.ok(dates.json.errors.some((e) => e.field === 'to_date'), dates.text)
  const grading = await officer.post('/api/v1/links', { json: { from: ctx.person, to: ctx.low, kind: 'seen_with', nature: 'intelligence', grading: '9/Z/Q', source: 'Officer sighting (demo)' } })
  assertProblem(grading, 422)
  assert.ok(grading.json.errors.some((e) => e.field === 'grading'), grading.text)
  const kind = await officer.post('/api/v1/links', { json: { from: ctx.person, to: ctx.low, kind: 'registered_keeper', nature: 'fact', source: 'Officer sighting (demo)' } })
  assertProblem(kind, 422)
  assert.ok(kind.json.errors.some((e) => e.field === 'kind'), kind.text)
  assert.equal(await writes(), before)
})

test('R-INFO-3: a link to a child the user may not see is refused 404 and audited; nothing written', async () => {
  const mine = await social.post('/api/v1/people', { json: { names: ['Trevor Nash-Demo'], nature: 'fact', source: 'Home visit disclosure (demo)', confirm_new: true } })
  assert.equal(mine.status, 201, mine.text)
  const links = await linkCount()
  const refused = await refusals(srv.db, ctx.high)
  const r = await social.post('/api/v1/links', { json: { from: mine.json.id, to: ctx.high, kind: 'associate', nature: 'fact', source: 'Home visit disclosure (demo)' } })
  assertProblem(r, 404, 'not-found')
  assert.equal(await refusals(srv.db, ctx.high), refused + 1)
  assert.equal(await linkCount(), links)
  // the same answer as for a child that does not exist
  const none = await social.post('/api/v1/links', { json: { from: mine.json.id, to: 'ch_00000000000000000000', kind: 'associate', nature: 'fact', source: 'Home visit disclosure (demo)' } })
  assertProblem(none, 404, 'not-found')
  assert.equal(none.json.detail, r.json.detail)
})

test('R-CAT-7 / R-MASE-9: a category 1 child linked through a person to a category 3 child is flagged with the path', async () => {
  const a = await officer.post('/api/v1/links', { json: { from: ctx.person, to: ctx.low, kind: 'seen_with', from_date: daysAgo(20), nature: 'fact', source: 'Officer sighting (demo)' } })
  assert.equal(a.status, 201, a.text)
  ctx.lowLink = a.json.id
  const b = await officer.post('/api/v1/links', { json: { from: ctx.person, to: ctx.high, kind: 'associate', nature: 'intelligence', grading: '2/B/P', source: 'Officer sighting (demo)' } })
  assert.equal(b.status, 201, b.text)
  const flag = await officer.get(`/api/v1/children/${ctx.low}/network-flag`)
  assert.equal(flag.status, 200, flag.text)
  assert.equal(flag.json.flagged, true, flag.text)
  assert.equal(flag.json.hops, 2)
  assert.deepEqual(flag.json.path.map((n) => n.id), [ctx.low, ctx.person, ctx.high])
  assert.deepEqual(flag.json.link_kinds, ['seen_with', 'associate'])
  assert.equal(flag.json.target.category, 3)
  // on the borough's list for the next MASE meeting
  const cases = await officer.get(`/api/v1/boroughs/${encodeURIComponent(ctx.lowBorough)}/linked-cases`)
  assert.equal(cases.status, 200, cases.text)
  const mine = cases.json.cases.find((c) => c.child_id === ctx.low)
  assert.ok(mine, cases.text)
  assert.deepEqual(mine.path.map((n) => n.id), [ctx.low, ctx.person, ctx.high])
  // a social worker who sees the first child but not the second: no flag, and no trace of it
  const hers = await social.get(`/api/v1/children/${ctx.low}/network-flag`)
  assert.equal(hers.status, 200, hers.text)
  assert.equal(hers.json.flagged, false, hers.text)
  const net = await social.get(`/api/v1/entities/${ctx.low}/network?hops=3`)
  assert.equal(net.status, 200, net.text)
  assert.ok(!JSON.stringify(net.json).includes(ctx.high), net.text)
  assert.ok(net.json.nodes.some((n) => n.id === ctx.person), net.text)
  // the officer's network of the person: both children, the person the most between
  const pn = await officer.get(`/api/v1/entities/${ctx.person}/network?hops=1`)
  assert.equal(pn.status, 200, pn.text)
  const ids = pn.json.nodes.map((n) => n.id)
  assert.ok(ids.includes(ctx.low) && ids.includes(ctx.high), pn.text)
  assert.ok(pn.json.nodes[0].betweenness >= 1, pn.text)
  // filtered to facts only, the intelligence link to the category 3 child drops out
  const facts = await officer.get(`/api/v1/children/${ctx.low}/network-flag?facts_only=true`)
  assert.equal(facts.status, 200, facts.text)
  assert.equal(facts.json.flagged, false, facts.text)
  // a kind that is not one names the field
  const kinds = await officer.get(`/api/v1/entities/${ctx.person}/network?kinds=friend`)
  assertProblem(kinds, 422)
  assert.ok(kinds.json.errors.some((e) => e.field === 'kinds'), kinds.text)
})

test('the partnership networks: the person linked to two children is a serial person of concern', async () => {
  const r = await officer.get('/api/v1/networks?min_size=2')
  assert.equal(r.status, 200, r.text)
  assert.ok(r.json.serial_people.some((s) => s.person.id === ctx.person && s.children.length >= 2), r.text)
  assert.ok(r.json.key_people.some((p) => p.id === ctx.person), r.text)
  assert.ok(r.json.networks.length >= 1)
})

test('a link ended is kept, with its reason, and leaves the network', async () => {
  const end = await officer.post(`/api/v1/links/${ctx.lowLink}/end`, { json: { reason: 'Recorded against the wrong child.' } })
  assert.equal(end.status, 200, end.text)
  assert.ok(end.json.ended_at, end.text)
  assert.equal(end.json.ended_reason, 'Recorded against the wrong child.')
  const again = await officer.post(`/api/v1/links/${ctx.lowLink}/end`, { json: { reason: 'Recorded against the wrong child.' } })
  assert.equal(again.status, 409, again.text)
  const flag = await officer.get(`/api/v1/children/${ctx.low}/network-flag`)
  assert.equal(flag.json.flagged, false, flag.text)
  const all = await officer.get(`/api/v1/entities/${ctx.person}/links?include_ended=true`)
  assert.ok(all.json.links.some((l) => l.id === ctx.lowLink && l.ended_at), all.text)
  const current = await officer.get(`/api/v1/entities/${ctx.person}/links`)
  assert.ok(!current.json.links.some((l) => l.id === ctx.lowLink), current.text)
})

test('R-POI-2 and R-LOC-1: a PNC marker by police, not by a social worker; a hotspot with its rationale', async () => {
  const m = await officer.put(`/api/v1/people/${ctx.person}/pnc-marker`, { json: { status: 'done', note: 'Locate/trace marker placed.' } })
  assert.equal(m.status, 200, m.text)
  assert.equal(m.json.pnc_marker, 'done')
  const no = await social.put(`/api/v1/children/${ctx.low}/pnc-marker`, { json: { status: 'done' } })
  assert.equal(no.status, 403, no.text)
  assert.equal(no.json.rule, 'R-POI-2')
  const place = await officer.post('/api/v1/places', { json: { type: 'takeaway', name: 'Chicken Shack (demo)', borough: 'Northbrook', confirm_new: true } })
  assert.equal(place.status, 201, place.text)
  const noReason = await officer.put(`/api/v1/places/${place.json.id}/hotspot`, { json: { hotspot: true } })
  assertProblem(noReason, 422)
  const hot = await officer.put(`/api/v1/places/${place.json.id}/hotspot`, { json: { hotspot: true, rationale: 'Children found here after three missing episodes.' } })
  assert.equal(hot.status, 200, hot.text)
  assert.equal(hot.json.hotspot, true)
  const list = await officer.get('/api/v1/places?hotspots=true&borough=Northbrook')
  assert.ok(list.json.places.some((p) => p.id === place.json.id), list.text)
})

test('export: entities and links for i2 and nodes and edges for Gephi, formula-safe', async () => {
  const evil = await officer.post('/api/v1/people', { json: { names: ['=HYPERLINK("x") Demo'], nature: 'fact', source: 'Officer sighting (demo)', confirm_new: true } })
  assert.equal(evil.status, 201, evil.text)
  const l = await officer.post('/api/v1/links', { json: { from: evil.json.id, to: ctx.person, kind: 'associate', nature: 'fact', source: 'Officer sighting (demo)' } })
  assert.equal(l.status, 201, l.text)
  const nodes = await officer.get(`/api/v1/exports/network?entity=${ctx.person}&file=nodes`)
  assert.equal(nodes.status, 200, nodes.text)
  assert.match(nodes.headers.get('content-type'), /^text\/csv/)
  assert.match(nodes.headers.get('content-disposition') || '', /nodes\.csv/)
  const lines = nodes.text.split('\r\n')
  assert.equal(lines[0], 'Id,Label,Type,Category,Order')
  assert.ok(lines.some((x) => x.startsWith(`${ctx.person},Kieran Westcott-Demo,person of concern`)), nodes.text)
  assert.ok(nodes.text.includes(`"'=HYPERLINK(""x"") Demo"`), nodes.text)
  const edges = await officer.get(`/api/v1/exports/network?entity=${ctx.person}&file=edges`)
  assert.equal(edges.status, 200, edges.text)
  assert.ok(edges.text.startsWith('Source,Target,Type,Id,Label,Kind,Start,End,Grading,Restricted,Weight\r\n'), edges.text)
  const ent = await officer.get(`/api/v1/exports/network?entity=${ctx.person}&file=entities`)
  assert.ok(ent.text.startsWith('Identity,Entity Type,Label,Category,Order\r\n'), ent.text)
  const links = await officer.get(`/api/v1/exports/network?entity=${ctx.person}&file=links`)
  assert.ok(links.text.startsWith('Link Identity,From Identity,From Entity Type,To Identity,To Entity Type,Link Type,Label,Start Date,End Date,Grading,Restricted,Direction\r\n'), links.text)
  const bad = await officer.get(`/api/v1/exports/network?entity=${ctx.person}&file=xlsx`)
  assertProblem(bad, 422)
  assert.ok(bad.json.errors.some((e) => e.field === 'file'), bad.text)
  // the social worker's export of the low child's network holds nothing she may not see
  const hers = await social.get(`/api/v1/exports/network?entity=${ctx.low}&file=nodes&hops=3`)
  assert.equal(hers.status, 200, hers.text)
  assert.ok(!hers.text.includes(ctx.high), hers.text)
  const audited = await one(srv.db, `SELECT count(*) FROM audit_events WHERE action = 'export' AND entity_type = 'network'`)
  assert.ok(Number(audited) >= 5, audited)
})
