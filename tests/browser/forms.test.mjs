// forms.test.mjs: page forms finish and lose nothing, in a real browser on a synthetic
// demo partnership (one server, one browser): every missing-episode form posted and
// saved, the forensic strategy decision clearing the episode's to-do (R-MISS-9); each
// page checked with axe-core and screenshotted into tests/browser/screenshots/.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, sql } from '../api/helpers.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

const DEMO_PASSWORD = 'lantern-demo-2026'

describe('page forms in a browser', () => {
  let srv, b, page

  async function look (name, title) {
    if (title) assert.equal(await page.title(), `${title} – Lantern`)
    assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
    await checkA11y(page)
    await screenshot(page, `forms-${name}`)
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

  // A child with an open, unrestricted record and no episode, in the demo's borough.
  async function aChild (skip = 0) {
    const rows = (await sql(srv.db, "SELECT c.id FROM children c JOIN records r ON r.child_id = c.id WHERE r.status = 'open' AND r.restricted_reason IS NULL AND NOT EXISTS (SELECT 1 FROM episodes e WHERE e.child_id = c.id) ORDER BY c.id")).trim().split('\n')
    return rows[skip]
  }

  before(async () => {
    srv = await startLantern({
      seed: async ({ run }) => { await run('demo', '--seed', '11', '--boroughs', '1', '--children', '30') }
    })
    b = await launchBrowser()
    page = b.page
    page.setDefaultTimeout(5000)
  })
  after(async () => {
    await b?.close()
    await srv?.stop()
  })

  test('R-MISS-9: every episode form saves, and the forensic decision clears its to-do', async () => {
    await signIn('officer.northbrook')
    const child = await aChild(0)
    await page.goto(`${srv.url}/children/${child}/missing/new`)
    await page.check('#missing_from')
    await page.fill('#last_seen_where', 'Outside the library (synthetic)')
    await page.check('#auto_correct')
    await submit('Report')
    await page.waitForURL(/\/episodes\/[^/]+$/)
    const episode = new URL(page.url()).pathname

    await page.goto(`${srv.url}${episode}/risk`)
    await page.check('#risk_level-3')
    await page.fill('#reason', 'Seen with older males before going missing (synthetic).')
    await submit('Save risk level')
    await page.waitForURL(/\/episodes\/[^/]+$/)
    assert.match(await page.textContent('main'), /medium/)

    await page.goto(`${srv.url}${episode}/return`)
    await page.fill('#where', 'A friend\'s home (synthetic)')
    await submit('Record the return')
    await page.waitForURL(/\/episodes\/[^/]+$/)
    assert.match(await page.textContent('main'), /Record the forensic strategy decision/)

    await page.goto(`${srv.url}${episode}/safe-and-well`)
    await page.fill('#where_found', 'A friend\'s home (synthetic)')
    await page.check('#found_alone')
    await page.fill('#what_happened', 'Says she stayed with a friend and is well.')
    await submit('Save the check')
    await page.waitForURL(/\/episodes\/[^/]+$/)

    await page.goto(`${srv.url}${episode}/interview-offer`)
    await page.check('#child_asked')
    await page.fill('#child_preference', 'Someone from the youth charity.')
    await page.fill('#interviewer', 'Robin Vale (synthetic)')
    await submit('Offer the interview')
    await page.waitForURL(/\/episodes\/[^/]+$/)

    await page.goto(`${srv.url}${episode}/interview`)
    await page.check('#status-3')
    await page.fill('#findings', 'Talked about older boys who give her lifts (synthetic).')
    await submit('Save')
    await page.waitForURL(/\/episodes\/[^/]+$/)

    await page.goto(`${srv.url}${episode}/forensic`)
    await look('forensic', 'Forensic strategy decision')
    // the page asks the protocol's questions under the names the use case takes
    for (const q of ['clothing', 'early_evidence_kit', 'devices']) {
      assert.equal(await page.locator(`input[name=${q}]`).count(), 3, `question ${q}`)
    }
    await page.check('#clothing-2')
    await page.check('#early_evidence_kit-2')
    await page.check('#devices-3')
    await page.check('#decision-2')
    await page.fill('#rationale', 'No allegation of an offence; nothing to preserve (synthetic).')
    await submit('Record the decision')
    await page.waitForURL(/\/episodes\/[^/]+$/)
    const main = await page.textContent('main')
    assert.doesNotMatch(main, /Record the forensic strategy decision/)
    assert.match(main, /nothing to preserve/)
    assert.equal((await sql(srv.db, `SELECT count(*) FROM forensic_decisions WHERE episode_id = '${episode.split('/').pop()}'`)).trim(), '1')
    await look('episode-after-forensic', null)
  })
})
