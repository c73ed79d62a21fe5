// restricted.test.mjs: R-INFO-3 break-glass in a browser. A supervisor restricts a record
// (through the command line here); an officer who opens it is asked for a reason, a too
// short reason is refused, a real one opens the record for the session (pages and forms
// alike), and the opening waits in a supervisor's work queue for review.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startLantern, sql } from '../api/helpers.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

const DEMO_PASSWORD = 'lantern-demo-2026'

describe('restricted records (R-INFO-3)', () => {
  let srv, b, page, ref

  async function signIn (username) {
    await b.context.clearCookies()
    await page.goto(`${srv.url}/sign-in`)
    await page.fill('#username', username)
    await page.fill('#password', DEMO_PASSWORD)
    await page.click('button[type=submit]')
    await page.waitForURL(`${srv.url}/`)
  }

  before(async () => {
    srv = await startLantern({
      seed: async ({ run, db, dir }) => {
        await run('demo', '--seed', '11', '--boroughs', '1', '--children', '20')
        const r = await sql(db, "SELECT reference FROM records r JOIN child_agencies ca ON ca.child_id = r.child_id JOIN agencies a ON a.id = ca.agency_id WHERE a.type = 'police' ORDER BY reference LIMIT 1")
        ref = r.trim()
        const f = join(dir, 'restrict.json')
        writeFileSync(f, JSON.stringify({ restricted: true, reason: 'Linked to a live covert operation (synthetic)' }))
        await run('record', 'restrict', ref, f, '--as', 'supervisor.northbrook')
      }
    })
    b = await launchBrowser()
    page = b.page
    page.setDefaultTimeout(5000)
  })
  after(async () => {
    await b?.close()
    await srv?.stop()
  })

  test('an officer gives a reason to open it; a supervisor reviews the opening', async () => {
    assert.match(ref, /^LAN-\d{4}-\d{6}$/)
    await signIn('officer.northbrook')
    const res = await page.goto(`${srv.url}/records/${ref}`)
    assert.equal(res.status(), 403)
    assert.equal(await page.title(), 'This record is restricted – Lantern')
    await checkA11y(page)
    await screenshot(page, 'restricted')
    await page.fill('#purpose', 'short')
    await page.click('main button[type=submit]')
    assert.match(await page.textContent('.govuk-error-summary'), /at least 10 characters/)
    await page.fill('#purpose', 'Preparing the strategy discussion tomorrow (synthetic)')
    await Promise.all([page.waitForURL(`${srv.url}/records/${ref}`), page.click('main button[type=submit]')])
    assert.match(await page.textContent('h1'), /\S/)
    assert.match(await page.textContent('main'), /Chronology/)
    // the reason holds for this record's forms too
    const form = await page.goto(`${srv.url}/records/${ref}/entries/new`)
    assert.equal(form.status(), 200)

    await signIn('supervisor.northbrook')
    await page.goto(`${srv.url}/`)
    assert.match(await page.textContent('main'), /Restricted records opened, awaiting review/)
    const opened = await sql(srv.db, `SELECT count(*) FROM restricted_access a JOIN records r ON r.id = a.record_id WHERE r.reference = '${ref}'`)
    assert.equal(opened.trim(), '1', 'several pages for one reason are one opening')
  })
})
