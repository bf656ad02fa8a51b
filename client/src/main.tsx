import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@glideapps/glide-data-grid/dist/index.css'
import './styles/tokens.css'
import './styles/app.css'
import './styles/identity.css'
import './styles/i18n.css'
import './styles/landing.css'
import './styles/admin.css'
import './styles/inbox.css'
import './styles/board.css'
import './styles/presence.css'
import './styles/chart.css'
import './styles/sync.css'
import './styles/notices.css'
import './styles/auth.css'
import './styles/comments.css'
import './styles/flags.css'
import './styles/forecast.css'
import './styles/versions.css'
import './styles/history.css'
import './styles/excel.css'
import './styles/settings.css'
import './styles/cycle.css'
import './styles/meeting.css'
import './styles/scenarios.css'
import './styles/executive.css'
import './styles/sites.css'
import { App } from './app/app.js'
import { setUpI18n } from './i18n/i18n.js'

setUpI18n()

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js'))
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
