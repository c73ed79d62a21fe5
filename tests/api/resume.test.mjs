// resume.test.mjs: nothing lost when a session ends (WCAG 2.2.1), over HTTP against a
// real server: a page asked for without a session comes back after signing in (and only
// to a local page); a form posted after its session timed out is kept sealed (its text
// never stored readable, its key never in a URL or cookie) and sent once its user signs
// in again, or offered when its session is not known; another user never gets it;
// "stay signed in" moves the end; a reset password leads to the page that sets a new one.
// Synthetic demo data only.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from './helpers.mjs'
import { startDemo, signInAs, one, northbrookRecord, DEMO_PASSWORD } from './demo.mjs'

// Signs in through the sign-in form (fields: extra hidden ones such as kept or return).
function signInForm (c, username, fields = {}, password = DEMO_PASSWORD) {
  return c.post('/sign-in', { form: { username, password, ...fields } })
}

const csrfOf = (html) => html.match(/name="csrf_token" value="([A-Za-z0-9_-]{43})"/)[1]
const keptOf = (html) => (html.match(/name="kept" value="([A-Za-z0-9_-]{43})"/) || [])[1]

// Ages every session of a user past the idle timeout (15 minutes by default).
const age = (db, username) => sql(db, `UPDATE sessions SET last_seen_at = last_seen_at - 1200
  WHERE user_id = (SELECT id FROM users WHERE username = '${username}')`)

describe('carrying on after a session ends', () => {
  let srv, ref, childId
  before(async () => {
    srv = await startDemo()
    ref = await northbrookRecord(srv.db)
    childId = await one(srv.db, `SELECT child_id FROM records WHERE reference = '${ref}'`)
  })
  after(async () => { await srv?.stop() })

  test('a page asked for without a session comes back after signing in, only locally', async () => {
    const c = srv.client()
    let r = await c.get(`/records/${ref}`)
    assert.equal(r.status, 303)
    assert.equal(r.headers.get('location'), `/sign-in?return=/records/${ref}`)
    r = await c.get(`/sign-in?return=/records/${ref}`)
    assert.match(r.text, new RegExp(`name="return" value="/records/${ref}"`))
    r = await signInForm(c, 'mash.northbrook', { return: `/records/${ref}` })
    assert.equal(r.status, 303)
    assert.equal(r.headers.get('location'), `/records/${ref}`)
    for (const evil of ['//evil.invalid/x', 'https://evil.invalid/', '/\\evil.invalid', '/sign-out']) {
      const d = srv.client()
      const page = await d.get(`/sign-in?return=${encodeURIComponent(evil)}`)
      assert.doesNotMatch(page.text, /name="return"/)
      const s = await signInForm(d, 'mash.northbrook', { return: evil })
      assert.equal(s.status, 303)
      assert.equal(s.headers.get('location'), '/', evil)
    }
  })

  test('a form posted after its session timed out is kept sealed and sent after signing in', async () => {
    const c = srv.client()
    await signInForm(c, 'mash.northbrook')
    const form = await c.get(`/children/${childId}/details`)
    assert.equal(form.status, 200)
    const csrf = csrfOf(form.text)
    await age(srv.db, 'mash.northbrook')
    const school = 'Kept Form Academy (synthetic)'
    const posted = await c.post(`/children/${childId}/details`, {
      form: { csrf_token: csrf, school, reason: 'Moved school after half term' }
    })
    assert.equal(posted.status, 401)
    assert.match(posted.text, /Sign in to Lantern/)
    assert.match(posted.text, /Nothing you typed is lost: sign in again and it will be sent/)
    const kept = keptOf(posted.text)
    assert.ok(kept, 'the sign-in page carries the kept form\'s key')
    // stored sealed, bound to its user, the key nowhere but the page
    assert.equal(await one(srv.db, 'SELECT count(*) FROM kept_forms'), '1')
    const row = await sql(srv.db, 'SELECT username, trusted, path, sealed, key_hash FROM kept_forms')
    assert.match(row, new RegExp(`^mash.northbrook\\|1\\|/children/${childId}/details\\|`))
    assert.ok(!row.includes('Kept Form Academy') && !row.includes('Kept+Form'))
    assert.ok(!row.includes(kept))
    assert.equal(await one(srv.db, `SELECT school = '${school}' FROM children WHERE id = '${childId}'`), '0')
    for (const [name] of c.cookies) assert.ok(!c.cookies.get(name).includes(kept))
    assert.ok(!(posted.headers.get('location') || '').includes(kept))

    // another user who signs in with the key does not get it; it stays for its user
    const other = srv.client()
    const wrong = await signInForm(other, 'social.northbrook', { kept })
    assert.equal(wrong.status, 303)
    assert.equal(wrong.headers.get('location'), '/')
    assert.equal(await one(srv.db, 'SELECT count(*) FROM kept_forms'), '1')

    // its user: the form is sent as they sign in, and they land on what it saved
    const back = await signInForm(c, 'mash.northbrook', { kept })
    assert.equal(back.status, 303, back.text.slice(0, 300))
    assert.match(back.headers.get('location'), new RegExp(`^/children/${childId}/history\\?saved=cdc_`))
    assert.equal(await one(srv.db, `SELECT school FROM children WHERE id = '${childId}'`), school)
    assert.equal(await one(srv.db, 'SELECT count(*) FROM kept_forms'), '0')
    const hist = await c.get(back.headers.get('location'))
    assert.match(hist.text, /Saved: [^<]*School/)
    // used once: the same key again sends nothing
    const again = await signInForm(srv.client(), 'mash.northbrook', { kept })
    assert.equal(again.headers.get('location'), '/')
    assert.equal(await one(srv.db, `SELECT count(*) FROM child_changes WHERE child_id = '${childId}' AND new_value = '${school}'`), '1')
  })

  test('a kept form whose session is not known is offered, not sent, after signing in', async () => {
    const c = srv.client()
    await signInForm(c, 'mash.northbrook')
    const csrf = csrfOf((await c.get(`/children/${childId}/details`).then((r) => r)).text)
    // the session is gone altogether (signed out elsewhere): nothing says whose it was
    await sql(srv.db, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'mash.northbrook')")
    const posted = await c.post(`/children/${childId}/details`, { form: { csrf_token: csrf, school: 'Offered Academy (synthetic)' } })
    assert.equal(posted.status, 401)
    assert.match(posted.text, /you can send it then/)
    assert.equal(await one(srv.db, 'SELECT username IS NULL AND trusted = 0 FROM kept_forms'), '1')
    const kept = keptOf(posted.text)
    const s = await signInForm(c, 'mash.northbrook', { kept })
    assert.equal(s.status, 200)
    assert.match(s.text, /Send the form you started\?/)
    assert.match(s.text, new RegExp(`/children/${childId}/details`))
    assert.equal(await one(srv.db, `SELECT school = 'Offered Academy (synthetic)' FROM children WHERE id = '${childId}'`), '0')
    const offered = keptOf(s.text)
    assert.notEqual(offered, kept)
    assert.equal(await one(srv.db, 'SELECT username FROM kept_forms'), 'mash.northbrook')
    // not sent without the CSRF token of the new session
    assert.equal((await c.post('/session/kept', { form: { kept: offered, send: '1' } })).status, 403)
    const sent = await c.post('/session/kept', { form: { csrf_token: csrfOf(s.text), kept: offered, send: '1' } })
    assert.equal(sent.status, 303)
    assert.equal(await one(srv.db, `SELECT school FROM children WHERE id = '${childId}'`), 'Offered Academy (synthetic)')

    // and one the user chooses not to send is dropped
    await sql(srv.db, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'mash.northbrook')")
    const p2 = await c.post(`/children/${childId}/details`, { form: { csrf_token: csrf, school: 'Dropped Academy (synthetic)' } })
    const s2 = await signInForm(c, 'mash.northbrook', { kept: keptOf(p2.text) })
    const dropped = await c.post('/session/kept', { form: { csrf_token: csrfOf(s2.text), kept: keptOf(s2.text), discard: '1' } })
    assert.equal(dropped.status, 303)
    assert.equal(await one(srv.db, 'SELECT count(*) FROM kept_forms'), '0')
    assert.equal(await one(srv.db, `SELECT school FROM children WHERE id = '${childId}'`), 'Offered Academy (synthetic)')
  })

  test('"stay signed in" moves the end of the session; the pages say when it is', async () => {
    const c = srv.client()
    await signInForm(c, 'social.northbrook')
    const home = await c.get('/')
    assert.match(home.text, /Signed in until <span class="lantern-session__ends">\d\d:\d\d<\/span>/)
    assert.match(home.text, /data-seconds-left="(8\d\d|9\d\d)"/)
    const page = await c.get('/session')
    assert.match(page.text, /Your session ends at <strong>\d\d:\d\d<\/strong>/)
    await sql(srv.db, "UPDATE sessions SET last_seen_at = last_seen_at - 600 WHERE user_id = (SELECT id FROM users WHERE username = 'social.northbrook')")
    const before = Number(await one(srv.db, "SELECT max(last_seen_at) FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'social.northbrook')"))
    const r = await c.post('/session/extend', { headers: { accept: 'application/json', 'x-csrf-token': csrfOf(home.text) } })
    assert.equal(r.status, 200, r.text)
    assert.ok(r.json.seconds_left > 880, JSON.stringify(r.json))
    assert.match(r.json.ends, /^\d\d:\d\d$/)
    const after = Number(await one(srv.db, "SELECT max(last_seen_at) FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'social.northbrook')"))
    assert.ok(after >= before + 600)
    // without JavaScript: a form, back to the page it came from
    const f = await c.post('/session/extend', { form: { csrf_token: csrfOf(home.text), return: `/records/${ref}` } })
    assert.equal(f.status, 303)
    assert.equal(f.headers.get('location'), `/records/${ref}`)
    // without its CSRF token, nothing
    assert.equal((await c.post('/session/extend', { form: {} })).status, 403)
    // once ended, the warning's request is refused
    await age(srv.db, 'social.northbrook')
    const ended = await c.post('/session/extend', { headers: { accept: 'application/json', 'x-csrf-token': csrfOf(home.text) } })
    assert.equal(ended.status, 401)
  })

  test('a reset password leads to the page that sets a new one, and nowhere else', async () => {
    const admin = await signInAs(srv, 'admin')
    const reset = await admin.post('/api/v1/users/school.northbrook/password-reset', { json: { password: 'a-temporary-pass-phrase' } })
    assert.equal(reset.status, 200, reset.text)
    const c = srv.client()
    assert.equal((await signInForm(c, 'school.northbrook')).status, 401) // the old one is gone
    const s = await signInForm(c, 'school.northbrook', {}, 'a-temporary-pass-phrase')
    assert.equal(s.headers.get('location'), '/account/password')
    for (const path of ['/', `/records/${ref}`, '/children/find']) {
      const r = await c.get(path)
      assert.equal(r.status, 303, path)
      assert.equal(r.headers.get('location'), '/account/password')
    }
    const page = await c.get('/account/password')
    assert.match(page.text, /Set a new password/)
    const csrf = csrfOf(page.text)
    const mismatch = await c.post('/account/password', { form: { csrf_token: csrf, current_password: 'a-temporary-pass-phrase', new_password: 'my-own-pass-phrase-1', confirm_password: 'something-else-here' } })
    assert.equal(mismatch.status, 422)
    assert.match(mismatch.text, /Type the same new password twice/)
    assert.ok(!mismatch.text.includes('my-own-pass-phrase-1'))
    const ok = await c.post('/account/password', { form: { csrf_token: csrf, current_password: 'a-temporary-pass-phrase', new_password: 'my-own-pass-phrase-1', confirm_password: 'my-own-pass-phrase-1' } })
    assert.equal(ok.status, 200)
    assert.match(ok.text, /Your password has been changed/)
    assert.equal((await c.get('/')).status, 200)
  })
})
