// helpers.mjs: a real browser for page tests: Debian's /usr/bin/chromium driven by
// playwright-core (no downloaded browser), headless, with a fresh profile each time;
// axe-core accessibility checks; screenshots into tests/browser/screenshots/ (not
// committed).
//
//   const b = await launchBrowser()
//   await b.page.goto(srv.url + '/sign-in')
//   await checkA11y(b.page)            // throws on serious or critical violations
//   await screenshot(b.page, 'sign-in')
//   await b.close()
import { chromium } from 'playwright-core'
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../api/helpers.mjs'

export const CHROMIUM = '/usr/bin/chromium'
export const SCREENSHOTS = join(ROOT, 'tests', 'browser', 'screenshots')
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js')

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
]

// Resolves { context, page, close }. Console errors and failed requests on the page are
// collected in page.problems (a CSP violation shows up there).
export async function launchBrowser ({ javaScriptEnabled = true } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'lantern-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    javaScriptEnabled,
    viewport: { width: 1280, height: 900 }
  })
  const page = context.pages()[0] || await context.newPage()
  page.problems = []
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()) })
  page.on('pageerror', (e) => page.problems.push(String(e)))
  page.on('requestfailed', (r) => page.problems.push(`request failed: ${r.url()}`))
  const close = async () => {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  }
  return { context, page, close }
}

// Needs JavaScript enabled in the page (axe runs there).
// Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the current page. Throws listing
// every serious or critical violation; returns all violations otherwise.
//
// axe is injected with page.addScriptTag({ path }); Lantern's Content-Security-Policy
// (script-src 'self') rightly blocks that inline script, so the source is then
// evaluated through the DevTools protocol instead, which CSP does not govern. The CSP
// report that the blocked attempt leaves in page.problems is removed again.
export async function checkA11y (page) {
  const before = page.problems.length
  try {
    await page.addScriptTag({ path: AXE })
  } catch {
    page.problems.splice(before)
  }
  if (!await page.evaluate(() => typeof window.axe !== 'undefined')) {
    const source = await readFile(AXE, 'utf8')
    await page.evaluate(source)
    page.problems.splice(before)
  }
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }
    })
  })
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  if (bad.length) {
    const lines = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
    throw new Error(`axe found ${bad.length} serious/critical violation(s) on ${page.url()}:\n${lines.join('\n')}`)
  }
  return result.violations
}

export async function screenshot (page, name) {
  await mkdir(SCREENSHOTS, { recursive: true })
  const file = join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

// Fills a GOV.UK date input (#id is the day, then #id-month and #id-year) with an ISO
// date "YYYY-MM-DD", and for a date and time the 24-hour UK time ("18:05") in #id-time.
export async function fillDate (page, id, iso, time) {
  const [y, m, d] = iso.slice(0, 10).split('-')
  await page.fill(`#${id}`, String(Number(d)))
  await page.fill(`#${id}-month`, String(Number(m)))
  await page.fill(`#${id}-year`, y)
  if (time !== undefined) await page.fill(`#${id}-time`, time)
}
