// lantern.js: starts GOV.UK Frontend's components. Loaded as a module (deferred); the
// Content-Security-Policy forbids inline script, so the body classes GOV.UK Frontend
// expects are added here. Every page works without it.
import { initAll } from './govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// Category decisions: open the App B indicator list of the category just chosen (the
// lists are all there without JavaScript; this only saves a click).
for (const radio of document.querySelectorAll('input[name="category"]')) {
  radio.addEventListener('change', () => {
    for (const d of document.querySelectorAll('details.lantern-indicators')) {
      if (d.dataset.category === radio.value) d.open = true
    }
  })
}

// Print pages: the "Print this page" button works only with JavaScript, so it is shown
// only then (the page says how to print without it).
for (const button of document.querySelectorAll('[data-lantern-print]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}

// Session timeout (WCAG 2.2.1 Timing Adjustable). The account strip carries how many
// seconds the session has left (data-seconds-left) and when to warn (data-warn-seconds:
// two minutes before). Two minutes before the end a modal dialog says so and offers to
// stay signed in, which asks the server to start the idle time again (POST
// /session/extend with the CSRF token; no page load, so nothing typed is lost). At the
// end the dialog says the user has been signed out and that a form sent now is kept.
// Tabs share what they learn through localStorage, so using Lantern in one tab keeps
// the others from warning. Without JavaScript the strip and GET /session say the same.
const session = document.querySelector('[data-lantern-session]')
const dialog = document.getElementById('lantern-timeout')
if (session && dialog && typeof dialog.showModal === 'function') startSessionTimer(session, dialog)

function startSessionTimer (strip, dlg) {
  const KEY = 'lantern-session-deadline'
  const warnMs = Number(strip.dataset.warnSeconds || 120) * 1000
  let deadline = Date.now() + Number(strip.dataset.secondsLeft || 0) * 1000
  let ended = false
  let dismissed = false
  let lastSpoken = 0
  let returnFocus = null
  const warnPart = dlg.querySelector('[data-lantern-warn]')
  const endedPart = dlg.querySelector('[data-lantern-ended]')
  const left = dlg.querySelector('.lantern-timeout__left')
  const live = dlg.querySelector('[data-lantern-live]')
  const signIn = dlg.querySelector('[data-lantern-sign-in]')
  if (signIn && location.pathname !== '/') {
    signIn.href = '/sign-in?return=' + encodeURIComponent(location.pathname)
  }

  const share = (d) => { try { localStorage.setItem(KEY, String(d)) } catch (e) {} }
  const shared = () => { try { return Number(localStorage.getItem(KEY)) || 0 } catch (e) { return 0 } }
  share(deadline)
  window.addEventListener('storage', (e) => {
    if (e.key === KEY && Number(e.newValue) > deadline) deadline = Number(e.newValue)
  })

  const words = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000))
    const m = Math.floor(s / 60)
    const r = s % 60
    const mins = m ? `${m} minute${m === 1 ? '' : 's'}` : ''
    const secs = r || !m ? `${r} second${r === 1 ? '' : 's'}` : ''
    return [mins, secs].filter(Boolean).join(' ')
  }

  const open = () => {
    if (dlg.open) return
    returnFocus = document.activeElement
    warnPart.hidden = false
    endedPart.hidden = true
    dlg.showModal()
  }
  const close = () => {
    if (!dlg.open) return
    dlg.close()
    if (returnFocus && typeof returnFocus.focus === 'function') returnFocus.focus()
  }
  const signedOut = () => {
    ended = true
    warnPart.hidden = true
    endedPart.hidden = false
    if (!dlg.open && !dismissed) {
      returnFocus = document.activeElement
      dlg.showModal()
    }
    const first = endedPart.querySelector('a, button')
    if (first && dlg.open) first.focus()
  }

  const stay = async () => {
    const token = document.querySelector('input[name="csrf_token"]')
    try {
      const res = await fetch('/session/extend', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-CSRF-Token': token ? token.value : '' }
      })
      if (!res.ok) return signedOut()
      const s = await res.json()
      deadline = Date.now() + Number(s.seconds_left) * 1000
      share(deadline)
      const ends = strip.querySelector('.lantern-session__ends')
      if (ends && s.ends) ends.textContent = s.ends
      lastSpoken = 0
      close()
    } catch (e) {
      signedOut()
    }
  }

  const stayButton = dlg.querySelector('[data-lantern-stay]')
  if (stayButton) stayButton.addEventListener('click', stay)
  dlg.querySelector('[data-lantern-close]').addEventListener('click', () => { dismissed = true; close() })
  // Escape closes the warning: taken as "stay signed in" while there is time left
  dlg.addEventListener('cancel', (e) => {
    if (ended) { dismissed = true; return }
    e.preventDefault()
    if (stayButton) stay()
  })

  const tick = () => {
    if (ended) return
    deadline = Math.max(deadline, shared())
    const remaining = deadline - Date.now()
    if (remaining <= 0) return signedOut()
    if (remaining > warnMs) return close()
    open()
    left.textContent = words(remaining)
    // the screen reader hears the time left when the dialog opens and every 20 seconds
    if (!lastSpoken || Date.now() - lastSpoken >= 20000) {
      live.textContent = `You will be signed out in ${words(remaining)}.`
      lastSpoken = Date.now()
    }
  }
  setInterval(tick, 1000)
  tick()
}
