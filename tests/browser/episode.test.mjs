// episode.test.mjs: a missing episode's page leads with the facts (how long the child
// has been missing, the risk, when and where last seen and with whom, the parents and
// carers), then each thing to do with its due time; offering the return interview to
// someone the child was with is refused with the rule under the field (R-MISS-6).
// Checked with axe-core, screenshotted at 1280 and 375 px. Synthetic demo data only.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, signInAs, DEMO_PASSWORD } from '../api/demo.mjs'
import { born, hoursAgo } from '../api/dates.mjs'
import { launchBrowser, checkA11y, screenshot } from './helpers.mjs'

let srv, b, page, episode, officer

async function look (name) {
  assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`)
  await checkA11y(page)
  await screenshot(page, `episode-${name}`)
  await page.setViewportSize({ width: 375, height: 800 })
  await checkA11y(page)
  await screenshot(page, `episode-${name}-375`)
  await page.setViewportSize({ width: 1280, height: 900 })
}

before(async () => {
  srv = await startDemo()
  officer = await signInAs(srv, 'officer.northbrook')
  const ch = await officer.post('/api/v1/children', { json: { given_names: 'Sky', family_name: 'Facts-Demo', date_of_birth: born(15), confirm_new: true } })
  assert.equal(ch.status, 201, ch.text)
  const ep = await officer.post('/api/v1/episodes', {
    json: {
      child_id: ch.json.id,
      missing_from: 'home',
      classification: 'missing',
      reported_at: hoursAgo(5),
      last_seen_at: hoursAgo(7),
      last_seen_where: 'Northbrook retail park',
      last_seen_with: ['Jay Demo-Smith'],
      parents_carers: ['Pat Facts-Demo']
    }
  })
  assert.equal(ep.status, 201, ep.text)
  episode = ep.json.id
  assert.equal((await officer.put(`/api/v1/episodes/${episode}/risk`, { json: { risk_level: 'high', reason: 'Seen with older males.' } })).status, 200)
  b = await launchBrowser()
  page = b.page
  await page.goto(`${srv.url}/sign-in`)
  await page.fill('#username', 'officer.northbrook')
  await page.fill('#password', DEMO_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${srv.url}/`)
})
after(async () => { await b?.close(); await srv?.stop() })

test('the episode page leads with the facts', async () => {
  await page.goto(`${srv.url}/episodes/${episode}`)
  const facts = page.locator('h1 + dl')
  const text = await facts.innerText()
  assert.match(text, /Missing for\s+7 hours/)
  assert.match(text, /High risk/)
  assert.match(text, /Northbrook retail park/)
  assert.match(text, /Jay Demo-Smith/)
  assert.match(text, /Pat Facts-Demo/)
  await look('open')
})

test('once returned, each thing to do shows its due time; R-MISS-6 refuses someone the child was with', async () => {
  assert.equal((await officer.post(`/api/v1/episodes/${episode}/return`, { json: { returned_at: hoursAgo(1), where: 'Home address' } })).status, 200)
  await page.goto(`${srv.url}/episodes/${episode}`)
  assert.match(await page.locator('h1 + dl').innerText(), /Was missing for\s+6 hours/)
  const todo = page.locator('ul.lantern-todo li', { hasText: 'Return Interview' })
  assert.equal(await todo.count(), 1)
  assert.match(await todo.innerText(), /Due \d+ \w+ \d{4}, \d\d:\d\d/)
  await look('returned')
  await page.goto(`${srv.url}/episodes/${episode}/interview-offer`)
  await page.check('#child_asked')
  await page.fill('#child_preference', 'The youth worker.')
  await page.fill('#interviewer', 'Jay Demo-Smith')
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')])
  const err = await page.locator('.govuk-error-summary').innerText()
  assert.match(err, /someone the child was with/)
  assert.match(err, /R-MISS-6/)
})
