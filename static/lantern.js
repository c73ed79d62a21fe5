// lantern.js: starts GOV.UK Frontend's components. Loaded as a module (deferred); the
// Content-Security-Policy forbids inline script, so the body classes GOV.UK Frontend
// expects are added here. Every page works without it.
import { initAll } from './govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
