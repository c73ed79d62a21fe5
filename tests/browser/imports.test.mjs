// imports.test.mjs: resolving the rows an import held in a real browser. A file whose
// rows may be children already known (R-REC-1) is imported at the command line; an
// administrator opens the held rows, sees each row with the children it may be and why,
// says one row is the same child as a known one (nothing is added) and another is a new
// child (it is added); the matching model's page shows the weights in words. A police
// officer gets no such page. Every page is checked with axe and screenshotted at 1280
// and 375 px. Synthetic demo data only.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startLantern, sql } from '../api/helpers.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

const DEMO_PASSWORD = 'lantern-demo-2026'

describe('resolving imported rows', () => {
  let srv, b, page
  const kids = []

  async function signIn (username) {
    await b.context.clearCookies()
    await page.goto(`${srv.url}/sign-in`)
    await page.fill('#username', username)
    await page.fill('#password', DEMO_PASSWORD)
    await Promise.all([page.waitForURL(`${srv.url}/`), page.click('main button[type=submit]')])
  }

  async function look (name, title) {
    assert.equal(await page.title(), `${title} – Lantern`)
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
      seed: async ({ run, db, dir }) => {
        await run('demo', '--seed', '3', '--boroughs', '1', '--children', '10')
        const rows = (await sql(db, `SELECT id, given_names, family_name, date_of_birth FROM children
          WHERE date_of_birth IS NOT NULL ORDER BY id LIMIT 2`)).trim().split('\n').map((l) => l.split('|'))
        for (const [id, given, family, dob] of rows) kids.push({ id, given, family, dob })
        const file = join(dir, 'held.csv')
        await writeFile(file, 'given_names,family_name,date_of_birth\n' +
          kids.map((k) => `${k.given},${k.family},${k.dob}`).join('\n') + '\n')
        await run('import', 'children', file)
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

  test('an administrator says one row is a known child and another a new child', async () => {
    assert.equal(kids.length, 2)
    await signIn('admin')
    await page.goto(`${srv.url}/imports/held`)
    await look('imports-held', 'Imported rows to resolve')
    const first = page.locator('section', { has: page.locator(`h2:has-text("${kids[0].given} ${kids[0].family}")`) }).first()
    assert.match(await first.textContent(), /likely the same child|the same child/)
    assert.match(await first.textContent(), /same date of birth/)
    const before = Number((await sql(srv.db, 'SELECT count(*) FROM children')).trim())
    await Promise.all([page.waitForURL(/\/imports\/held\?done=same$/),
      first.locator('button:has-text("The same child as")').first().click()])
    assert.match(await page.textContent('.govuk-notification-banner'), /Nothing was added/)
    await look('imports-held-done', 'Imported rows to resolve')
    assert.equal(Number((await sql(srv.db, 'SELECT count(*) FROM children')).trim()), before)
    const second = page.locator('section', { has: page.locator(`h2:has-text("${kids[1].given} ${kids[1].family}")`) }).first()
    await Promise.all([page.waitForURL(/\/imports\/held\?done=new$/),
      second.locator('button:has-text("A new child")').click()])
    assert.match(await page.textContent('.govuk-notification-banner'), /now added/)
    assert.equal(Number((await sql(srv.db, 'SELECT count(*) FROM children')).trim()), before + 1)
    assert.equal(await page.locator('#none-held').count(), 1)
    const states = (await sql(srv.db, 'SELECT status FROM import_held ORDER BY line')).trim().split('\n')
    assert.deepEqual(states, ['same', 'new'])
  })

  test('the matching model in words, for administrators only', async () => {
    await signIn('admin')
    await page.goto(`${srv.url}/admin/matching`)
    await look('admin-matching', 'Matching')
    assert.match(await page.textContent('#model-summary'), /built-in model/)
    assert.match(await page.textContent('main'), /likely the same child/)
    assert.match(await page.textContent('main'), /same date of birth/)
    await signIn('officer.northbrook')
    const res = await page.goto(`${srv.url}/admin/matching`)
    assert.equal(res.status(), 403)
    const held = await page.goto(`${srv.url}/imports/held`)
    assert.equal(held.status(), 403)
  })
})
