// session.test.mjs: signing in and out through the API and the pages, against a real
// server: cookies, CSRF, Origin, no user enumeration, rate limits, timeouts, disabled
// users, API tokens, bad input (always a 4xx problem+json, never a 5xx) and headers.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, seedPartnership, sql, USERS, PASSWORD } from './helpers.mjs'

const PROBLEM = 'https://lantern.invalid/problems/'

function assertProblem (res, status, slug) {
  assert.equal(res.status, status, res.text)
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/)
  assert.equal(res.json.type, PROBLEM + slug)
  assert.equal(res.json.status, status)
}

async function signIn (c, who = USERS.social, password = PASSWORD) {
  return c.post('/api/v1/session', { json: { username: who.username, password } })
}

describe('API session', () => {
  let srv
  before(async () => { srv = await startLantern({ seed: seedPartnership }) })
  after(async () => { await srv?.stop() })

  test('sign in sets a hashed, HttpOnly, SameSite=Strict cookie and returns the CSRF token', async () => {
    const c = srv.client()
    const res = await signIn(c)
    assert.equal(res.status, 201, res.text)
    const cookie = res.headers.get('set-cookie')
    assert.match(cookie, /^lantern=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/)
    assert.match(res.json.csrf_token, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(res.json.user.username, USERS.social.username)
    assert.equal(res.json.user.agency, USERS.social.agency)
    assert.deepEqual(res.json.user.roles, ['social_worker'])
    // Only a hash of the token is stored.
    const token = c.cookies.get('lantern')
    const stored = await sql(srv.db, 'SELECT token_hash FROM sessions')
    assert.ok(!stored.includes(token))
    assert.match(stored, /^[0-9a-f]{64}$/m)
    const me = await c.get('/api/v1/session')
    assert.equal(me.status, 200)
    assert.equal(me.json.user.display_name, USERS.social.display)
    assert.equal(me.json.csrf_token, res.json.csrf_token)
  })

  test('unknown user and wrong password get the same answer (no enumeration)', async () => {
    const c = srv.client()
    const times = { unknown: [], wrong: [] }
    let unknown, wrong
    for (let i = 0; i < 2; i++) {
      let t = performance.now()
      unknown = await c.post('/api/v1/session', { json: { username: 'nobody.here', password: 'whatever-password' } })
      times.unknown.push(performance.now() - t)
      t = performance.now()
      wrong = await signIn(c, USERS.police, 'not-the-right-password')
      times.wrong.push(performance.now() - t)
    }
    assertProblem(unknown, 401, 'unauthenticated')
    assertProblem(wrong, 401, 'unauthenticated')
    assert.equal(unknown.text, wrong.text)
    assert.equal(unknown.headers.get('set-cookie'), null)
    // Both cost one argon2id verification: the slower may not be more than 3x the other.
    const u = Math.min(...times.unknown)
    const w = Math.min(...times.wrong)
    assert.ok(Math.max(u, w) / Math.min(u, w) < 3, `timings differ: unknown ${u} ms, wrong ${w} ms`)
  })

  test('bad input is a 4xx problem, never a 5xx', async () => {
    const c = srv.client()
    assertProblem(await c.post('/api/v1/session', { json: '{"username":' }), 400, 'malformed-request')
    assertProblem(await c.post('/api/v1/session', { json: '[1]' }), 400, 'malformed-request')
    assertProblem(await c.post('/api/v1/session', { json: '{"username":"a","username":"b","password":"x"}' }), 400, 'malformed-request')
    assertProblem(await c.post('/api/v1/session', { json: '{"a":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}' }), 400, 'malformed-request')
    let r = await c.post('/api/v1/session', { json: { username: 5, password: true } })
    assertProblem(r, 422, 'validation')
    assert.deepEqual(r.json.errors.map((e) => e.field).sort(), ['password', 'username'])
    r = await c.post('/api/v1/session', { json: {} })
    assertProblem(r, 422, 'validation')
    r = await c.post('/api/v1/session', { json: { username: 'x', password: 'y', admin: true } })
    assertProblem(r, 422, 'validation')
    assert.ok(!r.text.includes('admin'), 'the unknown key is not echoed')
    r = await c.post('/api/v1/session', { json: { username: 'a\u0001b', password: 'y' } })
    assertProblem(r, 422, 'validation')
    r = await c.post('/api/v1/session', { body: 'username=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    assertProblem(r, 415, 'unsupported-media-type')
    r = await c.post('/api/v1/session', { json: JSON.stringify({ username: 'x', password: 'y'.repeat((1 << 20) + 10) }) })
    assertProblem(r, 413, 'too-large')
    assertProblem(await c.get('/api/v1/nothing-here'), 404, 'not-found')
    r = await c.put('/api/v1/session', { json: {} })
    assertProblem(r, 405, 'method-not-allowed')
    assert.equal(r.headers.get('allow'), 'GET, HEAD, POST, DELETE')
    assertProblem(await c.get('/api/v1/session'), 401, 'unauthenticated')
    const n = await sql(srv.db, "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'x'")
    assert.equal(n.trim(), '0')
  })

  test('a cross-origin sign-in is refused', async () => {
    const c = srv.client()
    const r = await c.post('/api/v1/session', {
      json: { username: USERS.social.username, password: PASSWORD },
      headers: { origin: 'https://evil.example' }
    })
    assertProblem(r, 403, 'csrf')
    assert.equal(r.headers.get('set-cookie'), null)
    const r2 = await c.post('/api/v1/session', {
      json: { username: USERS.social.username, password: PASSWORD },
      headers: { 'sec-fetch-site': 'cross-site' }
    })
    assertProblem(r2, 403, 'csrf')
  })

  test('sign out needs the CSRF token, then the session is gone', async () => {
    const c = srv.client()
    const res = await signIn(c)
    const token = c.cookies.get('lantern')
    assertProblem(await c.delete('/api/v1/session'), 403, 'csrf')
    assertProblem(await c.delete('/api/v1/session', { headers: { 'x-csrf-token': 'x'.repeat(43) } }), 403, 'csrf')
    const out = await c.delete('/api/v1/session', { headers: { 'x-csrf-token': res.json.csrf_token } })
    assert.equal(out.status, 204)
    assert.match(out.headers.get('set-cookie'), /Max-Age=0/)
    c.cookies.set('lantern', token) // replaying the old cookie does not work
    assertProblem(await c.get('/api/v1/session'), 401, 'unauthenticated')
  })

  test('signing in again gives a new session token and ends the old one', async () => {
    const c = srv.client()
    await signIn(c)
    const first = c.cookies.get('lantern')
    await signIn(c)
    const second = c.cookies.get('lantern')
    assert.notEqual(first, second)
    const old = srv.client()
    old.cookies.set('lantern', first)
    assertProblem(await old.get('/api/v1/session'), 401, 'unauthenticated')
    assert.equal((await c.get('/api/v1/session')).status, 200)
  })

  test('idle and absolute timeouts end a session', async () => {
    const c = srv.client()
    await signIn(c, USERS.police)
    assert.equal((await c.get('/api/v1/session')).status, 200)
    // 16 minutes idle (default idle timeout 15 minutes).
    await sql(srv.db, `UPDATE sessions SET last_seen_at = last_seen_at - 960 WHERE user_id = (SELECT id FROM users WHERE username = '${USERS.police.username}')`)
    assertProblem(await c.get('/api/v1/session'), 401, 'unauthenticated')
    await signIn(c, USERS.police)
    // Active all along but created 13 hours ago (absolute timeout 12 hours).
    await sql(srv.db, `UPDATE sessions SET created_at = created_at - 46800 WHERE user_id = (SELECT id FROM users WHERE username = '${USERS.police.username}')`)
    assertProblem(await c.get('/api/v1/session'), 401, 'unauthenticated')
  })

  test('disabling a user ends their sessions at once and stops them signing in', async () => {
    const c = srv.client()
    assert.equal((await signIn(c, USERS.spare)).status, 201)
    assert.equal((await c.get('/api/v1/session')).status, 200)
    await srv.run('user', 'disable', USERS.spare.username)
    assertProblem(await c.get('/api/v1/session'), 401, 'unauthenticated')
    const again = await signIn(c, USERS.spare)
    assertProblem(again, 401, 'unauthenticated')
    assert.equal(again.json.detail, 'The username or password is not correct.')
  })

  test('personal API tokens: created once, used as Bearer on the API only, revocable', async () => {
    const c = srv.client()
    const s = await signIn(c, USERS.police)
    assertProblem(await c.post('/api/v1/tokens', { json: { label: 'case system' } }), 403, 'csrf')
    const created = await c.post('/api/v1/tokens', { json: { label: 'case system' }, headers: { 'x-csrf-token': s.json.csrf_token } })
    assert.equal(created.status, 201, created.text)
    const token = created.json.token
    assert.match(token, /^[A-Za-z0-9_-]{43}$/)
    const stored = await sql(srv.db, 'SELECT token_hash FROM api_tokens')
    assert.ok(!stored.includes(token))

    const api = srv.client()
    const bearer = { authorization: `Bearer ${token}` }
    const me = await api.get('/api/v1/session', { headers: bearer })
    assert.equal(me.status, 200)
    assert.equal(me.json.bearer, true)
    assert.equal(me.json.user.username, USERS.police.username)
    assert.equal(me.json.csrf_token, undefined)
    // A Bearer token does not sign anyone in to the pages.
    const page = await api.get('/', { headers: bearer })
    assert.equal(page.status, 303)
    // Tokens cannot mint tokens.
    assertProblem(await api.post('/api/v1/tokens', { json: { label: 'x' }, headers: bearer }), 403, 'forbidden')
    const list = await c.get('/api/v1/tokens')
    assert.equal(list.json.tokens.length, 1)
    assert.ok(!JSON.stringify(list.json).includes(token))

    assertProblem(await c.delete(`/api/v1/tokens/${created.json.id}`), 403, 'csrf')
    const rev = await c.delete(`/api/v1/tokens/${created.json.id}`, { headers: { 'x-csrf-token': s.json.csrf_token } })
    assert.equal(rev.status, 204)
    assertProblem(await api.get('/api/v1/session', { headers: bearer }), 401, 'unauthenticated')
    assertProblem(await c.delete(`/api/v1/tokens/${created.json.id}`, { headers: { 'x-csrf-token': s.json.csrf_token } }), 404, 'not-found')
    assertProblem(await api.get('/api/v1/session', { headers: { authorization: 'Bearer not-a-token' } }), 401, 'unauthenticated')
  })

  test('every answer carries the security headers', async () => {
    const c = srv.client()
    for (const path of ['/sign-in', '/api/v1/session', '/nope', '/static/lantern.css']) {
      const r = await c.get(path)
      assert.match(r.headers.get('content-security-policy'), /default-src 'self'; script-src 'self'.*frame-ancestors 'none'/)
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff')
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer')
      assert.equal(r.headers.get('x-frame-options'), 'DENY')
      assert.equal(r.headers.get('strict-transport-security'), null) // plain HTTP
      const cc = r.headers.get('cache-control')
      if (path.startsWith('/static/')) assert.match(cc, /public/)
      else assert.equal(cc, 'no-store')
    }
  })

  test('the log has one line per request with the route pattern, never secrets', async () => {
    const c = srv.client()
    await c.get('/api/v1/tokens/some-id-value?q=secret-search-term')
    await signIn(c)
    const logs = srv.logs()
    assert.match(logs, /request method=POST route=\/api\/v1\/session status=201/)
    assert.ok(!logs.includes('secret-search-term'))
    assert.ok(!logs.includes('some-id-value'))
    assert.ok(!logs.includes(PASSWORD))
    assert.ok(!logs.includes(c.cookies.get('lantern')))
  })
})

describe('sign-in rate limits', () => {
  let srv
  before(async () => { srv = await startLantern({ seed: seedPartnership }) })
  after(async () => { await srv?.stop() })

  test('an account is limited after repeated failures, even with the right password', async () => {
    const c = srv.client()
    for (let i = 0; i < 5; i++) {
      assertProblem(await signIn(c, USERS.police, 'wrong-password-attempt'), 401, 'unauthenticated')
    }
    const limited = await signIn(c, USERS.police)
    assertProblem(limited, 429, 'rate-limited')
    assert.ok(Number(limited.headers.get('retry-after')) >= 1)
    // Another account from the same address still works.
    assert.equal((await signIn(c, USERS.social)).status, 201)
  })

  test('an address is limited across accounts', async () => {
    const c = srv.client()
    let limited = null
    for (let i = 0; i < 40 && !limited; i++) {
      const r = await c.post('/api/v1/session', { json: { username: `nobody${i}`, password: 'wrong-password-attempt' } })
      if (r.status === 429) limited = r
      else assert.equal(r.status, 401)
    }
    assert.ok(limited, 'the address was never limited')
    assertProblem(limited, 429, 'rate-limited')
  })
})

describe('pages', () => {
  let srv
  before(async () => { srv = await startLantern({ seed: seedPartnership }) })
  after(async () => { await srv?.stop() })

  test('home needs a session; sign in by form, see name and agency, sign out with CSRF', async () => {
    const c = srv.client()
    let r = await c.get('/')
    assert.equal(r.status, 303)
    assert.equal(r.headers.get('location'), '/sign-in')
    r = await c.get('/sign-in')
    assert.equal(r.status, 200)
    assert.match(r.text, /<h1 class="govuk-heading-l">Sign in to Lantern<\/h1>/)
    r = await c.post('/sign-in', { form: { username: USERS.social.username, password: PASSWORD } })
    assert.equal(r.status, 303)
    assert.equal(r.headers.get('location'), '/')
    r = await c.get('/')
    assert.equal(r.status, 200)
    assert.ok(r.text.includes('Sam Social (synthetic)'))
    assert.ok(r.text.includes('Northbridge Children&#39;s Services'))
    const csrf = r.text.match(/name="csrf_token" value="([A-Za-z0-9_-]{43})"/)[1]
    assert.equal((await c.get('/sign-in')).status, 303) // already signed in
    r = await c.post('/sign-out', { form: {} })
    assert.equal(r.status, 403)
    r = await c.post('/sign-out', { form: { csrf_token: csrf } })
    assert.equal(r.status, 303)
    assert.equal(r.headers.get('location'), '/sign-in')
    assert.equal((await c.get('/')).status, 303)
  })

  test('form errors use the error summary; wrong credentials one message; nothing echoed raw', async () => {
    const c = srv.client()
    let r = await c.post('/sign-in', { form: { username: '', password: '' } })
    assert.equal(r.status, 422)
    assert.match(r.text, /<title>Error: Sign in – Lantern<\/title>/)
    assert.match(r.text, /govuk-error-summary/)
    assert.match(r.text, /<a href="#username">Enter your username<\/a>/)
    assert.match(r.text, /<a href="#password">Enter your password<\/a>/)
    r = await c.post('/sign-in', { form: { username: '<script>x</script>', password: 'wrong-password-attempt' } })
    assert.equal(r.status, 401)
    assert.match(r.text, /Enter a correct username and password/)
    assert.ok(!r.text.includes('<script>x</script>'))
    assert.ok(r.text.includes('&lt;script&gt;x&lt;/script&gt;'))
    const known = await c.post('/sign-in', { form: { username: USERS.police.username, password: 'wrong-password-attempt' } })
    assert.equal(known.status, 401)
    assert.equal(known.text.replace(USERS.police.username, 'U'), r.text.replace('&lt;script&gt;x&lt;/script&gt;', 'U'))
  })

  test('a cross-site form post is refused', async () => {
    const c = srv.client()
    const r = await c.post('/sign-in', {
      form: { username: USERS.social.username, password: PASSWORD },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }
    })
    assert.equal(r.status, 403)
    assert.equal(r.headers.get('set-cookie'), null)
    assert.ok(!r.text.includes('evil.example'))
  })

  test('error pages never echo the request', async () => {
    const c = srv.client()
    const r = await c.get('/nothing/%3Cb%3Ehello%3C%2Fb%3E?x=%3Cscript%3E')
    assert.equal(r.status, 404)
    assert.ok(!r.text.includes('hello'))
    assert.ok(!r.text.includes('script%3E') && !r.text.includes('<script>'))
  })
})
