// forms.test.mjs: page forms finish and lose nothing, in a real browser on a synthetic
// demo partnership (one server, one browser): every missing-episode form posted and
// saved, the forensic strategy decision clearing the episode's to-do (R-MISS-9); all
// of a form's errors at once, under their own fields, in words; the referral's
// check-your-answers page with its "Change" buttons, the question when the text
// describes a sign none was ticked for (R-SIGN-2), keyboard only and at 375 pixels
// wide. Each page is checked with axe-core and screenshotted into
// tests/browser/screenshots/.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, sql } from '../api/helpers.mjs'
import { launchBrowser, checkA11y, screenshot, fillDate } from './helpers.mjs'
import { born, daysAgo } from '../api/dates.mjs'

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

  // The summary's links and the messages under the fields: [{href, text}], {id: text}.
  async function errorsShown () {
    const links = await page.$$eval('.govuk-error-summary a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })))
    const under = await page.$$eval('.govuk-error-message', (ps) => Object.fromEntries(ps.map((p) => [p.id.replace(/-error$/, ''), p.textContent.replace('Error:', '').trim()])))
    return { links, under }
  }

  test('errors: all at once, each under its own field, in words, with the limit named', async () => {
    await signIn('school.northbrook')
    await page.goto(`${srv.url}/referrals/new`)
    await page.fill('#given_names', 'Ottilie')
    await page.fill('#family_name', 'Marchbanks')
    await fillDate(page, 'date_of_birth', born(14))
    await page.fill('#nhs_number', '12345') // not an NHS number
    await page.check('#sign-gifts_money') // ticked without saying what was seen
    // "What happened" left empty
    await submit('Continue')
    await page.waitForSelector('.govuk-error-summary')
    const { links, under } = await errorsShown()
    // the NHS number's error is under the NHS number, not under "What happened"
    assert.ok(under.nhs_number, 'an error under the NHS number')
    assert.ok(under.evidence_gifts_money, 'an error under the sign\'s evidence')
    assert.match(under.circumstances, /^Enter what happened/)
    assert.ok(!/NHS|nhs_number/.test(under.circumstances), 'not under What happened')
    for (const text of Object.values(under)) assert.doesNotMatch(text, /[a-z]+_[a-z_]+/, `no field code in "${text}"`)
    // the summary links to each field
    const hrefs = links.map((l) => l.href)
    for (const id of ['nhs_number', 'evidence_gifts_money', 'circumstances']) assert.ok(hrefs.includes(`#${id}`), `summary links #${id}`)
    for (const l of links) assert.equal(await page.locator(l.href).count(), 1, `${l.href} is on the page`)
    // what was typed is kept
    assert.equal(await page.inputValue('#given_names'), 'Ottilie')
    await look('referral-errors', 'Error: New referral')

    // an over-long field names the field and its limit
    await signIn('officer.northbrook')
    // the first child this officer may report on
    for (let i = 0; i < 20; i++) {
      await page.goto(`${srv.url}/children/${await aChild(i)}/missing/new`)
      if (await page.locator('#missing_from').count()) break
    }
    await page.check('#missing_from')
    await page.fill('#last_seen_where', 'x'.repeat(600))
    await page.check('#auto_correct')
    await submit('Report')
    await page.waitForSelector('.govuk-error-summary')
    const long = await errorsShown()
    assert.match(long.under.last_seen_where, /^Last seen where must be \d+ characters or fewer/)
    await look('missing-too-long', 'Error: Report missing or absent')
  })

  // Presses Tab until the element with id has the focus (keyboard only).
  async function tabTo (id) {
    for (let i = 0; i < 300; i++) {
      if (await page.evaluate(() => document.activeElement?.id) === id) return
      await page.keyboard.press('Tab')
    }
    throw new Error(`#${id} never took the focus`)
  }
  async function typeIn (id, text) {
    await tabTo(id)
    await page.keyboard.type(text)
  }

  test('R-SIGN-2: a referral checked before filing, keyboard only, at 375 pixels wide', async () => {
    await page.setViewportSize({ width: 375, height: 800 })
    try {
      await signIn('school.northbrook')
      await page.goto(`${srv.url}/referrals/new`)
      await typeIn('given_names', 'Perpetua')
      await typeIn('family_name', 'Wrenfield')
      const [by, bm, bd] = born(13).split('-')
      await typeIn('date_of_birth', String(Number(bd)))
      await typeIn('date_of_birth-month', String(Number(bm)))
      await typeIn('date_of_birth-year', by)
      await tabTo('gender')
      await page.keyboard.press('Space')
      await typeIn('residence_borough', 'Northbrook')
      await typeIn('circumstances', 'Seen getting into cars with older men after school; new trainers and gifts (synthetic).')
      await typeIn('no_sign_rationale', 'Concern from the form tutor (synthetic).')
      await tabTo('no_sign_rationale')
      await page.keyboard.press('Tab')
      await screenshot(page, 'forms-referral-375')
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'no sideways scrolling at 375px')
      // to the Continue button, and press it
      for (let i = 0; i < 200; i++) {
        if (await page.evaluate(() => document.activeElement?.textContent?.trim()) === 'Continue') break
        await page.keyboard.press('Tab')
      }
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')])
      if (await page.locator('text=Is this one of these children?').count()) {
        await tabTo('child_choice')
        await page.keyboard.press('Space')
        for (let i = 0; i < 200; i++) {
          if (await page.evaluate(() => document.activeElement?.textContent?.trim()) === 'Continue') break
          await page.keyboard.press('Tab')
        }
        await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')])
      }
      await page.waitForSelector('text=Check your answers before filing the referral')
      const check = await page.textContent('main')
      assert.match(check, /Perpetua/)
      assert.match(check, /older men/)
      // no sign ticked, but the text describes signs: the page asks
      assert.match(await page.textContent('#sign-question'), /older men/)
      assert.match(await page.textContent('#sign-question'), /gifts/)
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'no sideways scrolling at 375px')
      await look('referral-check-375', 'Check your answers')

      // "Yes, go back": the form as it was, at the signs
      for (let i = 0; i < 100; i++) {
        if ((await page.evaluate(() => document.activeElement?.textContent?.trim()) || '').startsWith('Yes, go back')) break
        await page.keyboard.press('Tab')
      }
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')])
      await page.waitForSelector('#sign-gifts_money')
      assert.match(page.url(), /#signs$/)
      assert.equal(await page.inputValue('#given_names'), 'Perpetua')
      assert.match(await page.inputValue('#circumstances'), /older men/)
      await tabTo('sign-gifts_money')
      await page.keyboard.press('Space')
      await typeIn('evidence_gifts_money', 'New trainers and a phone nobody can explain (synthetic).')
      await typeIn('rationale', 'Gifts with older men around her suggest grooming (synthetic).')
      for (let i = 0; i < 200; i++) {
        if (await page.evaluate(() => document.activeElement?.textContent?.trim()) === 'Continue') break
        await page.keyboard.press('Tab')
      }
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')])
      await page.waitForSelector('text=Check your answers before filing the referral')
      assert.equal(await page.locator('#sign-question').count(), 0, 'a sign is ticked: no question')

      // "Change" on the family name: back to the form with everything kept
      await page.click('button:has-text("Change") >> nth=1')
      await page.waitForSelector('#family_name')
      assert.match(page.url(), /#family_name$/)
      assert.equal(await page.inputValue('#family_name'), 'Wrenfield')
      assert.ok(await page.isChecked('#sign-gifts_money'))
      await submit('Continue')
      await page.waitForSelector('text=Check your answers before filing the referral')

      for (let i = 0; i < 300; i++) {
        if (await page.evaluate(() => document.activeElement?.textContent?.trim()) === 'File the referral') break
        await page.keyboard.press('Tab')
      }
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')])
      await page.waitForSelector('.govuk-panel--confirmation')
      assert.match(await page.textContent('h1'), /Referral filed for Perpetua Wrenfield/)
      const next = await page.textContent('main')
      assert.match(next, /What happens next/)
      // what filing did is not listed as still to do
      const todo = await page.$$eval('main ol li', (lis) => lis.map((l) => l.textContent))
      for (const t of todo) assert.doesNotMatch(t, /Refer the child to children's social care|Check whether the child already has a record/)
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'no sideways scrolling at 375px')
      await look('referral-filed-375', 'Referral filed for Perpetua Wrenfield')
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 })
    }
  })

  // Sends the page's form as the browser would, n times at once or one after the
  // other, and answers where each ended.
  async function sendForm (times, together) {
    return await page.evaluate(async ({ times, together }) => {
      const form = document.querySelector('main form[method=post]')
      const send = async () => {
        const r = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' })
        const doc = new DOMParser().parseFromString(await r.text(), 'text/html')
        return { url: new URL(r.url).pathname + new URL(r.url).search, banner: doc.querySelector('#saved-banner')?.textContent ?? null }
      }
      if (together) return await Promise.all(Array.from({ length: times }, send))
      const out = []
      for (let i = 0; i < times; i++) out.push(await send())
      return out
    }, { times, together })
  }

  test('a form sent twice saves once and ends on a page naming what was saved', async () => {
    await signIn('officer.northbrook')
    let child
    for (let i = 0; i < 20; i++) {
      child = await aChild(i)
      await page.goto(`${srv.url}/children/${child}/missing/new`)
      if (await page.locator('#missing_from').count()) break
    }
    await page.check('#missing_from')
    await page.check('#auto_correct')
    const before = Number((await sql(srv.db, `SELECT count(*) FROM episodes WHERE child_id = '${child}'`)).trim())
    // a double click: the same form twice at once
    const ends = await sendForm(2, true)
    assert.equal(ends[0].url, ends[1].url, 'both end on the same page')
    assert.match(ends[0].url, /^\/episodes\/[^/?]+$/)
    assert.equal(Number((await sql(srv.db, `SELECT count(*) FROM episodes WHERE child_id = '${child}'`)).trim()), before + 1, 'one episode')
    // the page it ends on says what was saved (each answer once)
    assert.ok(ends.some((e) => /The missing or absent report saved/.test(e.banner ?? '')), 'a banner')
    const episode = ends[0].url

    // the risk level: sent, then sent again (back button and send, or a refresh)
    await page.goto(`${srv.url}${episode}/risk`)
    await page.check('#risk_level-2')
    await page.fill('#reason', 'Sent twice on purpose (synthetic).')
    const changes = async () => Number((await sql(srv.db, `SELECT count(*) FROM episode_changes WHERE episode_id = '${episode.split('/').pop()}'`)).trim())
    const n = await changes()
    const again = await sendForm(3, false)
    assert.equal(new Set(again.map((e) => e.url)).size, 1, 'every send ends where the first did')
    assert.equal(await changes(), n + 1, 'saved once')
    for (const e of again) assert.match(e.banner ?? '', /The risk level saved/, 'each says what the first saved')

    // a form with errors hands its token back: corrected, it saves
    await page.goto(`${srv.url}${episode}/risk`)
    await page.fill('#reason', 'No level chosen yet (synthetic).')
    await submit('Save risk level')
    await page.waitForSelector('.govuk-error-summary')
    await page.check('#risk_level-4')
    await submit('Save risk level')
    await page.waitForURL(/\/episodes\/[^/]+$/)
    assert.match(await page.textContent('#saved-banner'), /The risk level saved/)
    await look('saved-banner', null)
    // shown once: not when the page is opened again
    await page.reload()
    assert.equal(await page.locator('#saved-banner').count(), 0)
  })

  test('a referral filed twice from its check page is filed once', async () => {
    await signIn('school.northbrook')
    await page.goto(`${srv.url}/referrals/new`)
    await page.fill('#given_names', 'Isolde')
    await page.fill('#family_name', 'Fennimore')
    await fillDate(page, 'date_of_birth', born(15))
    await page.fill('#circumstances', 'Form tutor concerned about her mood (synthetic).')
    await page.fill('#no_sign_rationale', 'No sign seen yet; referring for advice (synthetic).')
    await submit('Continue')
    if (await page.locator('text=Is this one of these children?').count()) {
      await page.check('#child_choice')
      await submit('Continue')
    }
    await page.waitForSelector('text=Check your answers before filing the referral')
    const before = Number((await sql(srv.db, "SELECT count(*) FROM referrals")).trim())
    const ends = await page.evaluate(async () => {
      const form = document.querySelector('main form[method=post]')
      const body = new URLSearchParams(new FormData(form))
      body.set('step', 'file')
      const send = async () => new URL((await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' })).url).pathname
      return await Promise.all([send(), send()])
    })
    assert.equal(ends[0], ends[1])
    assert.match(ends[0], /^\/referrals\/rfl_/)
    assert.equal(Number((await sql(srv.db, "SELECT count(*) FROM referrals")).trim()), before + 1, 'one referral')
  })

  test('dates as day, month and year; times as 24-hour UK time, in and out', async () => {
    await signIn('officer.northbrook')
    let child
    for (let i = 0; i < 20; i++) {
      child = await aChild(i)
      await page.goto(`${srv.url}/children/${child}/missing/new`)
      if (await page.locator('#missing_from').count()) break
    }
    // three inputs for the date and one for the time, no browser date picker
    for (const id of ['last_seen_at', 'last_seen_at-month', 'last_seen_at-year', 'last_seen_at-time']) {
      assert.equal(await page.getAttribute(`#${id}`, 'type'), 'text', id)
    }
    assert.equal(await page.locator('input[type=date], input[type=datetime-local]').count(), 0)
    await page.check('#missing_from')
    await page.check('#auto_correct')
    // not a real date, and not a real time: said in words under the field, typed kept
    await page.fill('#last_seen_at', '31')
    await page.fill('#last_seen_at-month', '2')
    await page.fill('#last_seen_at-year', daysAgo(1).slice(0, 4))
    await page.fill('#last_seen_at-time', '18:05')
    await submit('Report')
    await page.waitForSelector('.govuk-error-summary')
    assert.match(await page.textContent('#last_seen_at-error'), /real date/)
    assert.equal(await page.inputValue('#last_seen_at'), '31')
    assert.equal(await page.inputValue('#last_seen_at-time'), '18:05')
    await look('dates-error', 'Error: Report missing or absent')
    await fillDate(page, 'last_seen_at', daysAgo(1), '25:10')
    await submit('Report')
    await page.waitForSelector('.govuk-error-summary')
    assert.match(await page.textContent('#last_seen_at-error'), /24-hour/)
    // yesterday at 18:05 UK time, shown back as 18:05
    await fillDate(page, 'last_seen_at', daysAgo(1), '18:05')
    await submit('Report')
    await page.waitForURL(/\/episodes\/[^/]+$/)
    const [y, m, d] = daysAgo(1).split('-')
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    assert.match(await page.textContent('main'), new RegExp(`${Number(d)} ${months[Number(m) - 1]} ${y}, 18:05`))
  })
})
