// merges.test.mjs: merging two children found to be the same child in a real browser
// (R-REC-1): a MASH worker opens the surviving child's page, gives the other child's id
// and why, checks both children on the confirmation page, merges, sees both children's
// episodes under the survivor, then undoes the merge with a reason. Checked with
// axe-core, screenshotted at 1280 and 375 px. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, DEMO_PASSWORD } from '../api/demo.mjs'
import { born, ago } from '../api/dates.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

let srv, b, page, a, m

async function look (name) {
  assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
  await checkA11y(page)
  await screenshot(page, `merges-${name}`)
  await page.setViewportSize({ width: 375, height: 800 })
  await checkA11y(page)
  await screenshot(page, `merges-${name}-375`)
  await page.setViewportSize({ width: 1280, height: 900 })
}

async function childWithEpisode (officer, given, dob, day) {
  const ch = await officer.post('/api/v1/children', { json: { given_names: given, family_name: 'Adeyemi-Demo', date_of_birth: dob, confirm_new: true } })
  assert.equal(ch.status, 201, ch.text)
  const ep = await officer.post('/api/v1/episodes', { json: { child_id: ch.json.id, missing_from: 'home', classification: 'absent', reported_at: ago(day, '18:00') } })
  assert.equal(ep.status, 201, ep.text)
  return { id: ch.json.id, episode: ep.json.id }
}

before(async () => {
  srv = await startDemo()
  const officer = await signInAs(srv, 'officer.northbrook')
  const dob = born(14)
  a = await childWithEpisode(officer, 'Tomiwa', dob, 9)
  m = await childWithEpisode(officer, 'Tomi', dob, 4)
  b = await launchBrowser()
  page = b.page
  await page.goto(`${srv.url}/sign-in`)
  await page.fill('#username', 'mash.northbrook')
  await page.fill('#password', DEMO_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${srv.url}/`)
})
after(async () => { await b?.close(); await srv?.stop() })

const episodeLinks = () => page.locator(`a[href^="/episodes/"]`).evaluateAll((els) => els.map((e) => e.getAttribute('href')))

test('R-REC-1: a MASH worker merges two children, sees both histories, and undoes it', async () => {
  await page.goto(`${srv.url}/children/${a.id}`)
  assert.deepEqual(await episodeLinks(), [`/episodes/${a.episode}`])
  await page.click('text=Merge another child into this one')
  await page.waitForURL(`${srv.url}/children/${a.id}/merge`)
  await look('form')
  // the reason is required: the error is under the field
  await page.fill('#merged_child_id', m.id)
  await page.click('button:has-text("Continue")')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /reason/i)
  await page.fill('#reason', 'Same date of birth and school; Tomi is the name the school uses.')
  await page.click('button:has-text("Continue")')
  assert.equal(await page.locator('h1').innerText(), 'Check these are the same child')
  const facts = await page.locator('.govuk-summary-list').innerText()
  assert.match(facts, /Tomiwa Adeyemi-Demo/)
  assert.match(facts, /Tomi Adeyemi-Demo/)
  await look('confirm')
  await page.click('button:has-text("Merge these children")')
  await page.waitForURL(`${srv.url}/children/${a.id}`)
  // both histories under the survivor
  const links = await episodeLinks()
  assert.ok(links.includes(`/episodes/${a.episode}`) && links.includes(`/episodes/${m.episode}`), JSON.stringify(links))
  assert.match(await page.locator('.govuk-summary-card').innerText(), /Tomi Adeyemi-Demo/)
  await look('merged')
  // the merged child's page says where it went
  await page.goto(`${srv.url}/children/${m.id}`)
  assert.match(await page.locator('.govuk-inset-text').innerText(), /merged into/)
  // undo
  await page.goto(`${srv.url}/children/${a.id}`)
  await page.locator('.govuk-summary-card textarea').fill('The school confirms these are two children.')
  await page.click('button:has-text("Undo this merge")')
  await page.waitForURL(`${srv.url}/children/${a.id}`)
  assert.deepEqual(await episodeLinks(), [`/episodes/${a.episode}`])
  assert.equal(await page.locator('.govuk-summary-card').count(), 0)
  await look('undone')
})
