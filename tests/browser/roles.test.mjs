// roles.test.mjs: links follow the role. Signs in as every demo role, follows every
// link of their home page, and of a record page where the role sees one, and fails on
// any answer of 403, 404 or 500: no one is offered what they may not open (an officer
// is not offered the supervisor review, a school nurse no category decision). Roles
// without work of their own are told what they can do. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, ROLE_USERS, DEMO_PASSWORD, northbrookRecord } from '../api/demo.mjs'
import { launchBrowser } from './helpers.mjs'

let srv, b, page, ref

async function signIn (username) {
  await b.context.clearCookies()
  await page.goto(`${srv.url}/sign-in`)
  await page.fill('#username', username)
  await page.fill('#password', DEMO_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${srv.url}/`)
}

// The same-site links of the page's main content (no fragments, no static files).
async function links () {
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  return [...new Set(hrefs.filter((h) => h.startsWith('/') && !h.startsWith('/static/')).map((h) => h.split('#')[0]).filter(Boolean))]
}

async function walk (from, bad) {
  for (const href of await links()) {
    const res = await page.goto(`${srv.url}${href}`)
    const status = res.status()
    if ([403, 404, 500].includes(status)) bad.push(`${from} -> ${href}: ${status}`)
  }
}

before(async () => {
  srv = await startDemo()
  ref = await northbrookRecord(srv.db)
  b = await launchBrowser()
  page = b.page
})
after(async () => { await b?.close(); await srv?.stop() })

test('every link on every role\'s home and record page opens', async () => {
  const bad = []
  for (const [role, user] of Object.entries(ROLE_USERS)) {
    await signIn(user)
    await walk(`${role} home`, bad)
    const rec = await page.goto(`${srv.url}/records/${ref}`)
    if (rec.status() === 200) await walk(`${role} record`, bad)
  }
  assert.deepEqual(bad, [])
})

test('roles without work of their own are told what they can do', async () => {
  for (const [user, words] of [['analyst', /analyst/], ['chair.northbrook', /MASE chair/], ['auditor', /audit log/], ['admin', /users and agencies/]]) {
    await signIn(user)
    assert.match(await page.locator('.lantern-role-help').innerText(), words)
  }
  await signIn('officer.northbrook')
  assert.equal(await page.locator('.lantern-role-help').count(), 0)
})

test('an officer is not offered the supervisor review; a school nurse no category decision', async () => {
  await signIn('officer.northbrook')
  await page.goto(`${srv.url}/records/${ref}`)
  assert.equal(await page.locator('a', { hasText: 'Supervisor review' }).count(), 0)
  assert.equal(await page.locator('a', { hasText: 'Category decision' }).count(), 1)
  await signIn('supervisor.northbrook')
  await page.goto(`${srv.url}/records/${ref}`)
  assert.equal(await page.locator('a', { hasText: 'Supervisor review' }).count(), 1)
  await signIn('health.northbrook')
  const res = await page.goto(`${srv.url}/records/${ref}`)
  if (res.status() === 200) assert.equal(await page.locator('a', { hasText: 'Category decision' }).count(), 0)
})
