// helpers.mjs: start a real Lantern server for API tests.
//
//   const srv = await startLantern({ seed: async ({ run }) => { await run('user', 'add', ...) } })
//   const res = await srv.client().post('/api/v1/session', { json: { username, password } })
//   await srv.stop()
//
// Each server gets a fresh temporary directory with its own SQLite database
// (`lantern init --db sqlite:DIR/t.db`), a free loopback port, plain HTTP and
// secure_cookies=false (browsers and fetch do not send Secure cookies over http://).
// The binary is $LANTERN_BIN (scripts/test-node.sh sets it). All data is synthetic.
import { spawn, execFile } from 'node:child_process'
import { request as httpsRequest } from 'node:https'
import { mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

export function lanternBin () {
  const bin = process.env.LANTERN_BIN
  if (!bin) throw new Error('LANTERN_BIN is not set (run through scripts/test-node.sh)')
  return bin
}

// Runs `lantern ARGS...` to completion; resolves {code, stdout, stderr} (never rejects
// on a non-zero exit: tests check code themselves).
export function runLantern (args, { env = {}, input } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(lanternBin(), args, {
      env: { ...process.env, ...env },
      cwd: ROOT,
      timeout: 60_000,
      maxBuffer: 16 << 20
    }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err)
      resolvePromise({ code: err ? err.code : 0, stdout, stderr })
    })
    if (input !== undefined) child.stdin.end(input)
  })
}

export function freePort () {
  return new Promise((resolvePromise, reject) => {
    const s = createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolvePromise(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// A tiny fetch wrapper with a cookie jar, so that a session cookie set by one call is
// sent on the next. Options: json (sent as application/json), form (object sent as
// urlencoded), headers, redirect ('manual' by default so tests see 303s).
export class Client {
  constructor (base) {
    this.base = base
    this.cookies = new Map()
  }

  cookieHeader () {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async request (method, path, { json, form, body, headers = {}, redirect = 'manual' } = {}) {
    const h = { ...headers }
    if (this.cookies.size) h.cookie = this.cookieHeader()
    let payload = body
    if (json !== undefined) {
      h['content-type'] = 'application/json'
      payload = typeof json === 'string' ? json : JSON.stringify(json)
    } else if (form !== undefined) {
      h['content-type'] = 'application/x-www-form-urlencoded'
      payload = new URLSearchParams(form).toString()
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (/max-age=0/i.test(c) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const bytes = Buffer.from(await res.arrayBuffer()) // the bytes, for downloads
    const text = bytes.toString('utf8')
    let data
    const ct = res.headers.get('content-type') || ''
    if (ct.includes('json') && text) {
      try { data = JSON.parse(text) } catch { data = undefined }
    }
    return { status: res.status, headers: res.headers, text, json: data, bytes }
  }

  get (path, opts) { return this.request('GET', path, opts) }
  post (path, opts) { return this.request('POST', path, opts) }
  put (path, opts) { return this.request('PUT', path, opts) }
  delete (path, opts) { return this.request('DELETE', path, opts) }
}

// Starts `lantern serve` on a fresh database. Options:
//   seed: async ({ run, db, dir }) => {}   extra setup before the server starts
//   env:  extra environment for every lantern command
//   serveArgs: extra arguments for `lantern serve` (or a function ({dir, db}) => [...])
//   tls:  true to serve HTTPS with a throwaway self-signed certificate made by openssl
//         (secure cookies stay on; use insecureRequest() to talk to it)
// Resolves { url, port, db, dir, run, client, logs, stop }.
export async function startLantern ({ seed, env = {}, serveArgs = [], tls = false } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'lantern-test-'))
  const db = `sqlite:${join(dir, 't.db')}`
  const baseEnv = {
    LANTERN_SECURE_COOKIES: tls ? 'true' : 'false',
    LANTERN_STATIC_DIR: join(ROOT, 'static'),
    LANTERN_LOG_LEVEL: 'info',
    ...env
  }
  // run('user', 'add', ..., { input: 'password\n' }): a trailing object gives options.
  const run = async (...args) => {
    const opts = args.length && typeof args[args.length - 1] === 'object' ? args.pop() : {}
    const r = await runLantern([...args, '--db', db], { env: baseEnv, input: opts.input })
    if (r.code !== 0) {
      throw new Error(`lantern ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`)
    }
    return r
  }
  const cleanup = () => rm(dir, { recursive: true, force: true })
  try {
    await run('init')
    if (seed) await seed({ run, db, dir })
    if (tls) await makeCertificate(dir)
  } catch (e) {
    await cleanup()
    throw e
  }

  const port = await freePort()
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`
  const extra = typeof serveArgs === 'function' ? serveArgs({ dir, db }) : serveArgs
  if (tls) extra.push('--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem'))
  const child = spawn(lanternBin(),
    ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...extra],
    { env: { ...process.env, ...baseEnv }, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (d) => { output = (output + d.toString()).slice(-200_000) }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  let exited = null
  const exitPromise = new Promise((r) => child.on('exit', (code, sig) => {
    exited = { code, sig }
    r(exited)
  }))

  const deadline = Date.now() + 15_000
  for (;;) {
    if (exited) {
      await cleanup()
      throw new Error(`lantern serve exited early (${JSON.stringify(exited)}):\n${output}`)
    }
    try {
      const res = tls ? await insecureRequest(`${url}/healthz`) : await fetch(`${url}/healthz`)
      if (res.status === 200) break
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      await cleanup()
      throw new Error(`lantern serve did not become ready:\n${output}`)
    }
    await sleep(50)
  }

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM')
      const t = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exitPromise
      clearTimeout(t)
    }
    await cleanup()
    return exited
  }
  return { url, port, db, dir, run, client: () => new Client(url), logs: () => output, stop }
}

// Runs SQL on the test database with the sqlite3 shell (for tests that age a session
// or inspect what was stored). Resolves stdout. The shell waits up to 5 s for the
// server's write lock (the server may be writing an audit event at that moment).
export function sql (db, statement) {
  const file = db.replace(/^sqlite:/, '')
  return new Promise((resolvePromise, reject) => {
    execFile('sqlite3', ['-cmd', '.timeout 5000', file, statement], (err, stdout, stderr) => {
      if (err) reject(new Error(`sqlite3: ${stderr || err.message}`))
      else resolvePromise(stdout)
    })
  })
}

// Waits until the server has moved every waiting view event from its view log into
// audit_events (it does so ten times a second), so that counting audit events gives a
// settled figure. Fails after 5 s.
export async function viewsSettled (db) {
  const log = db.replace(/^sqlite:/, '') + '-viewlog'
  for (let i = 0; i < 250; i++) {
    if (!existsSync(log)) return
    if ((await sql('sqlite:' + log, 'SELECT count(*) FROM pending')).trim() === '0') return
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 20))
  }
  throw new Error('view events still waiting in the view log after 5 s')
}

// A small synthetic partnership: one borough, a police force and a children's services
// department, and users in each (every name made up). Passwords are at least 12
// characters (the policy).
export const PASSWORD = 'synthetic-pass-phrase-1'
export const USERS = {
  social: { username: 'sam.social', display: 'Sam Social (synthetic)', agency: 'Northbridge Children\'s Services', role: 'social_worker' },
  police: { username: 'pat.police', display: 'Pat Police (synthetic)', agency: 'Northbridge Police', role: 'police_officer' },
  spare: { username: 'robin.spare', display: 'Robin Spare (synthetic)', agency: 'Northbridge Children\'s Services', role: 'social_worker' }
}

export async function seedPartnership ({ run }) {
  await run('borough', 'add', 'Northbridge', '--code', 'NB')
  await run('agency', 'add', 'Northbridge Police', '--type', 'police', '--borough', 'NB')
  await run('agency', 'add', 'Northbridge Children\'s Services', '--type', 'childrens_social_care', '--borough', 'NB')
  for (const u of Object.values(USERS)) {
    await run('user', 'add', u.username, '--agency', u.agency, '--role', u.role,
      '--display-name', u.display, '--password-stdin', { input: PASSWORD + '\n' })
  }
}

// A self-signed certificate for 127.0.0.1 in dir/cert.pem and dir/key.pem (tests only).
export function makeCertificate (dir) {
  return new Promise((resolvePromise, reject) => {
    execFile('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
      '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    (err, _out, stderr) => err ? reject(new Error(`openssl: ${stderr}`)) : resolvePromise())
  })
}

// An HTTPS request that accepts the test's self-signed certificate. Resolves
// { status, headers (lower-case names), text }.
export function insecureRequest (url, { method = 'GET', headers = {}, body, maxVersion } = {}) {
  return new Promise((resolvePromise, reject) => {
    const req = httpsRequest(url, { method, headers, rejectUnauthorized: false, maxVersion }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => { text += d })
      res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, text }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}
