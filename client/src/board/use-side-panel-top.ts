import { useEffect } from 'react'

/**
 * Keeps `--side-panel-top` at the toolbar's bottom edge, so the side panels (versions, settings)
 * open below the toolbar however many rows it wraps onto, and never cover its buttons.
 */
export function useSidePanelTop(): void {
  useEffect(() => {
    const toolbar = document.querySelector<HTMLElement>('.board .toolbar')
    if (!toolbar) return
    const root = document.documentElement
    const place = () =>
      root.style.setProperty(
        '--side-panel-top',
        `${Math.round(toolbar.getBoundingClientRect().bottom)}px`,
      )
    place()
    const observer = new ResizeObserver(place)
    observer.observe(toolbar)
    window.addEventListener('resize', place)
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', place)
      root.style.removeProperty('--side-panel-top')
    }
  }, [])
}
