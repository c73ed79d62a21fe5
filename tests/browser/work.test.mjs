// work.test.mjs: "My work" and the missing-now board in a real browser: who is missing
// now comes first on the officer's home with how long and the risk, a list longer than
// a page links to its next page, the board (R-MISS-5) lists every child missing now
// that the user sees with time missing, risk and where last seen, each linked to its
// episode; the record of a child missing now says so in a banner. Checked with
// axe-core, screenshotted at 1280 and 375 px. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, DEMO_PASSWORD, one } from '../api/demo.mjs'
import { born, hoursAgo } from '../api/dates.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

let srv, b, page, missingRef

async function look (name) {
  assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
  await checkA11y(page)
  await screenshot(page, `work-${name}`)
  await page.setViewportSize({ width: 375, height: 800 })
  await checkA11y(page)
  await screenshot(page, `work-${name}-375`)
  await page.setViewportSize({ width: 1280, height: 900 })
}

async function signIn (username) {
  await b.context.clearCookies()
  await page.goto(`${srv.url}/sign-in`)
  await page.fill('#username', username)
  await page.fill('#password', DEMO_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${srv.url}/`)
}

before(async () => {
  srv = await startDemo()
  const officer = await signInAs(srv, 'officer.northbrook')
  for (let i = 0; i < 30; i++) {
    const ch = await officer.post('/api/v1/children', { json: { given_names: 'Board', family_name: `Child${i}-Demo`, date_of_birth: born(14), confirm_new: true } })
    assert.equal(ch.status, 201, ch.text)
    const ep = await officer.post('/api/v1/episodes', { json: { child_id: ch.json.id, missing_from: 'home', classification: 'missing', reported_at: hoursAgo(2 + i), last_seen_at: hoursAgo(3 + i), last_seen_where: 'Northbrook bus station' } })
    assert.equal(ep.status, 201, ep.text)
    if (i === 7) assert.equal((await officer.put(`/api/v1/episodes/${ep.json.id}/risk`, { json: { risk_level: 'high', reason: 'Seen with older males.' } })).status, 200)
  }
  // a record whose child is missing now
  const rec = await one(srv.db, `SELECT r.reference FROM records r JOIN child_agencies ca ON ca.child_id = r.child_id
    JOIN agencies a ON a.id = ca.agency_id AND a.name = 'Northbrook Police (demo)' WHERE r.child_id NOT IN
    (SELECT child_id FROM episodes WHERE status = 'open') LIMIT 1`)
  const child = await one(srv.db, `SELECT child_id FROM records WHERE reference = '${rec}'`)
  const ep = await officer.post('/api/v1/episodes', { json: { child_id: child, missing_from: 'care', classification: 'missing', reported_at: hoursAgo(5), last_seen_at: hoursAgo(6), last_seen_where: 'Northbrook retail park' } })
  assert.equal(ep.status, 201, ep.text)
  missingRef = rec
  b = await launchBrowser()
  page = b.page
})
after(async () => { await b?.close(); await srv?.stop() })

test('who is missing now comes first on the officer\'s home, with time and risk, and pages on', async () => {
  await signIn('officer.northbrook')
  const first = page.locator('main section').first()
  assert.equal(await first.locator('h2').getAttribute('id'), 'work-missing_now')
  const items = first.locator('li.lantern-work-item')
  assert.equal(await items.count(), 25)
  assert.match(await items.first().innerText(), /High risk/)
  assert.match(await items.first().innerText(), /Missing for \d+ hours?/)
  assert.match(await items.first().innerText(), /Northbrook bus station/)
  const next = first.locator('a', { hasText: 'Next page' })
  assert.equal(await next.count(), 1)
  await look('home')
  await Promise.all([page.waitForLoadState('load'), next.click()])
  assert.match(page.url(), /\/missing-now\?page=2$/)
  assert.ok(await page.locator('tbody tr').count() >= 6)
  // any list of my work opens a page at a time
  const res = await page.goto(`${srv.url}/work/steps_outstanding?page=1`)
  assert.equal(res.status(), 200)
  assert.match(await page.locator('h1').innerText(), /essential steps/i)
  assert.match(await page.locator('.govuk-caption-l').innerText(), /page 1 of \d+/)
  await look('section-page')
  assert.equal((await page.goto(`${srv.url}/work/no_such_list`)).status(), 404)
  await page.goto(`${srv.url}/`)
})

test('the missing-now board links each child to the episode', async () => {
  await page.goto(`${srv.url}/`)
  await Promise.all([page.waitForLoadState('load'), page.locator('main a.govuk-button', { hasText: 'Missing now' }).click()])
  assert.equal(new URL(page.url()).pathname, '/missing-now')
  assert.equal(await page.locator('h1').innerText(), 'Missing now')
  const row = page.locator('tbody tr').first()
  assert.match(await row.innerText(), /High risk/)
  assert.match(await row.innerText(), /bus station/)
  assert.equal(await page.locator('tbody tr').count(), 25)
  assert.equal(await page.locator('a[rel=next]').count(), 1)
  await look('board')
  await Promise.all([page.waitForLoadState('load'), row.locator('a').first().click()])
  assert.match(page.url(), /\/episodes\//)
  const res = await page.goto(`${srv.url}/missing-now?page=2`)
  assert.equal(res.status(), 200)
  assert.equal(await page.locator('a[rel=prev]').count(), 1)
})

test('the record of a child missing now says so', async () => {
  await page.goto(`${srv.url}/records/${missingRef}`)
  const banner = page.locator('.lantern-missing-banner')
  assert.equal(await banner.count(), 1)
  assert.match(await banner.innerText(), /missing now: for \d+ hours?/)
  assert.match(await banner.innerText(), /Northbrook retail park/)
  await look('record-banner')
  await Promise.all([page.waitForLoadState('load'), banner.locator('a', { hasText: 'Open the episode' }).click()])
  assert.match(page.url(), /\/episodes\//)
})

test('roles that see no child have no board', async () => {
  await signIn('auditor')
  assert.equal(await page.locator('main a', { hasText: 'Missing now' }).count(), 0)
  const res = await page.goto(`${srv.url}/missing-now`)
  assert.equal(res.status(), 403)
})
