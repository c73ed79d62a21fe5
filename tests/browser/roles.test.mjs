// roles.test.mjs: links follow the role. Signs in as every demo role, follows every
// link of their home page, and of a record page where the role sees one, and fails on
// any answer of 403, 404 or 500: no one is offered what they may not open (an officer
// is not offered the supervisor review, a school nurse no category decision). Roles
// without work of their own are told what they can do and given their pages (the MASE
// chair and the analyst the borough's meetings, board report, networks and people of
// concern; the administrator the matching model and held imported rows). The referral
// page offers the MASH its evaluation and shows it once made; a corrected entry shows
// its reason on the record and on the printed record. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, ROLE_USERS, DEMO_PASSWORD, northbrookRecord } from '../api/demo.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

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

async function look (name) {
  assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
  await checkA11y(page)
  await screenshot(page, `roles-${name}`)
}

async function homeHrefs () {
  return page.locator('.lantern-role-links a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
}

test('R-MASE-1, R-RPT-1: the chair and the analyst are given their pages; the administrator theirs', async () => {
  for (const user of ['chair.northbrook', 'analyst']) {
    await signIn(user)
    const hrefs = await homeHrefs()
    assert.ok(hrefs.some((h) => /^\/boroughs\/[^/]+\/mase$/.test(h)), `${user}: ${hrefs}`)
    assert.ok(hrefs.some((h) => /^\/boroughs\/[^/]+\/board-report$/.test(h)), `${user}: ${hrefs}`)
    assert.ok(hrefs.includes('/networks') && hrefs.includes('/people/find'), `${user}: ${hrefs}`)
    assert.ok(!hrefs.includes('/admin/matching') && !hrefs.includes('/imports/held'))
    await look(`home-${user.split('.')[0]}`)
  }
  await signIn('chair.northbrook') // a borough's chair: their own borough only
  assert.equal((await homeHrefs()).filter((h) => h.endsWith('/mase')).length, 1)
  await signIn('admin')
  assert.deepEqual(await homeHrefs(), ['/admin/matching', '/imports/held'])
  await look('home-admin')
  await signIn('manager.northbrook')
  assert.deepEqual(await homeHrefs(), ['/imports/held'])
  for (const user of ['officer.northbrook', 'auditor', 'school.northbrook']) {
    await signIn(user)
    assert.deepEqual(await homeHrefs(), [], user)
  }
  // the menu offers people of concern only to those who may open it
  await signIn('auditor')
  assert.equal(await page.locator('#navigation a[href="/people/find"]').count(), 0)
  await signIn('analyst')
  assert.equal(await page.locator('#navigation a[href="/people/find"]').count(), 1)
})

test('R-PATH-3: the referral page offers the MASH its evaluation, then shows it', async () => {
  await signIn('mash.northbrook')
  const evalHref = await page.locator('main a[href$="/evaluate"]').first().getAttribute('href')
  const id = evalHref.split('/')[2]
  await page.goto(`${srv.url}/referrals/${id}`)
  assert.match(await page.locator('main').innerText(), /The MASH's decision is due/)
  assert.equal(await page.locator(`main a[href="/referrals/${id}/evaluate"]`, { hasText: 'Evaluate this referral' }).count(), 1)
  assert.equal(await page.locator('main ol li', { hasText: 'Evaluate the referral.' }).count(), 1)
  await look('referral-awaiting-mash')
  // another role that sees the referral is told when it is due, not offered the evaluation
  await signIn('supervisor.northbrook')
  if ((await page.goto(`${srv.url}/referrals/${id}`)).status() === 200) {
    assert.equal(await page.locator('main a', { hasText: 'Evaluate this referral' }).count(), 0)
  }
  await signIn('mash.northbrook')
  await page.goto(`${srv.url}/referrals/${id}`)
  await Promise.all([page.waitForLoadState('load'), page.click('main a:has-text("Evaluate this referral")')])
  await page.check('input[name=outcome][value=early_help]')
  await page.fill('#rationale', 'Gifts and older males; the family agree to early help (synthetic).')
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')])
  await page.goto(`${srv.url}/referrals/${id}`)
  const ev = await page.locator('.lantern-mash-evaluation').innerText()
  assert.match(ev, /Early help/i)
  assert.match(ev, /the family agree to early help/)
  assert.match(ev, /On time|Late/)
  assert.match(ev, /\d{1,2} [A-Z][a-z]+ \d{4}/) // when, in UK form
  assert.equal(await page.locator('main a', { hasText: 'Evaluate this referral' }).count(), 0)
  assert.equal(await page.locator('main ol li', { hasText: 'Evaluate the referral.' }).count(), 0, 'no longer a step to do')
  assert.doesNotMatch(await page.locator('main').innerText(), /\d{4}-\d{2}-\d{2}/) // UK dates only
  await look('referral-evaluated')
})

test('R-REC-6: a corrected entry shows its reason on the record and the printed record', async () => {
  await signIn('officer.northbrook')
  await page.goto(`${srv.url}/records/${ref}/entries/new`)
  await page.check('#nature')
  await page.fill('#people_involved', 'the child')
  await page.fill('#text', 'Seen at the library at 19:00 (synthetic).')
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]:has-text("Add entry")')])
  const entry = page.locator('.lantern-timeline__entry', { hasText: 'Seen at the library at 19:00' })
  await Promise.all([page.waitForLoadState('load'), entry.locator('a', { hasText: 'Correct' }).click()])
  await page.fill('#reason', 'The time was wrong (synthetic).')
  await page.fill('#text', 'Seen at the library at 20:00 (synthetic).')
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]:has-text("Save the correction")')])
  await page.goto(`${srv.url}/records/${ref}`)
  const fixed = page.locator('.lantern-timeline__entry', { hasText: 'Seen at the library at 20:00' })
  assert.equal((await fixed.locator('.lantern-correction-reason').innerText()).trim(), 'Corrected: The time was wrong (synthetic).')
  const old = page.locator('.lantern-timeline__entry', { hasText: 'Seen at the library at 19:00' })
  assert.equal(await old.locator('.lantern-correction-reason').count(), 0)
  await fixed.scrollIntoViewIfNeeded()
  await look('record-correction-reason')
  await page.goto(`${srv.url}/records/${ref}/print`)
  const row = page.locator('.lantern-print-entry', { hasText: 'Seen at the library at 20:00' })
  assert.match(await row.innerText(), /Corrected: The time was wrong \(synthetic\)\./)
  await look('print-correction-reason')
})
