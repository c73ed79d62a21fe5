// episode.test.mjs: R-MISS-6 through the API: the return interviewer is refused when
// the episode names them as a parent or carer of the child or as someone the child
// was with (last seen with, found with), under whatever spacing or case the name is
// written in; anyone independent is accepted. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, assertProblem } from './demo.mjs'
import { born, hoursAgo } from './dates.mjs'

let srv, officer, path

before(async () => {
  srv = await startDemo()
  officer = await signInAs(srv, 'officer.northbrook')
  const ch = await officer.post('/api/v1/children', { json: { given_names: 'Indigo', family_name: 'Interview-Demo', date_of_birth: born(15), confirm_new: true } })
  assert.equal(ch.status, 201, ch.text)
  const ep = await officer.post('/api/v1/episodes', {
    json: {
      child_id: ch.json.id,
      missing_from: 'home',
      classification: 'missing',
      reported_at: hoursAgo(10),
      last_seen_at: hoursAgo(11),
      last_seen_where: 'Northbrook bus station',
      last_seen_with: ['Jay Demo-Smith'],
      parents_carers: ['Pat Interview-Demo']
    }
  })
  assert.equal(ep.status, 201, ep.text)
  path = `/api/v1/episodes/${ep.json.id}`
  const ret = await officer.post(`${path}/return`, { json: { returned_at: hoursAgo(2), where: 'Demo Shopping Centre', with: ['Demo Friend'] } })
  assert.equal(ret.status, 200, ret.text)
  const sw = await officer.post(`${path}/safe-and-well`, { json: { where_found: 'Demo Shopping Centre', found_with: ['Demo Friend'], what_happened: 'Stayed with a friend; no harm reported.' } })
  assert.equal(sw.status, 201, sw.text)
})
after(async () => { await srv?.stop() })

const offer = (interviewer) => officer.post(`${path}/return-interview`, { json: { interviewer, child_asked: true, child_preference: 'Someone from the charity' } })

test('R-MISS-6: the interviewer is not someone the child was with', async () => {
  for (const name of ['Jay Demo-Smith', 'jay  demo-smith', 'Demo Friend']) {
    const res = await offer(name)
    assertProblem(res, 422, 'protocol-rule', 'R-MISS-6')
    assert.match(res.json.detail || res.text, /someone the child was with/)
  }
})

test('R-MISS-6: nor a parent or carer named in the episode; someone independent is accepted', async () => {
  assertProblem(await offer('Pat Interview-Demo'), 422, 'protocol-rule', 'R-MISS-6')
  const ok = await offer('Demo Youth Worker')
  assert.equal(ok.status, 201, ok.text)
})
