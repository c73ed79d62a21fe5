// details.test.mjs: a child's details and restricted records in a real browser. A
// social worker changes the child's address, school, carers and other names, sees the
// history with what was replaced, and the record shows the new details; a field left
// wrong is said in words under it. Links follow the role: who cannot change details or
// restrict a record is not offered the form. A police supervisor restricts a record from
// its page and lifts it; an officer opens it with a reason; a children's social care
// manager reviews the opening from their work queue. Every page is checked with axe and
// screenshotted at 1280 and 375 px, where its tables reflow. Synthetic demo data only.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, sql } from '../api/helpers.mjs'
import { northbrookRecord } from '../api/demo.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

const DEMO_PASSWORD = 'lantern-demo-2026'

describe('child details and restricted records', () => {
  let srv, b, page, ref, childId

  async function signIn (username) {
    await b.context.clearCookies()
    await page.goto(`${srv.url}/sign-in`)
    await page.fill('#username', username)
    await page.fill('#password', DEMO_PASSWORD)
    await Promise.all([page.waitForURL(`${srv.url}/`), page.click('main button[type=submit]')])
  }

  async function submit (label) {
    await Promise.all([page.waitForLoadState('load'), page.click(`main button[type=submit]:has-text("${label}")`)])
  }

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
        await run('demo', '--seed', '13', '--boroughs', '2', '--children', '30')
        await run('user', 'add', 'manager.northbrook', '--agency', 'Northbrook Children\'s Social Care (demo)',
          '--role', 'csc_manager', '--display-name', 'Demo CSC Manager (Northbrook)', '--password-stdin',
          { input: DEMO_PASSWORD + '\n' })
      }
    })
    ref = await northbrookRecord(srv.db)
    childId = (await sql(srv.db, `SELECT child_id FROM records WHERE reference = '${ref}'`)).trim()
    b = await launchBrowser()
    page = b.page
    page.setDefaultTimeout(6000)
  })
  after(async () => {
    await b?.close()
    await srv?.stop()
  })

  test('a social worker changes the child\'s details; the history keeps what was replaced', async () => {
    await signIn('social.northbrook')
    await page.goto(`${srv.url}/records/${ref}`)
    await Promise.all([page.waitForURL(/\/details$/), page.click('.lantern-actions a:has-text("Change the child\'s details")')])
    await look('child-details', null)
    const oldSchool = await page.inputValue('#school')
    // a wrong postcode: in words, under its field, the rest kept as typed
    await page.fill('#address', '7 Synthetic Gardens')
    await page.fill('#postcode', 'not a code')
    await page.fill('#school', 'Riverside Demo College')
    await submit('Save changes')
    assert.match(await page.textContent('.govuk-error-summary'), /Enter a UK postcode, like N1 1AA/)
    assert.match(await page.textContent('#postcode-error'), /Enter a UK postcode/)
    assert.equal(await page.inputValue('#school'), 'Riverside Demo College')
    await look('child-details-error', null)
    await page.fill('#postcode', 'XX1 9ZZ')
    await page.fill('#carers', 'Jo Example (mother)\nSam Example (step-father)')
    await page.fill('#other_names', 'Ali A\nAlly')
    await page.fill('#reason', 'Moved house and school in the holidays')
    await Promise.all([page.waitForURL(/\/history\?saved=cdc_/), page.click('main button:has-text("Save changes")')])
    assert.match(await page.textContent('.govuk-notification-banner'), /Saved: Address, School, Parents and carers, Other names\./)
    const table = await page.textContent('main table')
    assert.match(table, /7 Synthetic Gardens, XX1 9ZZ/)
    assert.match(table, /Jo Example \(mother\); Sam Example \(step-father\)/)
    if (oldSchool) assert.ok(table.includes(oldSchool), 'the school replaced is kept')
    assert.match(table, /Moved house and school in the holidays/)
    assert.match(table, /Demo Social Worker \(Northbrook\)/)
    await look('child-history', null)
    await page.goto(`${srv.url}/records/${ref}`)
    assert.match(await page.textContent('main'), /Riverside Demo College/)
    assert.match(await page.textContent('main'), /Jo Example \(mother\)/)
    // nothing changed: said so
    await page.goto(`${srv.url}/children/${childId}/details`)
    await submit('Save changes')
    assert.match(await page.textContent('.govuk-error-summary'), /Nothing was changed/)
    // the child's page links to both, and shows the details too
    await page.goto(`${srv.url}/children/${childId}`)
    assert.match(await page.textContent('main'), /Riverside Demo College/)
    assert.equal(await page.locator('main a:has-text("History of the child\'s details")').count(), 1)
  })

  test('links follow the role', async () => {
    await signIn('analyst') // sees every child, changes none
    await page.goto(`${srv.url}/records/${ref}`)
    assert.equal(await page.locator('.lantern-actions a:has-text("Change the child\'s details")').count(), 0)
    assert.equal(await page.locator('.lantern-actions a:has-text("Restrict")').count(), 0)
    assert.equal(await page.locator('.lantern-actions a:has-text("History of the child\'s details")').count(), 1)
    assert.equal((await page.goto(`${srv.url}/children/${childId}/details`)).status(), 403)
    assert.equal((await page.goto(`${srv.url}/records/${ref}/restriction`)).status(), 403)
    await page.goto(`${srv.url}/children/${childId}/history`)
    assert.equal(await page.locator('main a:has-text("Change the child\'s details")').count(), 0)
    await signIn('manager.northbrook')
    await page.goto(`${srv.url}/records/${ref}`)
    assert.equal(await page.locator('.lantern-actions a:has-text("Restrict the record")').count(), 1)
    await signIn('health.riverside') // does not see the child
    assert.equal((await page.goto(`${srv.url}/children/${childId}/history`)).status(), 404)
    assert.equal((await page.goto(`${srv.url}/children/${childId}/details`)).status(), 404)
  })

  test('restrict and lift from the record page; review an opening from the work queue', async () => {
    await signIn('supervisor.northbrook')
    await page.goto(`${srv.url}/records/${ref}`)
    await Promise.all([page.waitForURL(/\/restriction$/), page.click('.lantern-actions a:has-text("Restrict the record")')])
    await look('restriction', `Restriction of record ${ref}`)
    await submit('Restrict the record')
    assert.match(await page.textContent('.govuk-error-summary'), /Enter why the record must be restricted/)
    await page.fill('#reason', 'Linked to a live covert operation (synthetic)')
    await submit('Restrict the record')
    assert.match(await page.textContent('.govuk-notification-banner'), /The record is restricted/)
    assert.match(await page.textContent('h1'), /This record is restricted/)
    await look('restriction-on', `Restriction of record ${ref}`)

    // an officer opens it with a reason
    await signIn('officer.northbrook')
    await page.goto(`${srv.url}/records/${ref}`)
    await page.fill('#purpose', 'Preparing the strategy discussion tomorrow (synthetic)')
    await Promise.all([page.waitForURL(`${srv.url}/records/${ref}`), page.click('main button[type=submit]')])

    // the CSC manager reviews it from the work queue
    await signIn('manager.northbrook')
    const item = page.locator('.lantern-work-item', { hasText: 'Opened by Demo Police Officer (Northbrook)' })
    assert.ok(await item.count() >= 1)
    await Promise.all([page.waitForURL(/\/restricted-access\/rax_/), item.first().locator('a').click()])
    await look('opening-review', 'Review the opening of a restricted record')
    assert.match(await page.textContent('main dl'), /Preparing the strategy discussion tomorrow/)
    await submit('Record the review')
    assert.match(await page.textContent('.govuk-error-summary'), /Enter your review/)
    await page.fill('#note', 'Checked with the officer: a proper reason (synthetic)')
    await submit('Record the review')
    assert.match(await page.textContent('.govuk-notification-banner'), /Your review of this opening was recorded/)
    assert.equal(await page.locator('main button:has-text("Record the review")').count(), 0)

    // the supervisor lifts it
    await signIn('supervisor.northbrook')
    await page.goto(`${srv.url}/records/${ref}/restriction`)
    await submit('Lift the restriction')
    assert.match(await page.textContent('.govuk-notification-banner'), /The restriction is lifted/)
    assert.equal((await sql(srv.db, `SELECT restricted FROM records WHERE reference = '${ref}'`)).trim(), '0')
    await page.goto(`${srv.url}/records/${ref}`)
    assert.match(await page.textContent('.lantern-actions'), /Restrict the record/)
  })

  test('the tables of other pages reflow at 375px too', async () => {
    await signIn('mash.northbrook')
    await page.setViewportSize({ width: 375, height: 740 })
    const episodes = (await sql(srv.db, `SELECT r.reference FROM records r JOIN episodes e ON e.child_id = r.child_id LIMIT 1`)).trim()
    for (const path of [`/records/${episodes || ref}`, `/children/${childId}`, '/admin/agencies']) {
      const res = await page.goto(`${srv.url}${path}`)
      if (res.status() !== 200) continue
      const wide = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(wide <= 375, `${path} is ${wide}px wide`)
    }
    await page.goto(`${srv.url}/children/find`)
    const name = (await sql(srv.db, `SELECT family_name FROM children WHERE id = '${childId}'`)).trim()
    await page.fill('#name', name)
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')])
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375)
    await screenshot(page, 'find-child-results-375')
    await page.setViewportSize({ width: 1280, height: 900 })
  })
})
