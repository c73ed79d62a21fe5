// admin.test.mjs: user administration and the audit viewer in a real browser. An
// administrator changes a user's details and roles, resets their password (the user
// then has to choose their own before anything else), disables them after a
// confirmation page and lets them in again, and cannot disable themselves or drop their
// own administrator role. An auditor filters the log by username and dates and sees what
// each event changed. Other roles get no administration page. Every page is checked
// with axe and screenshotted at 1280 and 375 px (tables reflow, nothing scrolls
// sideways). Synthetic demo data only.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, sql } from '../api/helpers.mjs'
import { launchBrowser, checkA11y, screenshot, fillDate } from './helpers.mjs'

const DEMO_PASSWORD = 'lantern-demo-2026'

describe('user administration and the audit log', () => {
  let srv, b, page

  async function signIn (username, password = DEMO_PASSWORD, landing = `${srv.url}/`) {
    await b.context.clearCookies()
    await page.goto(`${srv.url}/sign-in`)
    await page.fill('#username', username)
    await page.fill('#password', password)
    await Promise.all([page.waitForURL(landing), page.click('main button[type=submit]')])
  }

  async function submit (label) {
    await Promise.all([page.waitForLoadState('load'), page.click(`main button[type=submit]:has-text("${label}")`)])
  }

  // One h1, a title, axe clean, screenshots at both widths and no sideways scrolling.
  async function look (name, title) {
    if (title) assert.equal(await page.title(), `${title} – Lantern`)
    assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
    await checkA11y(page)
    await screenshot(page, name)
    await page.setViewportSize({ width: 375, height: 740 })
    const wide = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(wide <= 375, `${name} is ${wide}px wide at 375px`)
    await checkA11y(page)
    await screenshot(page, `${name}-375`)
    await page.setViewportSize({ width: 1280, height: 900 })
  }

  before(async () => {
    srv = await startLantern({
      seed: async ({ run }) => {
        await run('demo', '--seed', '3', '--boroughs', '1', '--children', '10')
        await run('user', 'add', 'sam.admintest', '--agency', 'Northbrook Police (demo)', '--role', 'police_officer',
          '--display-name', 'Sam Admintest (synthetic)', '--password-stdin', { input: DEMO_PASSWORD + '\n' })
      }
    })
    b = await launchBrowser()
    page = b.page
    page.setDefaultTimeout(6000)
  })
  after(async () => {
    await b?.close()
    await srv?.stop()
  })

  test('an administrator changes a user, their roles and password, and disables them after confirming', async () => {
    await signIn('admin')
    await page.goto(`${srv.url}/admin/users`)
    await look('admin-users-list', 'Users')
    await Promise.all([page.waitForURL(/\/admin\/users\/sam\.admintest$/), page.click('table a:has-text("Sam Admintest (synthetic)")')])
    await look('admin-user', 'Sam Admintest (synthetic)')

    // details
    await page.fill('#display_name', 'Sam Admintest-Jones (synthetic)')
    await page.fill('#team', 'Missing Persons Unit')
    await submit('Save details')
    assert.match(await page.textContent('.govuk-notification-banner'), /Their details were changed/)
    assert.match(await page.textContent('h1'), /Sam Admintest-Jones/)
    // roles: none ticked is refused in words
    for (const box of await page.locator('input[name=roles]:checked').all()) await box.uncheck()
    await submit('Save roles')
    assert.match(await page.textContent('.govuk-error-summary'), /Give at least one role/)
    await look('admin-user-error', 'Error: Sam Admintest-Jones (synthetic)')
    await page.check('input[name=roles][value=police_officer]')
    await page.check('input[name=roles][value=police_supervisor]')
    await submit('Save roles')
    assert.match(await page.textContent('main dl'), /Police supervisor/)
    // password reset: the user must choose a new one at their next sign-in
    await page.fill('#password', 'a-temporary-pass-phrase')
    await submit('Reset password')
    assert.match(await page.textContent('.govuk-notification-banner'), /must choose a new password/)
    assert.doesNotMatch(await page.content(), /a-temporary-pass-phrase/)
    // disable: asks first
    await Promise.all([page.waitForURL(/\/disable$/), page.click('main a:has-text("Disable")')])
    await look('admin-user-disable', 'Disable Sam Admintest-Jones (synthetic)')
    await Promise.all([page.waitForURL(/\/admin\/users\/sam\.admintest\?done=disabled$/), page.click('main button:has-text("Yes, disable them")')])
    assert.match(await page.textContent('main dl'), /Disabled/)
    const status = (await sql(srv.db, "SELECT status FROM users WHERE username = 'sam.admintest'")).trim()
    assert.equal(status, 'disabled')
    await submit('Let them sign in again')
    assert.match(await page.textContent('.govuk-notification-banner'), /They can sign in again/)

    // their own page: no disabling, no dropping their own administrator role
    await page.goto(`${srv.url}/admin/users/admin`)
    assert.match(await page.textContent('#section-access ~ p'), /You cannot disable your own account/)
    assert.equal(await page.locator('main a:has-text("Disable")').count(), 0)
    await page.uncheck('input[name=roles][value=administrator]')
    await page.check('input[name=roles][value=auditor]')
    await submit('Save roles')
    assert.match(await page.textContent('.govuk-error-summary'), /cannot remove your own administrator role/)
    await page.goto(`${srv.url}/admin/users/admin/disable`)
    assert.match(await page.textContent('main'), /You cannot disable your own account/)
    assert.equal(await page.locator('main button:has-text("Yes, disable them")').count(), 0)

    // the user whose password was reset: a new one first
    await signIn('sam.admintest', 'a-temporary-pass-phrase', `${srv.url}/account/password`)
    await look('account-password-forced', 'Change your password')
    await page.goto(`${srv.url}/`)
    assert.equal(new URL(page.url()).pathname, '/account/password')
    await page.fill('#current_password', 'a-temporary-pass-phrase')
    await page.fill('#new_password', 'sams-own-pass-phrase')
    await page.fill('#confirm_password', 'sams-own-pass-phrase')
    await submit('Change password')
    assert.match(await page.textContent('h1'), /Your password has been changed/)
    await page.goto(`${srv.url}/`)
    assert.equal(await page.title(), 'My work – Lantern')
    // other roles get no administration
    for (const path of ['/admin/users', '/admin/users/admin', '/admin/users/admin/disable']) {
      const res = await page.goto(`${srv.url}${path}`)
      assert.equal(res.status(), 403, path)
    }
  })

  test('an auditor filters by username and dates and sees what each event changed', async () => {
    await signIn('auditor')
    await page.goto(`${srv.url}/audit`)
    await page.click('summary:has-text("Filter events")')
    await page.fill('#username', 'admin')
    const today = new Date().toISOString().slice(0, 10)
    await fillDate(page, 'from', today)
    await fillDate(page, 'to', today)
    await submit('Filter')
    assert.equal(new URL(page.url()).search, '')
    const rows = await page.locator('tbody tr').allTextContents()
    assert.ok(rows.length > 0)
    assert.ok(rows.every((r) => /Demo Administrator|admin/i.test(r)), rows.join('\n'))
    assert.ok(rows.some((r) => /change\s*user[\s\S]*display name, team/.test(r)), 'the change names the fields')
    assert.ok(rows.some((r) => /reset_password/.test(r)))
    await look('audit-by-user', 'Audit log')
    // no such user: said under the field
    await page.fill('#username', 'nobody.like.this')
    await submit('Filter')
    assert.match(await page.textContent('.govuk-error-summary'), /There is no user with the username nobody\.like\.this/)
    // older pages keep the filters (in the form, never in the address)
    assert.doesNotMatch(page.url(), /username|nobody/)
  })
})
