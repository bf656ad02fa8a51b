import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@glideapps/glide-data-grid/dist/index.css'
import './styles.css'
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
