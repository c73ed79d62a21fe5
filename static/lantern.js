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
