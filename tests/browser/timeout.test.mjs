// timeout.test.mjs: the session timeout in a real browser (WCAG 2.2.1 Timing
// Adjustable). With JavaScript, a dialog warns two minutes before the session ends,
// "Stay signed in" extends it without leaving the page, and at the end the dialog says
// so and how to carry on (the page's clock is run forward; the server's is real).
// Without JavaScript, every page says when the session ends and its "Stay signed in"
// form extends it and comes back. And a form sent after the session ended is kept: the
// user signs in again and lands on what it saved. Checked with axe and screenshotted
// at 1280 and 375 px. Synthetic demo data only.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, sql } from '../api/helpers.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

const DEMO_PASSWORD = 'lantern-demo-2026'

describe('session timeout', () => {
  let srv, childId

  before(async () => {
    srv = await startLantern({
      seed: async ({ run }) => { await run('demo', '--seed', '5', '--boroughs', '1', '--children', '20') }
    })
    childId = (await sql(srv.db, 'SELECT child_id FROM records ORDER BY reference LIMIT 1')).trim()
  })
  after(async () => { await srv?.stop() })

  async function signIn (page, username) {
    await page.goto(`${srv.url}/sign-in`)
    await page.fill('#username', username)
    await page.fill('#password', DEMO_PASSWORD)
    await Promise.all([page.waitForURL(`${srv.url}/`), page.click('main button[type=submit]')])
  }

  const lastSeen = async (username) => Number((await sql(srv.db,
    `SELECT max(last_seen_at) FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = '${username}')`)).trim())

  test('with JavaScript: warned two minutes before, stay signed in, then told it ended', async () => {
    const b = await launchBrowser()
    const { page } = b
    page.setDefaultTimeout(5000)
    try {
      await page.clock.install()
      await signIn(page, 'social.northbrook')
      const dialog = page.locator('#lantern-timeout')
      assert.equal(await dialog.isVisible(), false)
      assert.match(await page.textContent('.lantern-session'), /Signed in until \d\d:\d\d/)
      // 12 minutes on: nothing yet; 13 minutes and a bit: the warning
      await page.clock.fastForward('12:00')
      assert.equal(await dialog.isVisible(), false)
      await page.clock.fastForward('01:05')
      await dialog.waitFor({ state: 'visible' })
      assert.match(await dialog.textContent(), /You are about to be signed out/)
      assert.match(await page.textContent('.lantern-timeout__left'), /^1 minute 5\d seconds$/)
      assert.match(await page.textContent('[data-lantern-live]'), /You will be signed out in/)
      // focus is in the dialog, on "Stay signed in"
      assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Stay signed in')
      await checkA11y(page)
      await screenshot(page, 'timeout-warning')
      await page.setViewportSize({ width: 375, height: 740 })
      await screenshot(page, 'timeout-warning-375')
      await page.setViewportSize({ width: 1280, height: 900 })

      // stay signed in: the server moves the end, the page stays
      await sql(srv.db, "UPDATE sessions SET last_seen_at = last_seen_at - 300 WHERE user_id = (SELECT id FROM users WHERE username = 'social.northbrook')")
      const before = await lastSeen('social.northbrook')
      await page.click('[data-lantern-stay]')
      await dialog.waitFor({ state: 'hidden' })
      assert.ok(await lastSeen('social.northbrook') >= before + 300)
      assert.equal(new URL(page.url()).pathname, '/')

      // Escape counts as staying signed in too
      await page.clock.fastForward('13:30')
      await dialog.waitFor({ state: 'visible' })
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })

      // no more use: the dialog says the session ended and how to carry on
      await page.clock.fastForward('13:30')
      await dialog.waitFor({ state: 'visible' })
      await page.clock.fastForward('02:30')
      await page.locator('[data-lantern-ended]').waitFor({ state: 'visible' })
      assert.match(await dialog.textContent(), /You have been signed out/)
      assert.equal(await page.getAttribute('[data-lantern-sign-in]', 'href'), '/sign-in')
      await checkA11y(page)
      await screenshot(page, 'timeout-ended')
      await page.click('[data-lantern-close]')
      await dialog.waitFor({ state: 'hidden' })
      assert.deepEqual(page.problems, [])
    } finally {
      await b.close()
    }
  })

  test('without JavaScript: the pages say when, and "Stay signed in" extends and comes back', async () => {
    const b = await launchBrowser({ javaScriptEnabled: false })
    const { page } = b
    page.setDefaultTimeout(5000)
    try {
      await signIn(page, 'mash.northbrook')
      await page.goto(`${srv.url}/children/${childId}`)
      assert.match(await page.textContent('.lantern-session'), /Signed in until \d\d:\d\d/)
      await sql(srv.db, "UPDATE sessions SET last_seen_at = last_seen_at - 400 WHERE user_id = (SELECT id FROM users WHERE username = 'mash.northbrook')")
      const before = await lastSeen('mash.northbrook')
      await Promise.all([page.waitForLoadState('load'), page.click('.lantern-account button:has-text("Stay signed in")')])
      assert.equal(new URL(page.url()).pathname, `/children/${childId}`)
      assert.ok(await lastSeen('mash.northbrook') >= before + 400)
      await screenshot(page, 'timeout-nojs-strip')
      await page.goto(`${srv.url}/session`)
      assert.equal(await page.title(), 'Your session – Lantern')
      assert.match(await page.textContent('main'), /Your session ends at \d\d:\d\d unless you use Lantern before then/)
      await Promise.all([page.waitForLoadState('load'), page.click('main button:has-text("Stay signed in")')])
      assert.match(await page.textContent('main'), /You will stay signed in/)
      await screenshot(page, 'session-page')
      await page.setViewportSize({ width: 375, height: 740 })
      await screenshot(page, 'session-page-375')
    } finally {
      await b.close()
    }
    // axe needs JavaScript in the page: the same page checked with it on
    const a = await launchBrowser()
    try {
      await signIn(a.page, 'mash.northbrook')
      await a.page.goto(`${srv.url}/session`)
      await checkA11y(a.page)
    } finally {
      await a.close()
    }
  })

  test('a form sent after the session ended is kept and saved once the user signs in again', async () => {
    const b = await launchBrowser()
    const { page } = b
    page.setDefaultTimeout(5000)
    try {
      await signIn(page, 'mash.northbrook')
      await page.goto(`${srv.url}/children/${childId}/details`)
      await page.fill('#school', 'Timeout Test Academy (synthetic)')
      await page.fill('#reason', 'Started at a new school this week')
      // the session ends while the form is being filled in
      await sql(srv.db, "UPDATE sessions SET last_seen_at = last_seen_at - 3000 WHERE user_id = (SELECT id FROM users WHERE username = 'mash.northbrook')")
      await Promise.all([page.waitForLoadState('load'), page.click('main button:has-text("Save changes")')])
      assert.equal(await page.title(), 'Sign in – Lantern')
      assert.match(await page.textContent('.govuk-notification-banner'), /Nothing you typed is lost/)
      assert.equal(await page.inputValue('#username'), 'mash.northbrook')
      await checkA11y(page)
      await screenshot(page, 'timeout-kept-sign-in')
      assert.doesNotMatch(page.url(), /kept/)
      await page.fill('#password', DEMO_PASSWORD)
      await Promise.all([page.waitForURL(/\/history\?saved=/), page.click('main button[type=submit]')])
      assert.match(await page.textContent('.govuk-notification-banner'), /Saved: School/)
      assert.match(await page.textContent('main table'), /Timeout Test Academy \(synthetic\)/)
      assert.match(await page.textContent('main table'), /Started at a new school this week/)
      await checkA11y(page)
      await screenshot(page, 'timeout-kept-saved')
      const problems = page.problems.filter((p) => !/status of 401/.test(p))
      assert.deepEqual(problems, [])
    } finally {
      await b.close()
    }
  })
})
