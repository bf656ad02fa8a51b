import { describe, expect, it } from 'vitest'
import { accuracyViewSearch, readAccuracyView } from './accuracy-url.js'

describe('the Accuracy page URL', () => {
  it('names the lag and the scope, and reads back what it wrote', () => {
    const view = { lag: 3, family: 'Juice & tea', site: '', sku: 'SKU-1' }
    const search = accuracyViewSearch(view)
    expect(search).toBe('?lag=3&family=Juice+%26+tea&sku=SKU-1')
    expect(readAccuracyView(search)).toEqual(view)
  })

  it('reads a lag out of range, or none, as 1 and no scope as everything', () => {
    for (const search of ['', '?lag=0', '?lag=13', '?lag=2.5', '?lag=x'])
      expect(readAccuracyView(search)).toEqual({ lag: 1, family: '', site: '', sku: '' })
  })
})
