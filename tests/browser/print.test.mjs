// print.test.mjs: printing a record and its chronology in a real browser, to PDF with
// headless Chromium (page.pdf: the print media and CSS paged media), read back with
// poppler (pdftotext for the words on each page, pdftoppm for a picture of the first
// page, saved beside the screenshots). Every page carries OFFICIAL-SENSITIVE, its
// number ("Page 1 of 3"), who printed it and when; no link address is printed; every
// date is in UK form; the choice of entries holds; printing is audited. Each role that
// sees the record can print it; one that does not cannot. Synthetic demo data only.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startLantern, sql } from '../api/helpers.mjs'
import { northbrookRecord } from '../api/demo.mjs'
import { launchBrowser, checkA11y, screenshot, SCREENSHOTS, fillDate } from './helpers.mjs'

const run = promisify(execFile)
const DEMO_PASSWORD = 'lantern-demo-2026'

describe('printing a record', () => {
  let srv, b, page, ref

  async function signIn (username) {
    await b.context.clearCookies()
    await page.goto(`${srv.url}/sign-in`)
    await page.fill('#username', username)
    await page.fill('#password', DEMO_PASSWORD)
    await Promise.all([page.waitForURL(`${srv.url}/`), page.click('main button[type=submit]')])
  }

  before(async () => {
    srv = await startLantern({
      seed: async ({ run }) => { await run('demo', '--seed', '9', '--boroughs', '2', '--children', '40') }
    })
    ref = await northbrookRecord(srv.db)
    b = await launchBrowser()
    page = b.page
    page.setDefaultTimeout(8000)
  })
  after(async () => {
    await b?.close()
    await srv?.stop()
  })

  test('the printed record: marking, page numbers, who and when on every page, no link addresses', async () => {
    await signIn('mash.northbrook')
    await page.goto(`${srv.url}/records/${ref}`)
    await Promise.all([page.waitForURL(/\/print$/), page.click('.lantern-actions a:has-text("Print")')])
    assert.equal(await page.title(), `Print record ${ref} – Lantern`)
    assert.equal(await page.locator('h1').count(), 1)
    assert.equal(await page.isVisible('[data-lantern-print]'), true) // with JavaScript
    await checkA11y(page)
    await screenshot(page, 'print-record')
    await page.setViewportSize({ width: 375, height: 740 })
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375)
    await screenshot(page, 'print-record-375')
    await page.setViewportSize({ width: 1280, height: 900 })

    const prints = Number((await sql(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'print'")).trim())
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    await mkdir(SCREENSHOTS, { recursive: true })
    const file = join(SCREENSHOTS, 'print-record.pdf')
    await writeFile(file, pdf)
    await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, join(SCREENSHOTS, 'print-record-page1')])
    const { stdout } = await run('pdftotext', ['-layout', file, '-'])
    const pages = stdout.split('\f').filter((p) => p.trim())
    assert.ok(pages.length >= 2, `several pages (${pages.length})`)
    pages.forEach((text, i) => {
      assert.equal((text.match(/OFFICIAL-SENSITIVE/g) || []).length >= 2, true, `marking top and foot of page ${i + 1}`)
      assert.match(text, new RegExp(`Page ${i + 1} of ${pages.length}`), `page number on page ${i + 1}`)
      assert.match(text, /Printed by Demo MASH Worker \(Northbrook\), Northbrook Children's Social Care \(demo\), on \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d\./, `who and when on page ${i + 1}`)
      assert.doesNotMatch(text, /https?:|\/records\/|\/children\/|\/static\//, `no link address on page ${i + 1}`)
      assert.doesNotMatch(text, /\d{4}-\d\d-\d\d/, `no ISO date on page ${i + 1}`)
      // nothing of the screen around it
      assert.doesNotMatch(text, /Sign out|Stay signed in|Choose the entries|Back to the record/)
    })
    assert.match(pages[0], new RegExp(`Record ${ref}`))
    assert.match(pages[0], /Date of birth\s+\d{1,2} [A-Z][a-z]{2} \d{4}/)
    assert.match(stdout, /Chronology/)
    assert.equal(Number((await sql(srv.db, "SELECT count(*) FROM audit_events WHERE action = 'print'")).trim()), prints)
  })

  test('choosing facts from one agency and a span of dates; the choice is audited', async () => {
    await page.goto(`${srv.url}/records/${ref}/print`)
    await page.click('summary:has-text("Choose the entries")')
    await page.check('#nature-2') // facts only
    await fillDate(page, 'from', '2020-01-01')
    await Promise.all([page.waitForLoadState('load'), page.click('main button:has-text("Show these entries")')])
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('nature'), 'fact')
    const rows = await page.locator('.lantern-print-chronology tbody tr').allTextContents()
    assert.ok(rows.length > 0)
    assert.ok(rows.every((r) => /Fact/.test(r) && !/Opinion/.test(r)))
    assert.match(await page.textContent('.lantern-print-doc'), /Facts only, from every agency, from 1 Jan 2020/)
    const fields = (await sql(srv.db, `SELECT fields FROM audit_events WHERE action = 'print' AND record_ref = '${ref}' ORDER BY seq DESC LIMIT 1`)).trim()
    assert.equal(fields, 'summary,chronology,nature=fact,from=2020-01-01')
    // an end before the start: said in words under the field, nothing printed
    await page.goto(`${srv.url}/records/${ref}/print?from=2026-02-01&to=2026-01-01`)
    assert.match(await page.textContent('.govuk-error-summary'), /end date must be the same as or after the start date/)
    assert.equal(await page.locator('.lantern-print-frame').count(), 0)
    await checkA11y(page)
    await screenshot(page, 'print-record-error')
  })

  test('the missing person profile prints marked too, with who and when', async () => {
    await signIn('officer.northbrook')
    const child = (await sql(srv.db, `SELECT child_id FROM records WHERE reference = '${ref}'`)).trim()
    const res = await page.goto(`${srv.url}/children/${child}/profile/print`)
    assert.equal(res.status(), 200)
    await checkA11y(page)
    await screenshot(page, 'print-profile')
    const file = join(SCREENSHOTS, 'print-profile.pdf')
    await writeFile(file, await page.pdf({ preferCSSPageSize: true }))
    const { stdout } = await run('pdftotext', ['-layout', file, '-'])
    const pages = stdout.split('\f').filter((p) => p.trim())
    pages.forEach((text, i) => {
      assert.match(text, /OFFICIAL-SENSITIVE/)
      assert.match(text, new RegExp(`Page ${i + 1} of ${pages.length}`))
      assert.match(text, /Printed by Demo Police Officer \(Northbrook\), Northbrook Police \(demo\), on \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d\./)
      assert.doesNotMatch(text, /Back to the profile|https?:/)
      assert.doesNotMatch(text, /\d{4}-\d\d-\d\d/, 'dates in UK form')
    })
    assert.match(stdout, /Date of birth: \d{1,2} [A-Z][a-z]{2} \d{4}/)
  })

  test('each role that sees the record prints it; one that does not, cannot', async () => {
    for (const user of ['officer.northbrook', 'supervisor.northbrook', 'social.northbrook', 'analyst', 'chair.northbrook']) {
      await signIn(user)
      const res = await page.goto(`${srv.url}/records/${ref}/print`)
      assert.equal(res.status(), 200, user)
      assert.match(await page.textContent('.lantern-print-frame__line'), /Printed by .* on \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d/)
    }
    await checkA11y(page)
    for (const user of ['health.riverside', 'auditor', 'admin']) {
      await signIn(user)
      const res = await page.goto(`${srv.url}/records/${ref}/print`)
      assert.equal(res.status(), 404, user)
    }
  })
})
