// mase.test.mjs: a whole monthly meeting cycle in a real browser, as the Northbrook MASE
// chair: the schedule set and the next meeting due (R-MASE-1, R-DL-5); the agenda
// generated with its sections and the linked-case place (R-MASE-6, R-MASE-9); the
// meeting recorded with its attendees (R-MASE-2, R-MASE-3); a decision, an action and a
// tactical option recorded by the chair at the meeting (R-MASE-7); the chair's duties and minutes (R-MASE-8); the next agenda
// reviewing the case with its action; the meeting pack printed to PDF (first page read
// with pdftotext and drawn with pdftoppm) and, for a nurse of another borough, the pack
// without the case (R-MASE-5). Accessibility checked on each page. Synthetic demo data.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startLantern, sql } from '../api/helpers.mjs'
import { daysAgo } from '../api/dates.mjs'
import { launchBrowser, checkA11y, screenshot, SCREENSHOTS } from './helpers.mjs'

const run = promisify(execFile)
const DEMO_PASSWORD = 'lantern-demo-2026'

describe('a meeting cycle', () => {
  let srv, b, page, ref, meeting

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
    // a Northbrook case not yet discussed at one of the demo year's meetings
    ref = (await sql(srv.db, `SELECT r.reference FROM records r JOIN boroughs b ON b.id = r.owning_borough_id
      WHERE b.name = 'Northbrook' AND r.status = 'open' AND r.restricted = 0
      AND EXISTS (SELECT 1 FROM referrals f WHERE f.child_id = r.child_id)
      AND NOT EXISTS (SELECT 1 FROM mase_cases mc WHERE mc.record_id = r.id) ORDER BY r.reference LIMIT 1`)).trim()
    assert.match(ref, /^LAN-/)
    b = await launchBrowser()
    page = b.page
    page.setDefaultTimeout(8000)
  })
  after(async () => {
    await b?.close()
    await srv?.stop()
  })

  test('schedule, agenda, meeting, decision, action, duties, the next agenda and the pack', async () => {
    await signIn('chair.northbrook')
    await page.goto(`${srv.url}/boroughs/Northbrook/mase`)
    assert.equal(await page.locator('h1').textContent(), 'MASE meetings')
    await Promise.all([page.waitForLoadState('load'), page.click('#save-schedule')])
    assert.match(await page.textContent('#next-meeting'), /Week 2 of the month, day 2/)
    assert.match(await page.textContent('#next-meeting'), /Next meeting due\s*\d{1,2} [A-Z][a-z]{2} \d{4}/)
    await checkA11y(page)
    await screenshot(page, 'mase-borough')

    // the agenda before the meeting: the case is new; the linked cases come from network analysis
    await Promise.all([page.waitForLoadState('load'), page.click('#agenda-link')])
    assert.match(await page.textContent('#section-new_cases'), new RegExp(ref))
    assert.match(await page.textContent('#section-linked_cases'), /linked within \d+ links? to .+\n?[\s\S]*How: /)
    assert.match(await page.textContent('#section-compliance'), /Police: \d+\. Children's social care: \d+\./)
    await checkA11y(page)
    await screenshot(page, 'mase-agenda')

    // the meeting, two days ago, with every statutory member
    await page.goto(`${srv.url}/boroughs/Northbrook/mase`)
    await page.fill('#held_at', `${daysAgo(2)}T10:00`)
    const names = ['Demo Chair (Northbrook)', 'Demo DI', 'Demo CSC Manager', 'Demo Nurse', 'Demo Teacher', 'Demo Project Worker', 'Demo YOS Officer']
    for (const [i, n] of names.entries()) await page.fill(`#a${i}_name`, n)
    await page.fill('#a0_username', 'chair.northbrook')
    await Promise.all([page.waitForURL(/\/mase-meetings\/mtg_/), page.click('#save-meeting')])
    meeting = page.url().split('/').pop()
    assert.match(await page.textContent('#gaps'), /as the protocol requires/)

    await page.fill('#d_record_ref', ref)
    await page.fill('#d_decision', 'Refer to the support service; disrupt the address.')
    await Promise.all([page.waitForLoadState('load'), page.click('#save-decision')])
    // R-MASE-7: the chair agrees the action (a plan action with the meeting's id: owner,
    // due date, the tactical option it serves) and marks a tactical option of the case
    await page.fill('#a_record_ref', ref)
    await page.fill('#a_text', 'Visit the address with the licensing officer.')
    await page.fill('#a_owner_agency', 'Northbrook Police (demo)')
    await page.fill('#a_due_on', daysAgo(-14))
    await page.selectOption('#a_tactic', 'T12')
    await Promise.all([page.waitForLoadState('load'), page.click('#save-action')])
    const card = await page.textContent('#cases ~ .lantern-card')
    assert.match(card, /Visit the address with the licensing officer/)
    assert.match(card, /Tactical option T12/)
    await page.fill('#t_record_ref', ref)
    await page.selectOption('#t_code', 'T12')
    await page.selectOption('#t_mark', 'considered')
    await page.fill('#t_note', 'Hotel CCTV staff to be briefed.')
    // an option considered needs its owner (R-ORD-5): refused on the page, nothing kept
    await Promise.all([page.waitForLoadState('load'), page.click('#save-tactic')])
    assert.match(await page.textContent('.govuk-error-summary'), /owner .*R-ORD-5/)
    await page.goto(`${srv.url}/mase-meetings/${meeting}`)
    await page.fill('#t_record_ref', ref)
    await page.selectOption('#t_code', 'T12')
    await page.selectOption('#t_mark', 'considered')
    await page.fill('#t_note', 'Hotel CCTV staff to be briefed.')
    await page.fill('#t_owner', 'Northbrook Police (demo)')
    await Promise.all([page.waitForLoadState('load'), page.click('#save-tactic')])
    assert.equal(page.url(), `${srv.url}/mase-meetings/${meeting}`, await page.textContent('main'))
    const marked = (await sql(srv.db, `SELECT t.mark FROM tactic_marks t JOIN records r ON r.id = t.record_id
      WHERE r.reference = '${ref}' AND t.code = 'T12' AND t.current = 1 AND t.meeting_id = '${meeting}'`)).trim()
    assert.equal(marked, 'considered')
    await page.fill('#m_minutes', 'Every member contributed. Actions collated.')
    await Promise.all([page.waitForLoadState('load'), page.click('#save-duties')])
    assert.match(await page.textContent('#minutes-text'), /Every member contributed/)
    await checkA11y(page)
    await screenshot(page, 'mase-meeting')

    // the next agenda reviews the case, with its decision and action
    await page.goto(`${srv.url}/boroughs/Northbrook/mase/agenda`)
    const review = await page.textContent('#section-review_cases')
    assert.match(review, new RegExp(ref))
    assert.match(review, /Refer to the support service/)
    assert.match(review, /Visit the address with the licensing officer/)
    assert.doesNotMatch(await page.textContent('#section-new_cases'), new RegExp(ref))

    // the pack, printed to PDF
    await page.goto(`${srv.url}/mase-meetings/${meeting}/pack`)
    await checkA11y(page)
    await screenshot(page, 'mase-pack')
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    await mkdir(SCREENSHOTS, { recursive: true })
    const file = join(SCREENSHOTS, 'mase-pack.pdf')
    await writeFile(file, pdf)
    await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, join(SCREENSHOTS, 'mase-pack-page1')])
    const { stdout } = await run('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'])
    assert.match(stdout, /OFFICIAL-SENSITIVE/)
    assert.match(stdout, /MASE meeting pack: Northbrook/)
    assert.match(stdout, /Printed by Demo MASE Chair/)
    assert.match(stdout, /Page 1 of \d+/)
    assert.doesNotMatch(stdout, /https?:|Back to the meeting/)
    const all = (await run('pdftotext', ['-layout', file, '-'])).stdout
    assert.match(all, new RegExp(ref))
  })

  test('R-RPT-1: the board report page: each table beside its chart, the meeting counted', async () => {
    await signIn('chair.northbrook')
    await page.goto(`${srv.url}/boroughs/Northbrook/board-report`)
    await page.fill('#from', daysAgo(90))
    await page.fill('#to', daysAgo(0))
    await Promise.all([page.waitForLoadState('load'), page.click('#show-report')])
    const held = (await sql(srv.db, `SELECT count(*) FROM mase_meetings m JOIN boroughs b ON b.id = m.borough_id
      WHERE b.name = 'Northbrook' AND m.held_at >= '${daysAgo(90)}'`)).trim()
    assert.ok(Number(held) >= 2, 'the demo year and the meeting recorded above')
    assert.match(await page.textContent('#report-agency_performance'), new RegExp(`Meetings held\\s*${held}(?!\\d)`))
    assert.equal(await page.locator('img.lantern-chart').count(), await page.locator('.lantern-report-table table').count())
    assert.ok(await page.locator('img.lantern-chart').count() >= 8)
    const ok = await page.evaluate(() => [...document.querySelectorAll('img.lantern-chart')].every((i) => i.complete && i.naturalWidth > 0))
    assert.ok(ok, 'every chart drawn')
    await checkA11y(page)
    await screenshot(page, 'board-report')
    // the same report as a spreadsheet, offered beside the CSV
    const xlsx = await page.getAttribute('#xlsx-link', 'href')
    assert.match(xlsx, /^\/api\/v1\/boroughs\/[^/]+\/board-report\/xlsx\?from=/)
    const got = await page.request.get(`${srv.url}${xlsx}`)
    assert.equal(got.status(), 200)
    assert.match(got.headers()['content-type'], /spreadsheetml\.sheet/)
    assert.equal((await got.body()).subarray(0, 2).toString(), 'PK', 'a zip file')
    await page.goto(`${srv.url}/boroughs/Northbrook/board-report?from=1990-01-01&to=1990-12-31`)
    assert.match(await page.textContent('#empty-report'), /nothing to report/)
  })

  test('R-OUTC-1: a review scored on its page; the chart on the record page', async () => {
    await signIn('social.northbrook')
    await page.goto(`${srv.url}/records/${ref}/outcome-reviews`)
    assert.match(await page.textContent('#next-review'), /No review yet/)
    const codes = await page.$$eval('form input[inputmode=numeric]', (els) => els.map((e) => e.id))
    assert.equal(codes.length, 13)
    for (const c of codes) await page.fill(`#${c}`, '3')
    await Promise.all([page.waitForLoadState('load'), page.click('#save-review')])
    assert.match(await page.textContent('#next-review'), /Next review due \d{1,2} [A-Z][a-z]{2} \d{4}/)
    assert.equal(await page.locator('#outcomes-table tbody tr').count(), 13)
    await checkA11y(page)
    await screenshot(page, 'outcome-reviews')
    await page.goto(`${srv.url}/records/${ref}`)
    const img = page.locator('#outcomes ~ img.lantern-chart')
    await img.waitFor()
    const drawn = await img.evaluate((i) => i.complete && i.naturalWidth > 0)
    assert.ok(drawn, 'the chart is drawn on the record page')
  })

  test('R-MASE-5: a nurse of another borough gets the pack without the case', async () => {
    await signIn('health.riverside')
    const res = await page.goto(`${srv.url}/mase-meetings/${meeting}/pack`)
    assert.equal(res.status(), 200)
    const text = await page.textContent('main')
    assert.doesNotMatch(text, new RegExp(ref))
    const file = join(SCREENSHOTS, 'mase-pack-riverside.pdf')
    await writeFile(file, await page.pdf({ preferCSSPageSize: true }))
    const { stdout } = await run('pdftotext', ['-layout', file, '-'])
    assert.doesNotMatch(stdout, new RegExp(ref))
    assert.match(stdout, /MASE meeting pack: Northbrook/)
  })
})
