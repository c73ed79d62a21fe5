// sign_in.test.mjs: a real browser signs in, sees the home page and signs out; each
// page is checked with axe-core (no serious or critical violations), has no console
// errors (a Content-Security-Policy violation would be one) and is screenshotted.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, seedPartnership, USERS, PASSWORD } from '../api/helpers.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

describe('signing in with a browser', () => {
  let srv, b
  before(async () => {
    srv = await startLantern({ seed: seedPartnership })
    b = await launchBrowser()
  })
  after(async () => {
    await b?.close()
    await srv?.stop()
  })

  test('sign in, see home, sign out: accessible, no console errors', async () => {
    const { page } = b
    await page.goto(`${srv.url}/`)
    assert.equal(new URL(page.url()).pathname, '/sign-in')
    assert.equal(await page.title(), 'Sign in – Lantern')
    // GOV.UK Frontend started from the module script (no inline script needed).
    await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'))
    await checkA11y(page)
    await screenshot(page, 'sign-in')

    await page.fill('#username', USERS.social.username)
    await page.fill('#password', 'not-the-right-password')
    await page.click('button[type=submit]')
    await page.waitForSelector('.govuk-error-summary')
    assert.equal(await page.title(), 'Error: Sign in – Lantern')
    assert.match(await page.textContent('.govuk-error-summary'), /Enter a correct username and password/)
    await checkA11y(page)
    await screenshot(page, 'sign-in-error')

    await page.fill('#password', PASSWORD)
    await page.click('button[type=submit]')
    await page.waitForURL(`${srv.url}/`)
    assert.equal(await page.title(), 'My work – Lantern')
    const text = await page.textContent('main')
    assert.ok(text.includes(USERS.social.display))
    assert.ok(text.includes(USERS.social.agency))
    assert.match(await page.textContent('.govuk-service-navigation'), /Sign out/)
    await checkA11y(page)
    await screenshot(page, 'home')

    const cookies = await b.context.cookies()
    const session = cookies.find((c) => c.name === 'lantern')
    assert.ok(session.httpOnly)
    assert.equal(session.sameSite, 'Strict')

    await page.click('text=Sign out')
    await page.waitForURL(`${srv.url}/sign-in`)
    // The wrong-password page is answered 401 on purpose; anything else (a script
    // error, a CSP violation, a missing file) is a problem.
    const problems = page.problems.filter((p) => !/status of 401/.test(p))
    assert.deepEqual(problems, [])
  })

  test('the keyboard reaches the skip link first', async () => {
    const { page } = b
    await page.goto(`${srv.url}/sign-in`)
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => document.activeElement.className)
    assert.match(focused, /govuk-skip-link/)
  })

  test('works without JavaScript', async () => {
    const nojs = await launchBrowser({ javaScriptEnabled: false })
    try {
      const { page } = nojs
      await page.goto(`${srv.url}/sign-in`)
      await page.fill('#username', USERS.police.username)
      await page.fill('#password', PASSWORD)
      await page.click('button[type=submit]')
      await page.waitForURL(`${srv.url}/`)
      assert.ok((await page.textContent('main')).includes(USERS.police.display))
      // axe needs JavaScript in the page, so the accessibility check is the one above
      // on the same pages with JavaScript on.
      await screenshot(page, 'home-no-js')
    } finally {
      await nojs.close()
    }
  })
})
