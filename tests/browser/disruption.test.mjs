// disruption.test.mjs: disrupting those who exploit children, in a real browser, on a
// synthetic demo partnership made once for this file: a Sexual Risk Order recorded from
// its application to service on the person's page, with the outcome code appearing
// (R-ORD-4, R-OUT-5), a breach dated before the order refused with the rule named under
// its field (R-ORD-3); the tactical options checklist on the record (R-ORD-5); the
// action plan, and an overdue action in a supervisor's queue closed from there
// (R-MASE-7, R-DL-9); the pages as each role that uses them sees them. Every page is
// checked with axe-core and screenshotted at 1280 px and 375 px.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, sql } from '../api/helpers.mjs'
import { launchBrowser, checkA11y, screenshot, fillDate } from './helpers.mjs'
import { daysAgo } from '../api/dates.mjs'

const DEMO_PASSWORD = 'lantern-demo-2026'

describe('disruption in a browser', () => {
  let srv, b, page, person, ref

  // Checks the current page (one h1, its title, axe) and screenshots it at both widths.
  async function look (name, title) {
    if (title) assert.equal(await page.title(), `${title} – Lantern`)
    assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
    await checkA11y(page)
    await screenshot(page, `disruption-${name}`)
    await page.setViewportSize({ width: 375, height: 800 })
    await checkA11y(page)
    await screenshot(page, `disruption-${name}-375`)
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

  async function submit (label) {
    await Promise.all([page.waitForLoadState('load'), page.click(`main button[type=submit]:has-text("${label}")`)])
  }

  before(async () => {
    srv = await startLantern({
      seed: async ({ run }) => { await run('demo', '--seed', '7', '--boroughs', '1', '--children', '40') }
    })
    b = await launchBrowser()
    page = b.page
    page.setDefaultTimeout(5000)
    // a person of concern linked to a child with a record, and that record
    const row = (await sql(srv.db, `SELECT p.id || '|' || r.reference FROM people p JOIN links l ON l.from_id = p.id
      JOIN records r ON r.child_id = l.to_child_id ORDER BY p.label LIMIT 1`)).trim()
    ;[person, ref] = row.split('|')
  })
  after(async () => {
    await b?.close()
    await srv?.stop()
  })

  test('a Sexual Risk Order from application to service; the outcome code appears', async () => {
    await signIn('supervisor.northbrook')
    await page.goto(`${srv.url}/people/${person}/orders`)
    await look('person-orders', null)
    assert.match(await page.textContent('main'), /Outcome codes/)

    await page.click('main a:has-text("Record an order or notice")')
    await look('order-new', 'Record an order or notice')
    await page.check('input[name=type][value=sro]')
    await page.check('input[name=status][value=applied]')
    await fillDate(page, 'applied_on', daysAgo(40))
    await submit('Record the order')
    await page.waitForURL(/\/orders\/dsr_/)
    assert.match(await page.textContent('h1'), /Sexual Risk Order\s+Applied for/)
    assert.equal(await page.locator('#outcome-code').count(), 0, 'no outcome code before service')
    await look('order-applied', 'Sexual Risk Order')

    await page.click('main a:has-text("Record a change")')
    await look('order-change', 'Record a change to the order')
    await page.check('input[name=status][value=made]')
    await fillDate(page, 'made_on', daysAgo(30))
    await fillDate(page, 'ends_on', daysAgo(30 - 800))
    await submit('Record the change')
    await page.waitForURL(/\/orders\/dsr_[^/]+$/)
    assert.match(await page.textContent('h1'), /Made by the court/)

    await page.click('main a:has-text("Record a change")')
    await page.check('input[name=status][value=served]')
    await fillDate(page, 'served_at', daysAgo(29), '11:30')
    await page.fill('#serving_officer', 'PC 2718 Demo')
    await submit('Record the change')
    await page.waitForURL(/\/orders\/dsr_[^/]+$/)
    assert.match(await page.textContent('h1'), /Served/)
    assert.match(await page.textContent('#outcome-code'), /^FP/)
    assert.match(await page.textContent('main'), /name and address notified/i) // R-DL-4
    await look('order-served', 'Sexual Risk Order')

    // R-ORD-3: a breach before the order is refused, the rule named under the field
    await page.click('main a:has-text("Record a change")')
    await page.check('input[name=status][value=breached]')
    await fillDate(page, 'breach_on', daysAgo(35))
    await submit('Record the change')
    assert.match(await page.textContent('.govuk-error-summary'), /R-ORD-3/)
    assert.match(await page.textContent('#breach_on-error'), /breach cannot be before/i)
    await look('order-breach-refused', 'Error: Record a change to the order')

    await page.goto(`${srv.url}/people/${person}/orders`)
    assert.match(await page.textContent('#outcomes + ul'), /FP/)
  })

  test('the tactical options checklist on the record', async () => {
    await page.goto(`${srv.url}/records/${ref}`)
    const before = await page.textContent('#tactics + p')
    const n = Number(before.match(/(\d+) of 29 not yet considered/)[1])
    await page.click('.lantern-actions a:has-text("Tactical options")')
    await look('tactics', 'Tactical options')
    const code = (await page.locator('main ul.govuk-list--bullet li a').first().textContent()).trim()
    await page.click(`#${code} a:has-text("Mark")`)
    await look('tactic-mark', 'Mark a tactical option')
    await page.check('input[name=mark][value=considered]')
    await page.fill('#note', 'Discussed at the strategy meeting; the police will take it forward.')
    await submit('Save the mark') // no owner: refused (R-ORD-5)
    assert.match(await page.textContent('.govuk-error-summary'), /R-ORD-5/)
    await look('tactic-mark-refused', 'Error: Mark a tactical option')
    await page.fill('#owner', 'Northbrook Police (demo)')
    await submit('Save the mark')
    await page.waitForURL(/\/tactics#/)
    assert.match(await page.textContent(`#${code}`), /Considered/)
    assert.match(await page.textContent('#not-considered-count'), new RegExp(`${n - 1} of 29`))
    await page.goto(`${srv.url}/records/${ref}`)
    assert.match(await page.textContent('#tactics + p'), new RegExp(`${n - 1} of 29 not yet considered`))
  })

  test('the action plan, and an overdue action in the supervisor\'s queue', async () => {
    await page.goto(`${srv.url}/records/${ref}/actions`)
    await look('actions', 'Action plan')
    await page.click('main a:has-text("Add an action")')
    await look('action-new', 'Add an action')
    await page.fill('#text', 'Brief the shopping centre CCTV staff (synthetic).')
    await page.fill('#owner_agency', 'Northbrook Police (demo)')
    await fillDate(page, 'due_on', daysAgo(-7))
    await submit('Add the action')
    await page.waitForURL(/\/actions$/)
    assert.match(await page.textContent('main'), /Brief the shopping centre CCTV staff/)

    await page.goto(`${srv.url}/`)
    const section = page.locator('section', { has: page.locator('h2#work-overdue') })
    const overdue = section.locator('.lantern-work-item', { hasText: 'Overdue' })
    assert.ok(await overdue.count() > 0, 'the demo has overdue actions')
    assert.match(await overdue.first().textContent(), /overdue by/)
    await look('my-work-overdue', 'My work')
    await overdue.first().locator('a').click()
    await page.waitForURL(/\/(actions|orders)\//)
    if (/\/actions\//.test(page.url())) {
      await look('action-overdue', 'Action')
      await page.check('input[name=status][value=done]')
      await submit('Close the action')
      await page.waitForLoadState('load')
      assert.doesNotMatch(page.url(), /\/actions\/act_/)
    } else {
      await look('order-overdue', null)
    }
  })

  test('the pages as other roles see them', async () => {
    // a social worker: no covert tactics or restricted options anywhere
    await signIn('social.northbrook')
    const seen = (await sql(srv.db, `SELECT r.reference FROM records r JOIN child_agencies ca ON ca.child_id = r.child_id
      JOIN agencies a ON a.id = ca.agency_id WHERE a.name = 'Northbrook Children''s Social Care (demo)'
      AND ca.kind <> 'filed' AND ca.ended_at IS NULL AND r.restricted = 0 ORDER BY r.reference LIMIT 1`)).trim()
    await page.goto(`${srv.url}/records/${seen}/tactics`)
    assert.doesNotMatch(await page.textContent('main'), /T14|T15/)
    assert.match(await page.textContent('#summary'), /of 27/)
    await look('tactics-social-worker', 'Tactical options')
    // an analyst reads a person's orders, with no button to a form they cannot use
    await signIn('analyst')
    await page.goto(`${srv.url}/people/${person}/orders`)
    assert.equal(await page.locator('main a:has-text("Record an order or notice")').count(), 0)
    await look('person-orders-analyst', null)
    const orderId = (await sql(srv.db, `SELECT id FROM disruptions WHERE person_id = '${person}' AND type <> 'covert_tactic' LIMIT 1`)).trim()
    await page.goto(`${srv.url}/orders/${orderId}`)
    assert.equal(await page.locator('main a:has-text("Record a change")').count(), 0)
    await look('order-analyst', null)
    const res = await page.goto(`${srv.url}/orders/${orderId}/change`)
    assert.equal(res.status(), 403)
  })
})
