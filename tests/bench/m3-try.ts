import { forecastSeries, smape } from '@tandem/shared'
import { readM3Monthly } from './m3-series.js'
const series = await readM3Monthly()
let total = 0
for (const s of series) total += smape(s.test, forecastSeries(s.train, { seasonLength: 12, horizon: s.test.length }).values)
console.log(process.env.LIM, (total / series.length).toFixed(3))
