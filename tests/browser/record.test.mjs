// record.test.mjs: the record page is bounded. Each of its lists (chronology,
// referrals, episodes, children missing together) shows the most relevant first and at
// most 20, with a link to the rest a page at a time. Checked with axe-core,
// screenshotted at 1280 and 375 px. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, DEMO_PASSWORD, northbrookRecord, one, refusals } from '../api/demo.mjs'
import { ago, born, hoursAgo } from '../api/dates.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

let srv, b, page, ref

async function look (name) {
  assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
  await checkA11y(page)
  await screenshot(page, `record-${name}`)
  await page.setViewportSize({ width: 375, height: 800 })
  await checkA11y(page)
  await screenshot(page, `record-${name}-375`)
  await page.setViewportSize({ width: 1280, height: 900 })
}

before(async () => {
  srv = await startDemo()
  ref = await northbrookRecord(srv.db)
  const child = await one(srv.db, `SELECT child_id FROM records WHERE reference = '${ref}'`)
  const sup = await signInAs(srv, 'supervisor.northbrook')
  for (let i = 0; i < 30; i++) {
    const e = await sup.post(`/api/v1/records/${ref}/entries`, { json: { occurred_at: ago(40 - i, '10:00'), nature: 'fact', people_involved: ['the child'], text: `Bounded entry number ${i} (synthetic).` } })
    assert.equal(e.status, 201, e.text)
  }
  // the child and 24 others missing from the same place at the same time
  const ep = await sup.post('/api/v1/episodes', { json: { child_id: child, missing_from: 'home', classification: 'missing', reported_at: hoursAgo(30), last_seen_at: hoursAgo(31), last_seen_where: 'Northbrook skate park' } })
  assert.equal(ep.status, 201, ep.text)
  for (let i = 0; i < 24; i++) {
    const ch = await sup.post('/api/v1/children', { json: { given_names: 'Together', family_name: `Child${i}-Demo`, date_of_birth: born(14), confirm_new: true } })
    assert.equal(ch.status, 201, ch.text)
    const o = await sup.post('/api/v1/episodes', { json: { child_id: ch.json.id, missing_from: 'home', classification: 'missing', reported_at: hoursAgo(29), last_seen_at: hoursAgo(31), last_seen_where: 'Northbrook skate park', last_seen_with: [{ name: 'the other child', child_id: child }] } })
    assert.equal(o.status, 201, o.text)
  }
  b = await launchBrowser()
  page = b.page
  await page.goto(`${srv.url}/sign-in`)
  await page.fill('#username', 'supervisor.northbrook')
  await page.fill('#password', DEMO_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${srv.url}/`)
})
after(async () => { await b?.close(); await srv?.stop() })

test('the chronology shows the newest 20 and pages the rest', async () => {
  await page.goto(`${srv.url}/records/${ref}`)
  const entries = page.locator('#chronology ~ ol.lantern-timeline').first().locator('li')
  assert.equal(await entries.count(), 20)
  assert.match(await entries.filter({ hasText: 'Bounded entry' }).first().innerText(), /Bounded entry number 29/)
  const more = page.locator('a', { hasText: /See all \d+ entries of the chronology/ })
  assert.equal(await more.count(), 1)
  await look('page')
  await Promise.all([page.waitForLoadState('load'), more.click()])
  assert.match(page.url(), /\/list\/chronology$/)
  assert.equal(await page.locator('ol.lantern-timeline li').count(), 20)
  await look('chronology-1')
  await Promise.all([page.waitForLoadState('load'), page.locator('a[rel=next]').click()])
  assert.ok(await page.locator('ol.lantern-timeline li').count() >= 10)
  assert.match(await page.locator('main').innerText(), /Bounded entry number 0 /)
})

test('children missing together: at most 20 on the record, the rest a page at a time', async () => {
  await page.goto(`${srv.url}/records/${ref}`)
  const co = page.locator('h3:has-text("Children missing together") + ul li')
  assert.equal(await co.count(), 20)
  const more = page.locator('a', { hasText: /See all \d+ children missing together/ })
  assert.equal(await more.count(), 1)
  await Promise.all([page.waitForLoadState('load'), more.click()])
  assert.match(page.url(), /\/list\/missing-together$/)
  assert.equal(await page.locator('h3:has-text("Children missing together") + ul li').count(), 20)
  await look('together-1')
  await Promise.all([page.waitForLoadState('load'), page.locator('a[rel=next]').click()])
  assert.ok(await page.locator('h3:has-text("Children missing together") + ul li').count() >= 4)
  assert.equal((await page.goto(`${srv.url}/records/${ref}/list/nothing`)).status(), 404)
})

// The page goes out only once its views are in the audit log (the record and the child's
// episodes, at every showing, as GET /api/v1/records/{ref} does); a refusal is logged
// too, and the audit chain still verifies.
test('every showing of the page is audited, a refusal too, and the chain verifies', async () => {
  const user = await one(srv.db, "SELECT id FROM users WHERE username = 'supervisor.northbrook'")
  const child = await one(srv.db, `SELECT child_id FROM records WHERE reference = '${ref}'`)
  const views = async () => Number(await one(srv.db, `SELECT count(*) FROM audit_events
    WHERE user_id = '${user}' AND action = 'view' AND ((entity_type = 'record' AND record_ref = '${ref}')
      OR (entity_type = 'child_episodes' AND entity_id = '${child}'))`))
  const before = await views()
  for (let i = 0; i < 3; i++) assert.equal((await page.goto(`${srv.url}/records/${ref}`)).status(), 200)
  assert.equal(await views(), before + 6)
  const riverside = await signInAs(srv, 'officer.riverside')
  const refused = await refusals(srv.db, ref)
  assert.equal((await riverside.get(`/records/${ref}`)).status, 404)
  assert.equal(await refusals(srv.db, ref), refused + 1)
  const auditor = await signInAs(srv, 'auditor')
  const v = await auditor.get('/api/v1/audit?limit=1&verify=true')
  assert.equal(v.status, 200, v.text)
  assert.equal(v.json.chain.intact, true, v.text)
})
