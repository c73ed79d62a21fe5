// tls.test.mjs: `lantern serve --tls-cert --tls-key` serves HTTPS only: the session
// cookie is __Host- and Secure, HSTS is sent, plain HTTP and TLS 1.1 are refused.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLantern, seedPartnership, insecureRequest, USERS, PASSWORD } from './helpers.mjs'

describe('HTTPS', () => {
  let srv
  before(async () => { srv = await startLantern({ seed: seedPartnership, tls: true }) })
  after(async () => { await srv?.stop() })

  test('sign-in over TLS sets a __Host- Secure cookie and HSTS', async () => {
    const res = await insecureRequest(`${srv.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USERS.social.username, password: PASSWORD })
    })
    assert.equal(res.status, 201, res.text)
    const cookie = res.headers['set-cookie'][0]
    assert.match(cookie, /^__Host-lantern=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Strict$/)
    assert.match(res.headers['strict-transport-security'], /max-age=31536000/)
    const token = cookie.split(';')[0]
    const me = await insecureRequest(`${srv.url}/api/v1/session`, { headers: { cookie: token } })
    assert.equal(me.status, 200)
    // The plain-HTTP cookie name is not accepted on a TLS server.
    const plain = await insecureRequest(`${srv.url}/api/v1/session`, { headers: { cookie: token.replace('__Host-lantern', 'lantern') } })
    assert.equal(plain.status, 401)
  })

  test('plain HTTP and old TLS versions are refused', async () => {
    await assert.rejects(fetch(srv.url.replace('https:', 'http:') + '/healthz'))
    await assert.rejects(insecureRequest(`${srv.url}/healthz`, { maxVersion: 'TLSv1.1' }))
  })
})
