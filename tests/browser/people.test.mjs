// people.test.mjs: people of concern and networks in a real browser, on a synthetic demo
// partnership made once for this file: a person of concern added with a phone number
// that is not one (kept as written and marked, R-POI-1), linked to a category 1 child
// and to a category 3 child of the other borough; the first child's record then shows
// the R-CAT-7 flag with the path through the person, and the network page draws the
// network with its key in words and the same data as tables; a link ending before it
// starts is refused with the error under its field. Every page is checked with
// axe-core and screenshotted at 1280 px and 375 px.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, sql } from '../api/helpers.mjs'
import { launchBrowser, checkA11y, screenshot, fillDate } from './helpers.mjs'
import { daysAgo } from '../api/dates.mjs'

const DEMO_PASSWORD = 'lantern-demo-2026'

describe('people of concern and networks in a browser', () => {
  let srv, b, page, low, lowRef, lowName, high, highRef, highName, person

  async function look (name, title) {
    if (title) assert.equal(await page.title(), `${title} – Lantern`)
    assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
    await checkA11y(page)
    await screenshot(page, `people-${name}`)
    await page.setViewportSize({ width: 375, height: 800 })
    await checkA11y(page)
    await screenshot(page, `people-${name}-375`)
    await page.setViewportSize({ width: 1280, height: 900 })
  }

  async function submit (label) {
    await Promise.all([page.waitForLoadState('load'), page.click(`main button[type=submit]:has-text("${label}")`)])
  }

  const one = async (q) => (await sql(srv.db, q)).trim()

  before(async () => {
    srv = await startLantern({
      seed: async ({ run }) => { await run('demo', '--seed', '11', '--boroughs', '2', '--children', '40') }
    })
    b = await launchBrowser()
    page = b.page
    page.setDefaultTimeout(5000)
    const unlinked = 'NOT EXISTS (SELECT 1 FROM links l WHERE l.from_child_id = c.id OR l.to_child_id = c.id)'
    ;[low, lowRef, lowName] = (await one(`SELECT c.id || '|' || r.reference || '|' || c.given_names || ' ' || c.family_name
      FROM children c JOIN records r ON r.child_id = c.id WHERE coalesce(r.current_category, 1) = 1
      AND r.restricted = 0 AND ${unlinked} ORDER BY c.id LIMIT 1`)).split('|')
    ;[high, highRef, highName] = (await one(`SELECT c.id || '|' || r.reference || '|' || c.given_names || ' ' || c.family_name
      FROM children c JOIN records r ON r.child_id = c.id WHERE r.current_category = 3 AND r.restricted = 0
      AND c.id <> '${low}' AND ${unlinked} ORDER BY c.id LIMIT 1`)).split('|')
    assert.ok(low && high, 'the demo has a low-category child and a category 3 child without links')
    await page.goto(`${srv.url}/sign-in`)
    await page.fill('#username', 'supervisor.northbrook')
    await page.fill('#password', DEMO_PASSWORD)
    await page.click('button[type=submit]')
    await page.waitForURL(`${srv.url}/`)
  })
  after(async () => {
    await b?.close()
    await srv?.stop()
  })

  test('add a person of concern from the menu; a phone that is not a number is kept and marked', async () => {
    await page.click('.govuk-service-navigation a:has-text("People of concern")')
    await look('find', 'Find a person of concern')
    await page.click('main a:has-text("Add a person of concern")')
    await look('new', 'Add a person of concern')
    await page.fill('#name', 'Marcus Pellow-Demo')
    await page.fill('#street_name', 'Pellz')
    await fillDate(page, 'date_of_birth', '1990-04-27')
    await page.check('input[name=gender][value=male]')
    await page.fill('#phone', 'ask at the shop for Pellz')
    await page.check('input[name=nature][value=intelligence]')
    await page.fill('#grading', '2/B/P')
    await page.fill('#source', 'Officer sighting (demo)')
    await page.check('#confirm_new')
    await submit('Add the person')
    await page.waitForURL(/\/people\/poc_/)
    person = page.url().split('/').pop()
    assert.match(await page.textContent('h1'), /Marcus Pellow-Demo/)
    const known = await page.textContent('#known-by + table')
    assert.match(known, /Street name\s+Pellz\s+Intelligence 2\/B\/P/)
    assert.match(known, /ask at the shop for Pellz\s+Not a UK number: kept as written/)
    await look('person-new', 'Person of concern: Marcus Pellow-Demo')
    // found again by street name
    await page.click('.govuk-service-navigation a:has-text("People of concern")')
    await page.fill('#name', 'Pellz')
    await submit('Search')
    const found = await page.textContent('main table')
    assert.match(found, /Marcus Pellow-Demo/)
    assert.match(found, /Pellz/)
    assert.match(found, /27 Apr 1990/) // dates in UK form
    assert.doesNotMatch(found, /\d{4}-\d{2}-\d{2}/)
    await look('found', 'Find a person of concern')
  })

  test('a link ending before it starts is refused under its field; two children linked', async () => {
    await page.goto(`${srv.url}/people/${person}`)
    await page.click('main a:has-text("Add a link")')
    await look('link-new', 'Add a link')
    await page.fill('#to', low)
    await page.check('input[name=kind][value=seen_with]')
    await fillDate(page, 'from_date', daysAgo(10))
    await fillDate(page, 'to_date', daysAgo(20))
    await page.check('input[name=nature][value=fact]')
    await page.fill('#source', 'Officer sighting (demo)')
    await submit('Add the link')
    assert.match(await page.textContent('#to_date-error'), /end|before|start/i)
    assert.match(await page.textContent('.govuk-error-summary'), /There is a problem/)
    await look('link-refused', 'Error: Add a link')
    for (const part of ['#to_date', '#to_date-month', '#to_date-year']) await page.fill(part, '')
    await submit('Add the link')
    await page.waitForURL(`${srv.url}/people/${person}`)
    await page.click('main a:has-text("Add a link")')
    // the child's end given by the record's reference, as the user knows it
    await page.fill('#to', highRef)
    await page.check('input[name=kind][value=associate]')
    await page.check('input[name=nature][value=intelligence]')
    await page.fill('#grading', '2/B/P')
    await page.fill('#source', 'Officer sighting (demo)')
    await submit('Add the link')
    await page.waitForURL(`${srv.url}/people/${person}`)
    const links = await page.textContent('main')
    assert.ok(links.includes(lowName) && links.includes(highName), links)
    assert.equal(await page.locator('img.lantern-network__picture').count(), 1)
    await look('person-linked', 'Person of concern: Marcus Pellow-Demo')
  })

  test('R-CAT-7: the record of the category 1 child shows the flag and the path', async () => {
    await page.goto(`${srv.url}/records/${lowRef}`)
    const flag = page.locator('[data-lantern-cat7]')
    assert.equal(await flag.count(), 1)
    assert.match(await flag.textContent(), /Linked to a child in category 3 \(R-CAT-7\)/)
    const path = (await page.textContent('.lantern-cat7__path')).replace(/\s+/g, ' ')
    assert.ok(path.indexOf(lowName) < path.indexOf('Marcus Pellow-Demo') &&
      path.indexOf('Marcus Pellow-Demo') < path.indexOf(highName), path)
    await page.locator('#network').scrollIntoViewIfNeeded()
    await look('record-flag', null)
  })

  test('the network page draws the network, with its key in words and the same data as tables', async () => {
    await page.goto(`${srv.url}/network/${low}`)
    assert.equal(await page.locator('[data-lantern-cat7]').count(), 1)
    const img = page.locator('img.lantern-network__picture')
    await img.scrollIntoViewIfNeeded()
    const loaded = await img.evaluate((el) => el.complete && el.naturalWidth > 0)
    assert.ok(loaded, 'the drawing loads')
    assert.match(await img.getAttribute('alt'), /4 things and 3 links/)
    const key = await page.textContent('.lantern-network__key')
    assert.match(key, /child: circle/)
    assert.match(key, /person of concern: square/)
    assert.match(key, /phone: hexagon/)
    await page.click('summary:has-text("The network as tables")')
    const tables = await page.textContent('.govuk-details__text')
    assert.match(tables, /Marcus Pellow-Demo/)
    assert.match(tables, /seen with/)
    assert.match(tables, /category 3/)
    const svg = await (await page.request.get(`${srv.url}/network/${low}/picture.svg`)).text()
    assert.match(svg, /^<svg|<svg /)
    assert.ok(!/<script/i.test(svg))
    await look('network', `Network: ${lowName}`)
  })

  test('R-POI-2 and R-LOC-1: the PNC marker recorded by police, a hotspot marked with its reason', async () => {
    await page.goto(`${srv.url}/people/${person}`)
    await page.click('main a:has-text("Record")')
    await look('pnc', 'Record the PNC marker')
    await page.check('input[name=status][value=done]')
    await page.fill('#note', 'Marker placed after the strategy discussion.')
    await submit('Save')
    await page.waitForURL(`${srv.url}/people/${person}`)
    assert.match(await page.textContent('main dl'), /PNC locate\/trace marker\s*Done/)
    const place = await one("SELECT id FROM places WHERE name LIKE '%Fried Chicken%' ORDER BY id LIMIT 1")
    await page.goto(`${srv.url}/places/${place}`)
    await page.click('main a:has-text("Change")')
    await page.check('input[name=hotspot][value=yes]')
    await submit('Save')
    assert.match(await page.textContent('.govuk-error-summary'), /There is a problem/)
    await look('hotspot-refused', 'Error: Mark a hotspot')
    await page.fill('#rationale', 'Two children found here after going missing this autumn.')
    await submit('Save')
    await page.waitForURL(`${srv.url}/places/${place}`)
    assert.equal(await page.locator('[data-lantern-hotspot]').count(), 1)
    await look('place-hotspot', null)
  })

  test('R-MASE-9: the partnership\'s networks for the MASE meeting list the linked case, serial people and places', async () => {
    await page.goto(`${srv.url}/people/find`)
    await page.click('main a:has-text("Networks across the partnership")')
    await page.waitForURL(`${srv.url}/networks`)
    const cases = await page.textContent('#linked-cases + *')
    assert.ok((await page.textContent('main')).includes(lowName), 'the category 1 child is listed')
    assert.match(cases, /./)
    const serial = await page.textContent('#serial ~ ul')
    assert.match(serial, /Marcus Pellow-Demo: 2 children/)
    assert.match(await page.textContent('main'), /Fried Chicken \(demo\): 2 children/)
    await look('networks', 'Networks across the partnership')
  })
})
