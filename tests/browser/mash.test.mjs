// mash.test.mjs: the MASH evaluates a referral in a real browser (R-PATH-3): a school
// nurse's referral about a child without a social worker waits on the MASH worker's
// "My work" with its one-working-day clock; the evaluation page leads with the facts,
// names the missing fields under them, records the outcome and shows it after; another
// role is refused the page. Checked with axe-core, screenshotted at 1280 and 375 px.
// Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, DEMO_PASSWORD } from '../api/demo.mjs'
import { born, daysAgo } from '../api/dates.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

let srv, b, page, referral

async function look (name) {
  assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
  await checkA11y(page)
  await screenshot(page, `mash-${name}`)
  await page.setViewportSize({ width: 375, height: 800 })
  await checkA11y(page)
  await screenshot(page, `mash-${name}-375`)
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
  const nurse = await signInAs(srv, 'health.northbrook')
  const ch = await nurse.post('/api/v1/children', { json: { given_names: 'Rowan', family_name: 'Evaluate-Demo', date_of_birth: born(13), confirm_new: true } })
  assert.equal(ch.status, 201, ch.text)
  const r = await nurse.post('/api/v1/referrals', {
    json: {
      child_id: ch.json.id,
      circumstances: 'Collected from school by older males in a car.',
      signs: [{ code: 'gifts_money', evidence: 'A new phone, not explained.', seen_on: daysAgo(2) }],
      rationale: 'Unexplained gifts and older males.',
      people_involved: ['the child']
    }
  })
  assert.equal(r.status, 201, r.text)
  referral = r.json.referral_id
  b = await launchBrowser()
  page = b.page
})
after(async () => { await b?.close(); await srv?.stop() })

test('the MASH worker evaluates a referral from My work', async () => {
  await signIn('mash.northbrook')
  const row = page.locator('section[aria-labelledby=work-referrals_mash] li.lantern-work-item', { hasText: 'Rowan Evaluate-Demo' })
  assert.equal(await row.count(), 1)
  const item = row.locator('a')
  assert.match(await row.innerText(), /Decision due/)
  assert.match(await row.innerText(), /On time|Due soon|Overdue/)
  await look('home')
  await Promise.all([page.waitForLoadState('load'), item.click()])
  assert.equal(new URL(page.url()).pathname, `/referrals/${referral}/evaluate`)
  const facts = await page.locator('dl.govuk-summary-list').innerText()
  assert.match(facts, /Rowan Evaluate-Demo/)
  assert.match(facts, /Decision due/)
  assert.match(facts, /Collected from school/)
  await look('evaluate')
  // nothing chosen: the errors name the fields
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')])
  assert.match(await page.locator('.govuk-error-summary').innerText(), /outcome/i)
  await look('evaluate-errors')
  await page.check('input[name=outcome][value=early_help]')
  await page.fill('#rationale', 'Gifts and older males; the family agree to early help.')
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')])
  assert.equal(await page.locator('h1').innerText(), 'Referral evaluated')
  const done = await page.locator('dl.govuk-summary-list').innerText()
  assert.match(done, /Early help/)
  assert.match(done, /within one working day/)
  await look('evaluated')
  await page.goto(`${srv.url}/`)
  assert.equal(await page.locator('section[aria-labelledby=work-referrals_mash] li', { hasText: 'Rowan Evaluate-Demo' }).count(), 0)
})

test('another role is refused the evaluation page', async () => {
  await signIn('school.northbrook')
  const res = await page.goto(`${srv.url}/referrals/${referral}/evaluate`)
  assert.equal(res.status(), 403)
})
