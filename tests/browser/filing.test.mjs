// filing.test.mjs: a child found by search can be acted on by any practitioner (any
// practitioner may refer or report a child, docs/decisions.md), showing only what they
// may see (R-INFO-3: filing never grants access). A school user of another borough
// finds a Northbrook child: the name opens a page with only what tells the child apart
// and the two ways to file; "File a referral" and "Report missing" open their forms;
// the missing report is filed and acknowledged, and the record stays hidden. Checked
// with axe-core, screenshotted at 1280 and 375 px. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, DEMO_PASSWORD, northbrookRecord, one } from '../api/demo.mjs'
import { launchBrowser, checkA11y, screenshot, fillDate } from './helpers.mjs'

let srv, b, page, ref, childId, family, dob

async function search () {
  await page.goto(`${srv.url}/children/find`)
  await page.fill('#name', family)
  await fillDate(page, 'date_of_birth', dob)
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')])
}

async function look (name) {
  assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
  await checkA11y(page)
  await screenshot(page, `filing-${name}`)
  await page.setViewportSize({ width: 375, height: 800 })
  await checkA11y(page)
  await screenshot(page, `filing-${name}-375`)
  await page.setViewportSize({ width: 1280, height: 900 })
}

before(async () => {
  srv = await startDemo()
  ref = await northbrookRecord(srv.db)
  childId = await one(srv.db, `SELECT child_id FROM records WHERE reference = '${ref}'`)
  family = await one(srv.db, `SELECT family_name FROM children WHERE id = '${childId}'`)
  dob = await one(srv.db, `SELECT date_of_birth FROM children WHERE id = '${childId}'`)
  b = await launchBrowser()
  page = b.page
  await page.goto(`${srv.url}/sign-in`)
  await page.fill('#username', 'school.riverside')
  await page.fill('#password', DEMO_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${srv.url}/`)
})
after(async () => { await b?.close(); await srv?.stop() })

test('a child of another borough found by search: name, referral and missing report all open', async () => {
  await search()
  const row = page.locator('tbody tr', { has: page.locator(`a[href="/children/${childId}"]`) })
  assert.equal(await row.count(), 1, 'the child is in the results, linked')
  assert.match(await row.innerText(), /Not shown to your agency/)
  assert.doesNotMatch(await row.innerText(), new RegExp(ref))
  await look('results')
  // the name
  await Promise.all([page.waitForLoadState('load'), row.locator(`a[href="/children/${childId}"]`).click()])
  assert.equal(new URL(page.url()).pathname, `/children/${childId}`)
  const main = await page.locator('main').innerText()
  assert.match(main, /does not see this child's record/)
  assert.doesNotMatch(main, new RegExp(ref))
  assert.doesNotMatch(main, /Northbrook/)
  await look('child')
  // File a referral
  const refer = await page.goto(`${srv.url}/children/${childId}/referrals/new`)
  assert.equal(refer.status(), 200)
  assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(ref))
  // Report missing, filed and acknowledged
  await search()
  const rep = page.locator('tbody tr', { has: page.locator(`a[href="/children/${childId}"]`) }).locator('a', { hasText: 'Report missing' })
  await Promise.all([page.waitForLoadState('load'), rep.click()])
  assert.equal(new URL(page.url()).pathname, `/children/${childId}/missing/new`)
  await look('report')
  await page.check('input[name=missing_from][value=school]')
  await page.fill('#last_seen_where', 'Riverside Academy (demo) gates')
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')])
  assert.match(page.url(), /\/episodes\//)
  assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(ref))
  // and the record stays hidden
  const rec = await page.goto(`${srv.url}/records/${ref}`)
  assert.equal(rec.status(), 404)
})
